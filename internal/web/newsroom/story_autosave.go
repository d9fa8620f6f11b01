package newsroom

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/web"
)

// storyAutosave keeps the form in the person's autosave slot: no revision, no version check.
func (s *Server) storyAutosave(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 0 {
		return web.ErrNotFound
	}
	f, _ := readForm(r)
	if err := s.desk.Autosave(r.Context(), s.actor(r), id, f.json()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write([]byte(`{"saved_at":"` + s.now().UTC().Format(time.RFC3339) + `"}`))
	return err
}
