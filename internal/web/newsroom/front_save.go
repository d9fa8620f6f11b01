package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// frontSave replaces a front's order with the story numbers given, in order.
func (s *Server) frontSave(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("section")
	var sectionID int64
	if key != "home" {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return web.ErrNotFound
		}
		sectionID = id
	}
	var ids []int64
	for _, part := range strings.FieldsFunc(r.PostFormValue("ids"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\r' }) {
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return &web.Error{
				Status: http.StatusUnprocessableEntity,
				Public: "The front was not changed: " + strconv.Quote(part) + " is not a story number.",
			}
		}
		ids = append(ids, id)
	}
	var fe desk.FieldErrors
	if err := s.desk.SetFront(r.Context(), s.actor(r), sectionID, ids); errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The front was not changed: " + fe["story_ids"] + ".", Err: err}
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/fronts?done=Front+saved", http.StatusSeeOther)
	return nil
}
