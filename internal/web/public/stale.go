package public

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"dateline/internal/cache"
)

// staleLimit bounds how old a kept page may be when served during a database outage:
// long enough to ride out a restart or failover, short enough that a story withdrawn
// through another node does not live on for long.
const staleLimit = 10 * time.Minute

// lastGood keeps the last successful rendering of recent pages, so that while the
// database is unreachable readers still get what was already rendered (marked stale)
// instead of an error. It holds at most max pages, forgetting the oldest first, and
// forgets a page when what it shows changes (a withdrawn story's page goes at once).
type lastGood struct {
	mu    sync.Mutex
	max   int
	pages map[string]*cache.Page
	order []string
}

func newLastGood(max int) *lastGood { return &lastGood{max: max, pages: map[string]*cache.Page{}} }

func (l *lastGood) put(p *cache.Page) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.pages[p.Key]; !ok {
		l.order = append(l.order, p.Key)
		if len(l.order) > l.max {
			delete(l.pages, l.order[0])
			l.order = l.order[1:]
		}
	}
	l.pages[p.Key] = p
}

func (l *lastGood) get(key string, now time.Time) (*cache.Page, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.pages[key]
	if !ok || now.Sub(p.Stored) > staleLimit {
		return nil, false
	}
	return p, true
}

func (l *lastGood) forgetAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.pages)
	l.order = l.order[:0]
}

func (l *lastGood) forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pages, key)
}

// forgetTags drops kept pages that show a withdrawn or changed story; changes to
// lists or the site keep them, as stale lists harm nobody during an outage.
func (l *lastGood) forgetTags(tags []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, t := range tags {
		if !strings.HasPrefix(t, "story:") {
			continue
		}
		for key, p := range l.pages {
			if slices.Contains(p.Tags, t) {
				delete(l.pages, key)
			}
		}
	}
}

// serveStale answers a GET with its kept copy during an outage; false if none.
func (s *Server) serveStale(w http.ResponseWriter, r *http.Request) bool {
	if _, usable := s.cacheState(); r.Method != http.MethodGet || !usable {
		return false
	}
	p, ok := s.kept.get(cacheKey(r), s.now())
	if !ok {
		return false
	}
	w.Header().Set("Content-Type", p.ContentType)
	w.Header().Set("Cache-Control", "no-store")
	markStale(w.Header())
	w.WriteHeader(http.StatusOK)
	w.Write(p.Body)
	return true
}
