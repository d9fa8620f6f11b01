package api

import (
	"net/http"

	"dateline/internal/people"
)

// bureauUpdate changes the fields given; the others keep their values.
func (s *Server) bureauUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b, err := s.store.BureauByID(r.Context(), id)
	if err != nil {
		return err
	}
	in := bureauJSON(b)
	if err := decode(w, r, &in); err != nil {
		return err
	}
	b = people.Bureau{ID: id, Name: in.Name, City: in.City, TimeZone: in.TimeZone}
	if err := s.desk.UpdateBureau(r.Context(), actor(r), b); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, bureauJSON(b))
}
