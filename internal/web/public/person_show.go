package public

import (
	"errors"
	"net/http"
	"net/url"

	"dateline/internal/people"
	"dateline/internal/slug"
	"dateline/internal/story"
	"dateline/internal/web"
)

// personShow is an author page: byline, bureau and published stories.
func (s *Server) personShow(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("slug")
	if !slug.Valid(name) {
		return web.ErrNotFound
	}
	p, err := s.store.PublishedPersonBySlug(r.Context(), name)
	if err != nil {
		return err
	}
	c, err := s.chrome(r.Context(), p.Byline(), "")
	if err != nil {
		return err
	}
	path := "/people/" + url.PathEscape(p.Slug) + "/"
	c.Canonical = c.canonical(path)
	page := personPage{chrome: c, Person: personView{Name: p.Byline(), Title: p.Title, Bio: p.Bio}}
	if p.BureauID != 0 {
		b, err := s.store.PublishedBureau(r.Context(), p.BureauID)
		if err != nil && !errors.Is(err, people.ErrNotFound) {
			return err
		}
		page.Person.Bureau = b.Name
	}
	page.Stories, page.Pager, err = s.storyList(r, c, story.Query{AuthorID: p.ID}, path)
	if err != nil {
		return err
	}
	return s.html(w, "person", page)
}
