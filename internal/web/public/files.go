package public

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/web"
)

// mediaShow serves a media file, but only while a published story leads with it:
// a draft's photo must not be reachable before the story is.
func (s *Server) mediaShow(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return web.ErrNotFound
	}
	public, err := s.store.MediaIsPublic(r.Context(), id)
	if err != nil {
		return err
	}
	if !public {
		return web.ErrNotFound
	}
	m, err := s.store.MediaByID(r.Context(), id)
	if err != nil {
		return err
	}
	return web.ServeMedia(w, r, s.blobs, m, "public, max-age=300")
}

// staticShow serves a fingerprinted theme file; its name changes with its content,
// so it may be cached for a year.
func (s *Server) staticShow(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.theme.Asset(r.PathValue("name"))
	if !ok {
		return web.ErrNotFound
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("Expires", time.Now().AddDate(1, 0, 0).UTC().Format(http.TimeFormat))
	_, err := w.Write(a.Body)
	return err
}
