package public

import (
	"net/http"
	"net/url"

	"dateline/internal/render"
	"dateline/internal/slug"
	"dateline/internal/web"
)

// sitePageShow serves one of the site's own pages at /{slug}/, with WebPage
// JSON-LD; a slug that is no page is a 404 (and the redirect table's turn).
func (s *Server) sitePageShow(w http.ResponseWriter, r *http.Request, c chrome, name string) error {
	if !slug.Valid(name) {
		return web.ErrNotFound
	}
	p, err := s.store.SitePageBySlug(r.Context(), name)
	if err != nil {
		return err
	}
	body, err := render.Markdown(p.BodyMarkdown)
	if err != nil {
		return err
	}
	c.Title = p.Title + " - " + c.Site.Name
	c.Canonical = c.canonical("/" + url.PathEscape(p.Slug) + "/")
	ld, err := render.JSONLD(map[string]any{"@context": "https://schema.org", "@type": "WebPage", "name": p.Title, "url": c.Canonical,
		"dateModified": p.ModifiedAt.UTC().Format("2006-01-02T15:04:05Z"), "inLanguage": c.Site.Language,
		"isPartOf": map[string]string{"@type": "WebSite", "name": c.Site.Name, "url": c.canonical("/")}})
	if err != nil {
		return err
	}
	return s.html(w, "page", sitePage{chrome: c, Heading: p.Title, Body: body, JSONLD: ld})
}
