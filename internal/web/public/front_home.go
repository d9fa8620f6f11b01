package public

import (
	"net/http"
	"slices"

	"dateline/internal/story"
)

// homeFront shows the editors' top stories, then the latest stories.
func (s *Server) homeFront(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.Canonical = c.canonical("/")
	c.Description = c.Site.Tagline
	page := listPage{chrome: c, Heading: c.Site.Name, HideHeading: true, ListHeading: "Latest news"}
	latest, pg, err := s.storyList(r, c, story.Query{}, "/")
	if err != nil {
		return err
	}
	page.Pager = pg
	page.Stories = latest
	if pg.Page == 1 {
		top, err := s.store.FrontStories(r.Context())
		if err != nil {
			return err
		}
		page.Top = c.cards(top)
		page.Stories = slices.DeleteFunc(latest, func(l card) bool {
			return slices.ContainsFunc(page.Top, func(t card) bool { return t.URL == l.URL })
		})
	}
	return s.html(w, "front", page)
}
