package api

import "net/http"

// mediaDelete deletes a photo no story uses, for good (admins).
func (s *Server) mediaDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.DeleteMedia(r.Context(), actor(r), id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"id": id, "deleted": true})
}
