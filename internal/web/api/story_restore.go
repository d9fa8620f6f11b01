package api

import "net/http"

// storyRestore takes a story out of the trash.
func (s *Server) storyRestore(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.RestoreStory(r.Context(), actor(r), id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"id": id, "trashed": false})
}
