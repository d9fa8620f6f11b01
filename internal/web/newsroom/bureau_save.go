package newsroom

import (
	"net/http"
	"strings"

	"dateline/internal/people"
)

func (s *Server) bureauSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b := people.Bureau{ID: id, Name: strings.TrimSpace(r.PostFormValue("name")), City: strings.TrimSpace(r.PostFormValue("city")),
		TimeZone: strings.TrimSpace(r.PostFormValue("time_zone"))}
	if err := s.desk.UpdateBureau(r.Context(), s.actor(r), b); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Bureau saved")
}
