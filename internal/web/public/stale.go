package public

import (
	"container/list"
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
// instead of an error. It holds at most max pages and maxBytes of their bodies,
// forgetting the oldest first, and forgets a page when what it shows changes (a
// withdrawn story's page goes at once). It keeps a page's plain body only, shared
// with the render cache: the compressed copies go with the cache's page.
type lastGood struct {
	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	pages    map[string]*list.Element // of keptPage
	order    list.List                // newest first
}

type keptPage struct {
	key, contentType string
	body             []byte
	tags             []string
	stored           time.Time
}

func newLastGood(max, maxBytes int) *lastGood {
	return &lastGood{max: max, maxBytes: maxBytes, pages: map[string]*list.Element{}}
}

func (l *lastGood) put(p *cache.Page) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.pages[p.Key]; ok {
		l.remove(el)
	}
	k := keptPage{key: p.Key, contentType: p.ContentType, body: p.Body, tags: p.Tags, stored: p.Stored}
	l.pages[p.Key] = l.order.PushFront(k)
	l.bytes += len(k.body)
	for l.order.Len() > 0 && (len(l.pages) > l.max || l.bytes > l.maxBytes) {
		l.remove(l.order.Back())
	}
}

func (l *lastGood) remove(el *list.Element) {
	k := l.order.Remove(el).(keptPage)
	delete(l.pages, k.key)
	l.bytes -= len(k.body)
}

func (l *lastGood) get(key string, now time.Time) (keptPage, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	el, ok := l.pages[key]
	if !ok {
		return keptPage{}, false
	}
	k := el.Value.(keptPage)
	if now.Sub(k.stored) > staleLimit {
		return keptPage{}, false
	}
	return k, true
}

func (l *lastGood) forgetAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.pages)
	l.order.Init()
	l.bytes = 0
}

func (l *lastGood) forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.pages[key]; ok {
		l.remove(el)
	}
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
		for _, el := range l.pages {
			if slices.Contains(el.Value.(keptPage).tags, t) {
				l.remove(el)
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
	w.Header().Set("Content-Type", p.contentType)
	w.Header().Set("Cache-Control", "no-store")
	markStale(w.Header())
	w.WriteHeader(http.StatusOK)
	w.Write(p.body)
	return true
}
