package api

import (
	"errors"
	"fmt"
	"net/http"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// mediaUpload takes multipart form fields file, alt, caption and credit.
func (s *Server) mediaUpload(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, desk.MaxUploadBytes+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &web.Error{
				Status: http.StatusRequestEntityTooLarge,
				Public: fmt.Sprintf("the upload is larger than %d MB", desk.MaxUploadBytes>>20),
			}
		}
		return &web.Error{Status: http.StatusBadRequest, Public: "send multipart/form-data with a file field"}
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }() // temporary files; nothing to tell the client
	f, _, err := r.FormFile("file")
	if err != nil {
		return desk.FieldErrors{"file": "choose a photo to upload"}
	}
	defer f.Close()
	m, err := s.desk.AddPhoto(
		r.Context(),
		actor(r),
		desk.Upload{Body: f, Alt: r.FormValue("alt"), Caption: r.FormValue("caption"), Credit: r.FormValue("credit")},
	)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"id": m.ID, "content_type": m.ContentType, "width": m.Width,
		"height": m.Height, "variants": m.Variants, "alt": m.Alt, "caption": m.Caption, "credit": m.Credit,
		"focus": map[string]float64{"x": m.Focus.X, "y": m.Focus.Y}, "crops": m.Crops})
}
