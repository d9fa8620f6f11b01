package api

import (
	"net/http"
	"time"

	"dateline/internal/story"
)

func (s *Server) storyRevisions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.desk.Story(r.Context(), actor(r), id); err != nil {
		return err
	}
	revs, err := s.store.Revisions(r.Context(), id)
	if err != nil {
		return err
	}
	type revJSON struct {
		Version  int         `json:"version"`
		Headline string      `json:"headline"`
		Dek      string      `json:"dek"`
		Body     string      `json:"body_markdown"`
		State    story.State `json:"state"`
		SavedBy  int64       `json:"saved_by"`
		SavedAt  time.Time   `json:"saved_at"`
	}
	out := []revJSON{}
	for _, v := range revs {
		out = append(out, revJSON{v.Version, v.Headline, v.Dek, v.Body, v.State, v.SavedBy, v.SavedAt})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"revisions": out})
}
