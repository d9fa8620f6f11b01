package public

import (
	"net/http"

	"dateline/internal/render"
)

// termsShow is the terms of service page, written by the site's admins in Markdown.
func (s *Server) termsShow(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "Terms of service", "")
	if err != nil {
		return err
	}
	c.Canonical = c.canonical("/terms/")
	body, err := render.Markdown(c.Site.TermsMarkdown)
	if err != nil {
		return err
	}
	w.Header().Set("Surrogate-Key", "site")
	return s.html(w, "terms", termsPage{chrome: c, Body: body})
}
