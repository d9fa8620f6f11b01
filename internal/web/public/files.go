package public

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/media"
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
	return ServeMedia(w, r, s.blobs, m, "public, max-age=300")
}

// ServeMedia writes the media file named by the request's {name}: the original or a
// resized copy. The newsroom serves staff-only media through it too.
func ServeMedia(w http.ResponseWriter, r *http.Request, blobs media.Blobs, m media.Media, cacheControl string) error {
	name, ok := mediaFile(m, r.PathValue("name"))
	if !ok {
		return web.ErrNotFound
	}
	f, err := blobs.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if name == m.FileName {
		w.Header().Set("Content-Type", m.ContentType)
	} // resized copies are typed by sniffing: a WebP original has JPEG copies
	w.Header().Set("Cache-Control", cacheControl)
	http.ServeContent(w, r, name, m.CreatedAt, f)
	return nil
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
