package newsroom

import (
	"errors"
	"net/http"
	"strconv"

	"dateline/internal/desk"
)

// storyCreate files a new draft from the editor form.
func (s *Server) storyCreate(w http.ResponseWriter, r *http.Request) error {
	f, bad := readForm(r)
	if r.PostFormValue("find") != "" { // a picker's "Find": the form comes back with what was found
		p, err := s.editor(r, editPage{page: s.base(r, "New story"), New: true, CanEdit: true, Form: f})
		if err != nil {
			return err
		}
		return s.render(w, http.StatusOK, "edit", p)
	}
	if err := s.attachPhoto(r, &f, bad); err != nil {
		return err
	}
	in, inBad := f.input()
	for k, v := range inBad {
		bad[k] = v
	}
	if len(bad) > 0 {
		return s.editAgain(w, r, editPage{page: s.base(r, "New story"), New: true, CanEdit: true, Form: f, Errors: bad})
	}
	st, err := s.desk.Create(r.Context(), s.actor(r), in)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return s.editAgain(w, r, editPage{page: s.base(r, "New story"), New: true, CanEdit: true, Form: f, Errors: fe})
	}
	if err != nil {
		return err
	}
	// The new-story form's autosave is saved now; a failure to drop it only offers
	// it again, so the story stands either way.
	if err := s.desk.DiscardAutosave(r.Context(), s.actor(r), 0); err != nil {
		s.log.WarnContext(r.Context(), "autosave not discarded", "err", err)
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Story+created", http.StatusSeeOther)
	return nil
}
