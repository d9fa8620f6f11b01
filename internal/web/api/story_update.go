package api

import (
	"net/http"

	"dateline/internal/desk"
)

func (s *Server) storyUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		desk.StoryInput
		Version *int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version == nil {
		return desk.FieldErrors{"version": "send the version you edited, from the last GET"}
	}
	st, err := s.desk.Update(r.Context(), actor(r), id, *in.Version, in.StoryInput)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}
