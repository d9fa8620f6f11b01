package cache

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestPagesTagsAndBounds(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(20_000, time.Hour)
	var purged [][]string
	c.OnChange = func(tags []string) { purged = append(purged, tags) }
	body := []byte(strings.Repeat("news ", 500))
	c.Put(NewPage("/a/", "text/html", body, []string{"site", "story:1"}, now), c.Generation())
	c.Put(NewPage("/b/", "text/html", body, []string{"site", "story:2"}, now), c.Generation())
	if p, ok := c.Get("/a/", now); !ok || !bytes.Equal(p.Body, body) || len(p.Gzip) == 0 || len(p.Brotli) == 0 || len(p.Gzip) >= len(body) {
		t.Fatal("page not cached with compressed variants")
	}
	c.Invalidate("story:1")
	if _, ok := c.Get("/a/", now); ok {
		t.Fatal("a page tagged story:1 survived its invalidation")
	}
	if _, ok := c.Get("/b/", now); !ok {
		t.Fatal("an unrelated page was dropped")
	}
	if len(purged) != 1 || purged[0][0] != "story:1" {
		t.Fatalf("purges = %v", purged)
	}
	// A render that started before an invalidation is not stored after it.
	gen := c.Generation()
	c.Invalidate("site")
	c.Put(NewPage("/late/", "text/html", body, []string{"site"}, now), gen)
	if _, ok := c.Get("/late/", now); ok {
		t.Fatal("a render that raced an invalidation was stored")
	}
	// Bounded by bytes: the least recently used goes first.
	for i := range 20 {
		c.Put(NewPage("/p"+string(rune('a'+i))+"/", "text/html", body, nil, now), c.Generation())
	}
	_, _, evicted, pages, size := c.Stats()
	if size > 20_000 || evicted == 0 || pages == 0 {
		t.Fatalf("size %d, evicted %d, pages %d", size, evicted, pages)
	}
	// Old pages are rendered again.
	c.Put(NewPage("/old/", "text/html", body, nil, now), c.Generation())
	if _, ok := c.Get("/old/", now.Add(2*time.Hour)); ok {
		t.Fatal("a page older than maxAge was served")
	}
}
