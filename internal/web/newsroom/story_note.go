package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/story"
	"dateline/internal/web"
)

// storyNote appends a public update or correction.
func (s *Server) storyNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	st, err := s.desk.AddNote(r.Context(), s.actor(r), id, story.NoteKind(r.PostFormValue("kind")), strings.TrimSpace(r.PostFormValue("text")))
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The note was not added: " + strings.Join(values(fe), "; "), Err: err}
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Note+added", http.StatusSeeOther)
	return nil
}
