package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/web"
)

// mediaShow serves any photo to signed-in staff, published or not.
func (s *Server) mediaShow(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return web.ErrNotFound
	}
	m, err := s.store.MediaByID(r.Context(), id)
	if err != nil {
		return err
	}
	return web.ServeMedia(w, r, s.blobs, m, "private, no-store")
}
