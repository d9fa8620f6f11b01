package newsroom

import (
	"errors"
	"net/http"
	"strconv"

	"dateline/internal/desk"
	"dateline/internal/story"
)

// storySave saves the editor form at the version it was loaded from. If someone
// saved in between, nothing is saved: the form comes back with the person's text,
// a conflict notice and the difference from the saved text.
func (s *Server) storySave(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	f, bad := readForm(r)
	if err := s.attachPhoto(r, &f, bad); err != nil {
		return err
	}
	in, inBad := f.input()
	for k, v := range inBad {
		bad[k] = v
	}
	p := editPage{page: s.base(r, st.Headline), Story: st, Form: f, CanEdit: desk.CanEdit(current(r).person, st)}
	if len(bad) > 0 {
		p.Errors = bad
		return s.editAgain(w, r, p)
	}
	saved, err := s.desk.Update(r.Context(), s.actor(r), st.ID, f.Version, in)
	var fe desk.FieldErrors
	switch {
	case errors.As(err, &fe):
		p.Errors = fe
		return s.editAgain(w, r, p)
	case errors.Is(err, story.ErrConflict):
		p.Conflict = &conflictView{SavedVersion: st.Version, Diff: lineDiff(st.BodyMarkdown, f.Body)}
		p, err = s.editor(r, p)
		if err != nil {
			return err
		}
		return s.render(w, http.StatusConflict, "edit", p)
	case err != nil:
		return err
	}
	http.Redirect(
		w,
		r,
		"/newsroom/stories/"+strconv.FormatInt(saved.ID, 10)+"?done=Saved+version+"+strconv.Itoa(saved.Version),
		http.StatusSeeOther,
	)
	return nil
}
