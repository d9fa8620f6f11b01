package newsroom

import (
	"net/http"
	"strings"

	"dateline/internal/people"
)

func (s *Server) bureauCreate(w http.ResponseWriter, r *http.Request) error {
	b := people.Bureau{Name: strings.TrimSpace(r.PostFormValue("name")), City: strings.TrimSpace(r.PostFormValue("city")),
		TimeZone: strings.TrimSpace(r.PostFormValue("time_zone"))}
	if err := s.desk.CreateBureau(r.Context(), s.actor(r), &b); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Bureau added")
}
