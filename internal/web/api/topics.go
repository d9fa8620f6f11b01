package api

import (
	"context"
	"net/http"

	"dateline/internal/section"
)

type topicJSON struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

func (s *Server) topicList(w http.ResponseWriter, r *http.Request) error {
	return writeTopics(w, r, s.store)
}

// writeTopics answers with every topic; both APIs list them the same way.
func writeTopics(w http.ResponseWriter, r *http.Request, store interface {
	Topics(context.Context) ([]section.Topic, error)
}) error {
	list, err := store.Topics(r.Context())
	if err != nil {
		return err
	}
	out := []topicJSON{}
	for _, t := range list {
		out = append(out, topicJSON(t))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"topics": out})
}
