package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
)

func (s *Server) sectionSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	slug := strings.TrimSpace(r.PostFormValue("slug"))
	position, _ := strconv.Atoi(r.PostFormValue("position"))
	change := desk.SectionChange{Name: &name, Slug: &slug, Position: &position}
	if _, err := s.desk.UpdateSection(r.Context(), s.actor(r), id, change); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Section saved")
}
