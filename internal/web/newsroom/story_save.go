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
// a conflict notice and the difference from the saved text. A save that goes
// through reads the story once, in the desk; only a form that comes back reads it
// again, to show it.
func (s *Server) storySave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, bad := readForm(r)
	if r.PostFormValue("find") != "" {
		// A picker's "Find" (without JavaScript): the form comes back as it was,
		// with what was found to choose from; nothing is saved.
		st, err := s.loadStory(r)
		if err != nil {
			return err
		}
		p, err := s.editor(r, editPage{page: s.base(r, st.Headline), Story: st, Form: f, CanEdit: desk.CanEdit(current(r).person, st)})
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
	var saved story.Story
	if len(bad) == 0 {
		saved, err = s.desk.Update(r.Context(), s.actor(r), id, f.Version, in)
		if err == nil {
			http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(saved.ID, 10)+"?done=Saved+version+"+strconv.Itoa(saved.Version),
				http.StatusSeeOther)
			return nil
		}
		var fe desk.FieldErrors
		if !errors.As(err, &fe) && !errors.Is(err, story.ErrConflict) {
			return err
		}
		if fe != nil {
			bad = fe
		}
	}
	// The form comes back: with what needs attention, or with the conflict.
	st, loadErr := s.loadStory(r)
	if loadErr != nil {
		return loadErr
	}
	p := editPage{page: s.base(r, st.Headline), Story: st, Form: f, CanEdit: desk.CanEdit(current(r).person, st)}
	if !errors.Is(err, story.ErrConflict) {
		p.Errors = bad
		return s.editAgain(w, r, p)
	}
	p.Conflict = &conflictView{SavedVersion: st.Version, Diff: lineDiff(st.BodyMarkdown, f.Body)}
	if p, err = s.editor(r, p); err != nil {
		return err
	}
	return s.render(w, http.StatusConflict, "edit", p)
}
