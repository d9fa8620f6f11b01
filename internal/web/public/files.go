package public

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/change"
	"dateline/internal/media"
	"dateline/internal/web"
)

// mediaShow serves a media file, but only while a published story leads with it:
// a draft's photo must not be reachable before the story is. The response carries
// the tags of those stories, so unpublishing one purges the photo from a CDN too.
func (s *Server) mediaShow(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return web.ErrNotFound
	}
	users, err := s.store.PublicMediaStories(r.Context(), id)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		return web.ErrNotFound
	}
	m, err := s.store.MediaByID(r.Context(), id)
	if err != nil {
		return err
	}
	tags := make([]string, len(users))
	for i, storyID := range users {
		tags[i] = change.TagStory(storyID)
	}
	w.Header().Set("Surrogate-Key", strings.Join(tags, " "))
	w.Header().Set("Cache-Tag", strings.Join(tags, ","))
	err = web.ServeMedia(w, r, s.blobs, m, "public, max-age=300")
	if errors.Is(err, media.ErrNotFound) {
		s.media.missing(m.FileName)
		w.Header().Del("Surrogate-Key")
		w.Header().Del("Cache-Tag")
	}
	return err
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
