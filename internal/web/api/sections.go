package api

import (
	"context"
	"net/http"

	"dateline/internal/section"
)

type sectionJSON struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	ParentID int64  `json:"parent_id"`
	Position int    `json:"position"`
	Path     string `json:"path"`
}

func (s *Server) sectionList(w http.ResponseWriter, r *http.Request) error {
	return writeSections(w, r, s.store)
}

// writeSections answers with every section; both APIs list them the same way.
func writeSections(w http.ResponseWriter, r *http.Request, store interface {
	Sections(context.Context) ([]section.Section, error)
}) error {
	secs, err := store.Sections(r.Context())
	if err != nil {
		return err
	}
	out := []sectionJSON{}
	for _, v := range secs {
		out = append(out, sectionJSON(v))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"sections": out})
}
