package api

import (
	"net/http"

	"dateline/internal/story"
)

func (s *Server) storyNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Kind story.NoteKind `json:"kind"`
		Text string         `json:"text"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	st, err := s.desk.AddNote(r.Context(), actor(r), id, in.Kind, in.Text)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}
