package api

import "net/http"

// messageDelete deletes a reader's message for good (admins).
func (s *Server) messageDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.DeleteMessage(r.Context(), actor(r), id); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"id": id, "deleted": true})
}
