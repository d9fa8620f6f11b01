package api

import (
	"net/http"

	"dateline/internal/people"
)

func (s *Server) bureauCreate(w http.ResponseWriter, r *http.Request) error {
	var in bureauJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	b := people.Bureau{Name: in.Name, City: in.City, TimeZone: in.TimeZone}
	if err := s.desk.CreateBureau(r.Context(), actor(r), &b); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, bureauJSON(b))
}
