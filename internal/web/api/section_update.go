package api

import (
	"net/http"

	"dateline/internal/desk"
)

func (s *Server) sectionUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Name     *string `json:"name"`
		Slug     *string `json:"slug"`
		Position *int    `json:"position"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.desk.UpdateSection(r.Context(), actor(r), id, desk.SectionChange{Name: in.Name, Slug: in.Slug, Position: in.Position})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sectionJSON(v))
}
