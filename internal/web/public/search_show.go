package public

import (
	"html/template"
	"net/http"
	"net/url"

	"dateline/internal/render"
	"dateline/internal/search"
	"dateline/internal/section"
	"dateline/internal/web"
)

// searchPage is the search form and its results.
type searchPage struct {
	chrome
	Q        string
	Section  string
	Topic    string
	From     string
	To       string
	ByDate   bool
	Sections []section.Section
	Topics   []section.Topic
	Results  []searchResult
	Total    int
	Searched bool
	Pager    pager
}

type searchResult struct {
	card
	Snippet template.HTML
}

// sectionID resolves a section path for search filters (-1: none such, matches nothing).
func sectionID(tree *section.Tree) func(string) int64 {
	return func(path string) int64 {
		if sec, ok := tree.ByPath(path); ok {
			return sec.ID
		}
		return -1
	}
}

func (s *Server) topicID(r *http.Request) func(string) int64 {
	return func(slug string) int64 {
		t, err := s.store.PublishedTopicBySlug(r.Context(), slug)
		if err != nil {
			return -1 // an unknown topic matches nothing
		}
		return t.ID
	}
}

// searchShow is /search: full-text search over published stories.
func (s *Server) searchShow(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.titled(c.l.T("search"))
	c.SearchPage = true
	v := r.URL.Query()
	page := searchPage{chrome: c, Q: v.Get("q"), Section: v.Get("section"), Topic: v.Get("topic"), From: v.Get("from"), To: v.Get("to"),
		ByDate: v.Get("sort") == "date"}
	page.Sections = c.tree.All()
	if page.Topics, err = s.store.PublishedTopics(r.Context()); err != nil {
		return err
	}
	if page.Q != "" {
		if page.Title = page.Q + " - Search - " + c.Site.Name; len(page.Q) > 200 {
			page.Q = page.Q[:200]
		}
		n, err := queryPage(v, "page")
		if err != nil || n > search.MaxCounted/pageSize {
			return web.ErrNotFound // past the results search counts
		}
		q := search.FromValues(v, sectionID(c.tree), s.topicID(r), c.loc)
		q.Limit, q.Offset = pageSize, (n-1)*pageSize
		hits, total, err := s.searches.Search(r.Context(), q)
		if err != nil {
			return err
		}
		link := url.Values{}
		for k, vals := range v {
			if k != "page" {
				link[k] = vals
			}
		}
		if page.Pager, err = newPager("result_pages", "/search?"+link.Encode(), "page", n, total, pageSize); err != nil {
			return err
		}
		page.Total, page.Searched = total, true
		for _, h := range hits {
			page.Results = append(page.Results, searchResult{card: c.card(h.Story), Snippet: render.Snippet(h.Story.BodyMarkdown, page.Q)})
		}
	}
	return s.html(w, "search", page)
}
