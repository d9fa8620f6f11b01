package public

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"time"
)

// staleLimit bounds how old a kept page may be when served during a database outage:
// long enough to ride out a restart or failover, short enough that a story withdrawn
// through another node does not live on for long.
const staleLimit = 10 * time.Minute

// lastGood keeps the last successful rendering of recent pages, so that while the
// database is unreachable readers still get what was already rendered (marked stale)
// instead of an error. It holds at most max pages, forgetting the oldest first.
type lastGood struct {
	mu    sync.Mutex
	max   int
	pages map[string]keptPage
	order []string
}

type keptPage struct {
	contentType string
	body        []byte
	at          time.Time
}

func newLastGood(max int) *lastGood { return &lastGood{max: max, pages: map[string]keptPage{}} }

func (l *lastGood) put(key string, p keptPage) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.pages[key]; !ok {
		l.order = append(l.order, key)
		if len(l.order) > l.max {
			delete(l.pages, l.order[0])
			l.order = l.order[1:]
		}
	}
	l.pages[key] = p
}

func (l *lastGood) get(key string, now time.Time) (keptPage, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.pages[key]
	if !ok || now.Sub(p.at) > staleLimit {
		return keptPage{}, false
	}
	return p, true
}

func (l *lastGood) forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pages, key)
}

// keeper records successful GET responses as they are written.
type keeper struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (k *keeper) WriteHeader(code int) {
	k.status = code
	k.ResponseWriter.WriteHeader(code)
}

func (k *keeper) Write(b []byte) (int, error) {
	if k.status == 0 {
		k.status = http.StatusOK
	}
	k.buf.Write(b)
	return k.ResponseWriter.Write(b)
}

// keepPages remembers every page that rendered, and forgets one that now answers
// with an error (a withdrawn story's 410 removes its kept copy).
func (s *Server) keepPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/media/") || strings.HasPrefix(r.URL.Path, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		k := &keeper{ResponseWriter: w}
		next.ServeHTTP(k, r)
		switch {
		case k.status == http.StatusOK:
			s.kept.put(r.URL.RequestURI(), keptPage{contentType: w.Header().Get("Content-Type"), body: bytes.Clone(k.buf.Bytes()), at: s.now()})
		case k.status != http.StatusServiceUnavailable:
			s.kept.forget(r.URL.RequestURI())
		}
	})
}

// serveStale answers a GET with its kept copy during an outage; false if none.
func (s *Server) serveStale(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet {
		return false
	}
	p, ok := s.kept.get(r.URL.RequestURI(), s.now())
	if !ok {
		return false
	}
	w.Header().Set("Content-Type", p.contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Warning", `110 - "Response is Stale"`)
	w.WriteHeader(http.StatusOK)
	w.Write(p.body)
	return true
}
