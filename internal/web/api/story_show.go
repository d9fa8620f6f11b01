package api

import (
	"net/http"
)

func (s *Server) storyShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	st, err := s.desk.Story(r.Context(), actor(r), id)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}
