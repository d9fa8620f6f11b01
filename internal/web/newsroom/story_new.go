package newsroom

import (
	"encoding/json"
	"net/http"

	"dateline/internal/render"
	"dateline/internal/story"
)

func (s *Server) storyNew(w http.ResponseWriter, r *http.Request) error {
	p := editPage{page: s.base(r, "New story"), New: true, CanEdit: true,
		Form: formValues{
			CommentsOpen: true,
			Language:     current(r).site.Language,
			AuthorIDs:    []int64{current(r).person.ID},
			Sites:        make([]story.Link, siteRows),
		}}
	if saved, at, err := s.store.Autosave(r.Context(), current(r).person.ID, 0); err == nil {
		if r.URL.Query().Get("autosave") == "1" {
			_ = json.Unmarshal([]byte(saved), &p.Form) // our own JSON; a damaged slot shows the form as it was
		} else {
			p.Autosaved = render.LongDate(at, p.Loc) + ", " + render.PostedTime(at, p.Loc)
		}
	}
	p, err := s.editor(r, p)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "edit", p)
}
