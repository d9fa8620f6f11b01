package newsroom

import (
	"net/http"
	"strconv"
	"strings"
)

// readerErase blanks one reader's email and address hashes on request, keeping the
// texts of their published comments.
func (s *Server) readerErase(w http.ResponseWriter, r *http.Request) error {
	n, err := s.desk.EraseReader(r.Context(), s.actor(r), strings.TrimSpace(r.PostFormValue("email")))
	if err != nil {
		return notSaved(err)
	}
	http.Redirect(w, r, "/newsroom/letters?erased="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
