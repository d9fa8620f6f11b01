package api

import "net/http"

// storyDelete moves a story to the trash; with ?permanent=true an admin deletes it
// for good (a story once published then answers 410 Gone).
func (s *Server) storyDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("permanent") == "true" {
		if err := s.desk.DeleteStory(r.Context(), actor(r), id); err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"id": id, "deleted": true})
	}
	if err := s.desk.TrashStory(r.Context(), actor(r), id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"id": id, "trashed": true})
}
