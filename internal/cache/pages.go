// Package cache keeps rendered public pages in memory, bounded by bytes, with
// precompressed variants and the tags (surrogate keys) each page depends on, so a
// change invalidates exactly the pages built from what changed.
package cache

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/andybalholm/brotli"
)

// Page is a rendered response ready to serve. Its compressed copies are made when
// a client first asks for them (Encoded), not when it is stored: an archive read
// once by a crawler that takes plain HTML costs no compression.
type Page struct {
	Key          string
	Body         []byte
	ContentType  string
	ETag         string // strong: a hash of Body
	LastModified time.Time
	Tags         []string
	Stored       time.Time
	// Headers are the response headers that do not change between requests, made
	// once when the page is stored.
	Headers http.Header
	size    int

	mu     sync.Mutex             // held while a compressed copy is made
	gzip   atomic.Pointer[[]byte] // read without a lock: the hot path
	brotli atomic.Pointer[[]byte]
	owner  atomic.Pointer[Pages] // the cache holding it, told of the bytes a compressed copy adds
}

// NewPage prepares a page for the cache: its ETag and compressed variants.
func NewPage(key, contentType string, body []byte, tags []string, now time.Time) *Page {
	sum := sha256.Sum256(body)
	p := &Page{Key: key, Body: body, ContentType: contentType, ETag: `"` + hex.EncodeToString(sum[:12]) + `"`,
		LastModified: now.UTC().Truncate(time.Second), Tags: tags, Stored: now}
	p.size = len(p.Body) + len(key) + 256
	p.setHeaders()
	return p
}

// minCompressed is the smallest body worth compressing.
const minCompressed = 512

// Encoded is the body in the best encoding accept allows (an Accept-Encoding
// value: brotli, then gzip) and that encoding's name, "" for the plain body. The
// compressed copy is made on first use, once, and kept with the page.
func (p *Page) Encoded(accept string) ([]byte, string) {
	if len(p.Body) <= minCompressed || accept == "" {
		return p.Body, ""
	}
	var enc string
	switch {
	case strings.Contains(accept, "br"):
		enc = "br"
	case strings.Contains(accept, "gzip"):
		enc = "gzip"
	default:
		return p.Body, ""
	}
	slot := &p.gzip
	if enc == "br" {
		slot = &p.brotli
	}
	if body := slot.Load(); body != nil {
		return *body, enc
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if body := slot.Load(); body != nil { // made while this one waited
		return *body, enc
	}
	body := compress(p.Body, enc)
	slot.Store(&body)
	if c := p.owner.Load(); c != nil {
		c.grew(p, len(body))
	}
	return body, enc
}

// compressed reports whether the page holds a copy in enc (tests).
func (p *Page) compressed(enc string) bool {
	if enc == "br" {
		return p.brotli.Load() != nil
	}
	return p.gzip.Load() != nil
}

// compress writes body in enc, once per page: gzip at its default level and
// brotli at 5. On a story page those make the same bytes, within 0.1 %, as gzip's
// best and brotli 6, in 80 % and 70 % of the time (BENCHMARKS.md).
func compress(body []byte, enc string) []byte {
	var b bytes.Buffer
	if enc == "br" {
		bw := brotli.NewWriterLevel(&b, 5)
		_, _ = bw.Write(body) // into memory: cannot fail
		bw.Close()
		return b.Bytes()
	}
	zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	_, _ = zw.Write(body) // into memory: cannot fail
	zw.Close()
	return b.Bytes()
}

func (p *Page) setHeaders() {
	p.Headers = http.Header{
		"Content-Type":  {p.ContentType},
		"Etag":          {p.ETag},
		"Last-Modified": {p.LastModified.Format(http.TimeFormat)},
		"Surrogate-Key": {strings.Join(p.Tags, " ")},
		"Cache-Tag":     {strings.Join(p.Tags, ",")},
	}
}

// SetLastModified changes the page's Last-Modified time (a feed's newest story).
func (p *Page) SetLastModified(t time.Time) {
	p.LastModified = t
	p.setHeaders()
}

// Pages is an LRU of pages bounded by their total size in bytes.
type Pages struct {
	mu       sync.Mutex
	max      int
	size     int
	maxAge   time.Duration
	order    *list.List               // front: most recently used
	entries  map[string]*list.Element // key → element holding *Page
	byTag    map[string]map[string]bool
	gen      uint64 // bumped by every invalidation, to drop renders that raced one
	hits     atomic.Int64
	misses   atomic.Int64
	evicted  atomic.Int64
	OnChange func(tags []string) // told of every invalidation (a CDN purge, say)
}

// New makes a cache of at most maxBytes; pages older than maxAge are rendered again.
func New(maxBytes int, maxAge time.Duration) *Pages {
	return &Pages{max: maxBytes, maxAge: maxAge, order: list.New(), entries: map[string]*list.Element{}, byTag: map[string]map[string]bool{}}
}

// Get returns a fresh cached page.
func (c *Pages) Get(key string, now time.Time) (*Page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		c.misses.Add(1)
		return nil, false
	}
	p := el.Value.(*Page)
	if now.Sub(p.Stored) > c.maxAge {
		c.remove(el)
		c.misses.Add(1)
		return nil, false
	}
	c.order.MoveToFront(el)
	c.hits.Add(1)
	return p, true
}

// Generation is the invalidation count; a render started before an invalidation must
// not be stored after it (it may show what was just withdrawn).
func (c *Pages) Generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Put stores a page rendered at generation gen, unless an invalidation came since.
func (c *Pages) Put(p *Page, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || p.size > c.max {
		return
	}
	if el, ok := c.entries[p.Key]; ok {
		c.remove(el)
	}
	c.entries[p.Key] = c.order.PushFront(p)
	p.owner.Store(c)
	c.size += p.size
	for _, t := range p.Tags {
		if c.byTag[t] == nil {
			c.byTag[t] = map[string]bool{}
		}
		c.byTag[t][p.Key] = true
	}
	for c.size > c.max {
		c.remove(c.order.Back())
		c.evicted.Add(1)
	}
}

// grew counts a compressed copy made for a page the cache holds, and keeps the
// cache within its bound. Called with the page's lock held: it takes the cache's.
func (c *Pages) grew(p *Page, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[p.Key]; !ok || el.Value.(*Page) != p {
		return // evicted or replaced meanwhile: not counted here
	}
	p.size += n
	c.size += n
	for c.size > c.max && c.order.Len() > 1 {
		back := c.order.Back()
		if back.Value.(*Page) == p {
			break // keep the page being served; the next Put trims
		}
		c.remove(back)
		c.evicted.Add(1)
	}
}

func (c *Pages) remove(el *list.Element) {
	p := el.Value.(*Page)
	c.order.Remove(el)
	delete(c.entries, p.Key)
	c.size -= p.size
	for _, t := range p.Tags {
		delete(c.byTag[t], p.Key)
		if len(c.byTag[t]) == 0 {
			delete(c.byTag, t)
		}
	}
}

// Invalidate drops every page tagged with any of tags and reports the change.
func (c *Pages) Invalidate(tags ...string) {
	c.mu.Lock()
	c.gen++
	for _, t := range tags {
		for key := range c.byTag[t] {
			if el, ok := c.entries[key]; ok {
				c.remove(el)
			}
		}
	}
	c.mu.Unlock()
	if c.OnChange != nil && len(tags) > 0 {
		c.OnChange(tags)
	}
}

// Max is the cache's bound in bytes.
func (c *Pages) Max() int { return c.max }

// Stats reports hits, misses, evictions, pages and bytes, for metrics.
func (c *Pages) Stats() (hits, misses, evicted int64, pages, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits.Load(), c.misses.Load(), c.evicted.Load(), len(c.entries), c.size
}
