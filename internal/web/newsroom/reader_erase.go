package newsroom

import (
	"net/http"
	"strconv"
	"strings"
)

// readerErase removes one reader's details on request from all their messages;
// their published comments then say "A reader", or are deleted when asked.
func (s *Server) readerErase(w http.ResponseWriter, r *http.Request) error {
	if ok, err := s.confirmed(w, r, confirmPage{Heading: "Erase " + strings.TrimSpace(r.PostFormValue("email")) + "'s details?",
		Explain: "Their name, place, email and address go from every message of theirs, for good. " +
			"Their published comments then say “A reader”, or are deleted if you ticked that.",
		Button: "Erase their details", Back: "/newsroom/letters"}); !ok {
		return err
	}
	n, err := s.desk.EraseReader(r.Context(), s.actor(r), strings.TrimSpace(r.PostFormValue("email")),
		r.PostFormValue("remove_comments") == "on")
	if err != nil {
		return notSaved(err)
	}
	http.Redirect(w, r, "/newsroom/letters?erased="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}
