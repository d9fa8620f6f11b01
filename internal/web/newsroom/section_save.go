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
	position, _ := strconv.Atoi(r.PostFormValue("position"))
	if _, err := s.desk.UpdateSection(r.Context(), s.actor(r), id, desk.SectionChange{Name: &name, Position: &position}); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Section saved")
}
