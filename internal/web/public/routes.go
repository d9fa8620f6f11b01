package public

import (
	"net/http"
	"strings"

	"dateline/internal/settings"
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
	h("GET /contact/{$}", s.contactShow)
	h("GET /search", s.searchShow)

	// Sitemaps and robots; feeds are routed by name in slashes.
	h("GET /sitemap.xml", s.sitemapIndex)
	h("GET /sitemaps/{name}", s.sitemapMoved)
	h("GET /news-sitemap.xml", s.newsSitemap)
	h("GET /robots.txt", s.robots)
	h("GET /favicon.ico", s.favicon)

	// Readers write to the newsroom: same-origin only, rate limited per client.
	sameOrigin := http.NewCrossOriginProtection()
	sameOrigin.SetDenyHandler(s.web.Wrap(func(http.ResponseWriter, *http.Request) error {
		return &web.Error{Status: http.StatusForbidden, Public: "cross_site_form"}
	}))
	mux.Handle("POST /letters/{$}", sameOrigin.Handler(s.web.Wrap(s.letters.Limit(s.clientIP, s.letterSubmit))))

	// Files.
	h("GET /media/{id}/{name}", s.mediaShow)
	h("GET /static/{name}", s.staticShow)

	// Everything else: the 404 page.
	notFound := s.web.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			return &web.Error{Status: http.StatusMethodNotAllowed, Public: "That method is not allowed here."}
		}
		return web.ErrNotFound
	})
	mux.Handle("/", notFound)

	feed := s.web.Wrap(s.feedShow)
	sitemap := s.web.Wrap(s.sitemapShow)
	return web.SecurityHeaders(s.oldQueries(s.cachePages(s.pagedPaths(s.slashes(mux, notFound, feed, sitemap), notFound))))
}

// slashes answers paths without their trailing slash itself, before ServeMux would
// redirect them with a 307 to a page that may not exist: a page path ("/world")
// gets a permanent redirect, a file-like one ("/nope.php") the 404 page.
func (s *Server) slashes(mux *http.ServeMux, notFound, feed, sitemap http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if isFeedPath(p) { // /feed.xml, /world/asia/feed.atom, /topics/trade/feed.json
			feed.ServeHTTP(w, r)
			return
		}
		if _, ok := sitemapName(p); ok { // /sitemap-pages.xml, /sitemap-stories-3.xml
			sitemap.ServeHTTP(w, r)
			return
		}
		if strings.HasSuffix(p, "/") || strings.HasPrefix(p, "/media/") || strings.HasPrefix(p, "/static/") ||
			strings.HasPrefix(p, "/sitemaps/") || servedAsIs[p] {
			mux.ServeHTTP(w, r)
			return
		}
		last := p[strings.LastIndexByte(p, '/')+1:]
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && last != "" && !strings.Contains(last, ".") {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		notFound.ServeHTTP(w, r)
	})
}

// clientIP is the reader's address, behind the site's trusted proxies.
func (s *Server) clientIP(r *http.Request) string {
	site, err := s.store.Site(r.Context())
	if err != nil {
		return web.ClientIP(r, nil)
	}
	proxies, _ := settings.ParseProxies(site.TrustedProxies)
	return web.ClientIP(r, proxies)
}

// servedAsIs are the paths without a trailing slash that are pages of their own.
var servedAsIs = map[string]bool{"/search": true, "/sitemap.xml": true, "/news-sitemap.xml": true, "/robots.txt": true,
	"/favicon.ico": true}
