package api

import (
	"net/http"

	"dateline/internal/desk"
)

func (s *Server) storyCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		desk.StoryInput
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	st, err := s.desk.Create(r.Context(), actor(r), in.StoryInput)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusCreated, st)
}
