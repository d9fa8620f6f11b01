package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/web"
)

func (s *Server) revisionRestore(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		return web.ErrNotFound
	}
	st, err := s.desk.Restore(r.Context(), s.actor(r), id, version)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Restored+version+"+strconv.Itoa(version), http.StatusSeeOther)
	return nil
}
