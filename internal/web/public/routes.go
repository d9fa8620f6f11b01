package public

import (
	"net/http"
	"strings"

	"dateline/internal/web"
)

// Handler returns the public site's routes behind its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	h := func(pattern string, fn web.Handler) { mux.Handle(pattern, s.web.Wrap(fn)) }

	// Fronts.
	h("GET /{$}", s.homeFront)
	h("GET /{section}/{$}", s.sectionFront)
	h("GET /{section}/{sub}/{$}", s.sectionFront)

	// Story pages: /world/2026/11/29/slug/ and /world/asia/2026/11/29/slug/.
	h("GET /{section}/{yyyy}/{mm}/{dd}/{slug}/{$}", s.storyShow)
	h("GET /{section}/{sub}/{yyyy}/{mm}/{dd}/{slug}/{$}", s.storyShow)

	// Archives, topics, people, terms.
	h("GET /{yyyy}/{mm}/{dd}/{$}", s.dateArchive)
	h("GET /topics/{slug}/{$}", s.topicShow)
	h("GET /people/{slug}/{$}", s.personShow)
	h("GET /terms/{$}", s.termsShow)

	// Files.
	h("GET /media/{id}/{name}", s.mediaShow)
	h("GET /static/{name}", s.staticShow)

	// Everything else: add a missing trailing slash, or the 404 page.
	h("/", s.fallback(mux))

	return web.SecurityHeaders(mux)
}

// fallback redirects "/world" to "/world/" when that is a page, and otherwise
// answers with the site's 404 page.
func (s *Server) fallback(mux *http.ServeMux) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			return &web.Error{Status: http.StatusMethodNotAllowed, Public: "That method is not allowed here."}
		}
		last := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		if last != "" && !strings.Contains(last, ".") {
			probe := r.Clone(r.Context())
			probe.URL.Path += "/"
			if _, pattern := mux.Handler(probe); pattern != "/" && pattern != "" {
				target := probe.URL.Path
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return nil
			}
		}
		return web.ErrNotFound
	}
}
