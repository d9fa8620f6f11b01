package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/section"
)

func (s *Server) sectionCreate(w http.ResponseWriter, r *http.Request) error {
	sec := section.Section{Slug: strings.TrimSpace(r.PostFormValue("slug")), Name: strings.TrimSpace(r.PostFormValue("name"))}
	sec.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	sec.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	if err := s.desk.CreateSection(r.Context(), s.actor(r), &sec); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Section added")
}
