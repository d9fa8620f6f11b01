package web

import (
	"net/http"

	"dateline/internal/media"
)

// ServeMedia writes the media file named by the request's {name}: the original or a
// resized copy. The newsroom serves staff-only media through it too.
func ServeMedia(w http.ResponseWriter, r *http.Request, blobs media.Blobs, m media.Media, cacheControl string) error {
	name, ok := mediaFile(m, r.PathValue("name"))
	if !ok {
		return ErrNotFound
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

// mediaFile names the blob behind a media URL's last segment: the original or one
// of its resized copies.
func mediaFile(m media.Media, name string) (string, bool) {
	if name == BaseName(m.FileName) {
		return m.FileName, true
	}
	for _, w := range m.Variants {
		if name == BaseName(m.VariantName(w)) {
			return m.VariantName(w), true
		}
	}
	for _, crop := range m.CropFiles() {
		if name == BaseName(crop) {
			return crop, true
		}
	}
	return "", false
}

// BaseName is the last element of a slash-separated path.
func BaseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}
