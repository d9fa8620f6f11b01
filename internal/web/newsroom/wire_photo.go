package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// wirePhoto adds a wire photo to the photo library.
func (s *Server) wirePhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.desk.AddWirePhoto(r.Context(), s.actor(r), id)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The photo was not added: " + strings.Join(values(fe), "; "), Err: err}
	}
	var pe *desk.PhotoError
	if errors.As(err, &pe) {
		return &web.Error{Status: http.StatusBadGateway, Public: "The photo could not be fetched from the agency: " + err.Error(), Err: err}
	}
	if err != nil {
		return err
	}
	done := "Photo " + strconv.FormatInt(m.ID, 10) + " added to the library; choose it as a story's lead photo by its number."
	http.Redirect(w, r, "/newsroom/wire/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
	return nil
}
