package newsroom

import (
	"net/http"
	"net/url"
	"strconv"
)

// storyWireUpdate takes the agency's newer copy into a story, or marks it checked.
func (s *Server) storyWireUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	replace := r.PostFormValue("action") == "take"
	if _, err := s.desk.TakeWireUpdate(r.Context(), s.actor(r), id, version, replace); err != nil {
		return err
	}
	done := "Marked the wire update as checked"
	if replace {
		done = "Took the agency's new copy"
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
	return nil
}
