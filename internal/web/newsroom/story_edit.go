package newsroom

import (
	"encoding/json"
	"net/http"

	"dateline/internal/desk"
	"dateline/internal/render"
	"dateline/internal/story"
)

func (s *Server) loadStory(r *http.Request) (story.Story, error) {
	id, err := pathID(r)
	if err != nil {
		return story.Story{}, err
	}
	return s.desk.Story(r.Context(), s.actor(r), id)
}

func (s *Server) storyEdit(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	tree, err := s.tree(r)
	if err != nil {
		return err
	}
	sec, _ := tree.ByID(st.SectionID)
	f, err := s.valuesOf(r, st, sec.Path)
	if err != nil {
		return err
	}
	p := editPage{page: s.base(r, st.Headline), Story: st, Form: f, CanEdit: desk.CanEdit(current(r).person, st),
		CanTrash: desk.CanTrash(current(r).person, st)}
	if saved, at, err := s.store.Autosave(r.Context(), current(r).person.ID, st.ID); err == nil && at.After(st.ModifiedAt) {
		if r.URL.Query().Get("autosave") == "1" {
			_ = json.Unmarshal([]byte(saved), &p.Form) // our own JSON; a damaged slot shows the form as it was
			p.Form.Version = st.Version
		} else {
			p.Autosaved = render.LongDate(at, p.Loc) + ", " + render.PostedTime(at, p.Loc)
		}
	}
	if p, err = s.editor(r, p); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "edit", p)
}
