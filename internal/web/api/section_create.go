package api

import (
	"net/http"

	"dateline/internal/section"
)

func (s *Server) sectionCreate(w http.ResponseWriter, r *http.Request) error {
	var in sectionJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v := section.Section{Slug: in.Slug, Name: in.Name, ParentID: in.ParentID, Position: in.Position}
	if err := s.desk.CreateSection(r.Context(), actor(r), &v); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, sectionJSON(v))
}
