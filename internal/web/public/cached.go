package public

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"dateline/internal/cache"
	"dateline/internal/change"
)

// cacheControl makes browsers check with the server each time (a cheap 304 with the
// ETag), so a published comment or correction shows at once, while CDNs keep a page
// five minutes and serve it stale for another minute as they refresh it. Every change
// purges the CDN at once.
const cacheControl = "public, max-age=0, must-revalidate, s-maxage=300, stale-while-revalidate=60"

// cacheable reports requests whose response is the same for every reader.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	return !strings.HasPrefix(p, "/media/") && !strings.HasPrefix(p, "/static/") && !strings.HasPrefix(p, "/letters/")
}

// readParams are the query parameters pages read: the search form's, and the page
// numbers of lists and of a story's comments (contact also reads the story it is
// about). Any other parameter changes nothing on the page, so it is left out of the
// cache key: "?x=123" is a hit, not a fresh render.
var (
	searchParams = []string{"q", "section", "topic", "from", "to", "sort", "page"}
	pageParams   = []string{"page", "comments", "story"}
)

// cacheKey is the page's canonical address: its path and the first value of each
// parameter it reads, in a fixed order.
func cacheKey(r *http.Request) string {
	if r.URL.RawQuery == "" {
		return r.URL.Path
	}
	q, kept := r.URL.Query(), url.Values{}
	read := pageParams
	if r.URL.Path == "/search" {
		read = searchParams
	}
	for _, name := range read {
		if v := q[name]; len(v) > 0 {
			kept.Set(name, v[0])
		}
	}
	if len(kept) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + kept.Encode()
}

// recorder buffers a response so it can be cached before it is sent.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.body == nil {
		// A page arrives in one write (the theme renders into its own buffer):
		// sized exactly, it is stored as it is, not copied.
		r.body = make([]byte, 0, len(b))
	}
	r.body = append(r.body, b...)
	return len(b), nil
}

// cachePages serves public pages from the render cache, rendering and storing them on
// a miss. A page names its tags in a Surrogate-Key header; without one it is taken to
// depend on every list. It also keeps the last good copy for database outages.
func (s *Server) cachePages(direct http.Handler) http.Handler {
	gated := s.gated(direct)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cacheable(r) {
			direct.ServeHTTP(w, r)
			return
		}
		// Every render of a page goes through the gate, but searches: they have
		// their own bound (see search.Bounded).
		next := gated
		if r.URL.Path == "/search" {
			next = direct
		}
		key := cacheKey(r)
		fresh, usable := s.cacheState()
		if !usable {
			// Cut off from other nodes' changes for too long: what is cached may
			// show what was since unpublished. Render from the database or fail.
			next.ServeHTTP(w, r)
			return
		}
		if p, ok := s.pages.Get(key, s.now()); ok {
			s.writePage(w, r, p, "HIT", !fresh)
			return
		}
		if r.Method == http.MethodGet {
			// Readers asking for the same page while it renders wait for that one
			// render instead of each starting their own: a cold front page or a common
			// search word under a burst costs one render, not one per reader.
			led := false
			v, _, _ := s.filling.Do(key, func() (any, error) { led = true; return s.fill(next, r, key), nil })
			if f := v.(filled); f.page != nil {
				s.writePage(w, r, f.page, "MISS", false)
				return
			} else if led {
				s.sendRecorded(w, key, f.rec)
				return
			}
		}
		// A HEAD, or a page that was not stored (an error, a 404): each reader gets
		// its own response, shaped by its own request.
		rec := &recorder{header: http.Header{}}
		next.ServeHTTP(rec, r)
		s.sendRecorded(w, key, rec)
	})
}

// cacheState says whether cached pages are known to be current (the node hears every
// change), and whether they may be served at all: while the change feed is lost
// they are served marked stale, for at most maxStale.
func (s *Server) cacheState() (fresh, usable bool) {
	since, live := s.feed()
	if live {
		return true, true
	}
	return false, s.now().Sub(since) <= s.maxStale
}

// markStale tells readers, and any CDN in between, that a page may be out of date.
func markStale(h http.Header) {
	h.Set("X-Dateline-Stale", "1")
	h.Set("Warning", `110 - "Response is Stale"`)
}

// filled is one render of a page: the stored page, or the response that was not kept.
type filled struct {
	page *cache.Page
	rec  *recorder
}

// fill renders the page at key and stores it when it may be shared.
func (s *Server) fill(next http.Handler, r *http.Request, key string) filled {
	gen := s.pages.Generation()
	rec := &recorder{header: http.Header{}}
	next.ServeHTTP(rec, r)
	ctype := rec.header.Get("Content-Type")
	if rec.status == http.StatusOK && !strings.Contains(rec.header.Get("Cache-Control"), "no-store") && ctype != "" {
		tags := strings.Fields(rec.header.Get("Surrogate-Key"))
		if len(tags) == 0 {
			tags = change.ListTags
		}
		body := rec.body
		if cap(body)-len(body) > len(body)/8 { // written in pieces: keep no spare room in the cache
			body = bytes.Clone(body)
		}
		p := cache.NewPage(key, ctype, body, tags, s.now())
		if lm, err := http.ParseTime(rec.header.Get("Last-Modified")); err == nil {
			p.SetLastModified(lm) // a feed's newest story, rather than the time it was rendered
		}
		s.pages.Put(p, gen)
		s.kept.put(p)
		return filled{page: p}
	}
	return filled{rec: rec}
}

// sendRecorded sends a response that was not cached.
func (s *Server) sendRecorded(w http.ResponseWriter, key string, rec *recorder) {
	if rec.status != http.StatusServiceUnavailable && rec.status != http.StatusNotModified {
		s.kept.forget(key)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(max(rec.status, 200))
	w.Write(rec.body)
}

var (
	cacheControlValue = []string{cacheControl}
	varyValue         = []string{"Accept-Encoding"}
	hitValue          = []string{"HIT"}
	missValue         = []string{"MISS"}
)

// writePage sends a cached page: 304 for a matching ETag, otherwise the best
// encoding the client accepts. Its headers were prepared when it was stored; this is
// the hot path of every popular page.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, p *cache.Page, state string, stale bool) {
	h := w.Header()
	for k, v := range p.Headers {
		h[k] = v
	}
	h["Cache-Control"], h["Vary"] = cacheControlValue, varyValue
	if stale {
		markStale(h)
		h.Set("Cache-Control", "no-store") // a CDN must not keep it
	}
	if state == "HIT" {
		h["X-Cache"] = hitValue
	} else {
		h["X-Cache"] = missValue
	}
	if match := r.Header.Get("If-None-Match"); match != "" {
		if match == p.ETag || match == "*" || strings.Contains(match, p.ETag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if since, err := http.ParseTime(ims); err == nil && !p.LastModified.After(since) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body, enc := p.Encoded(r.Header.Get("Accept-Encoding"))
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// Invalidate drops the cached pages built from what changed (see change.TagSite).
func (s *Server) Invalidate(tags []string) {
	tags = change.PageTags(tags) // no page shows an embargo or the outbox
	if len(tags) == 0 {
		return
	}
	s.parts.invalidate(tags)
	s.names.invalidate(tags)
	s.pages.Invalidate(tags...)
	s.searches.Invalidate()
	if slices.Contains(tags, change.TagSite) {
		s.kept.forgetAll() // every page depends on the site
	} else {
		s.kept.forgetTags(tags)
	}
}

// OnInvalidate registers fn to be told of every invalidation, to purge a CDN.
func (s *Server) OnInvalidate(fn func(tags []string)) { s.pages.OnChange = fn }

// CacheStats reports the render cache's hits, misses, evictions, pages and bytes.
func (s *Server) CacheStats() (hits, misses, evicted int64, pages, bytes int) { return s.pages.Stats() }
