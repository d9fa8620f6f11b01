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
	if p, ok := c.Get("/a/", now); !ok || !bytes.Equal(p.Body, body) {
		t.Fatal("page not cached")
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

// A page is compressed only when a client asks for that encoding, once, and the
// cache counts the compressed copy's bytes against its bound from then on: a cold
// miss from a client that takes plain HTML pays for no compression at all.
func TestPagesCompressOnlyWhenAsked(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(1<<20, time.Hour)
	body := []byte(strings.Repeat("<p>The harbour board met on Tuesday.</p>\n", 200))
	p := NewPage("/a/", "text/html", body, []string{"site"}, now)
	c.Put(p, c.Generation())
	_, _, _, _, plain := c.Stats()
	if got, enc := p.Encoded(""); enc != "" || !bytes.Equal(got, body) {
		t.Fatalf("plain: %q", enc)
	}
	if p.compressed("gzip") || p.compressed("br") {
		t.Fatal("compressed before any client asked")
	}
	gz, enc := p.Encoded("gzip, deflate")
	if enc != "gzip" || len(gz) >= len(body) || p.compressed("br") {
		t.Fatalf("gzip: %s, %d bytes; brotli made too: %v", enc, len(gz), p.compressed("br"))
	}
	if again, _ := p.Encoded("gzip"); &again[0] != &gz[0] {
		t.Fatal("compressed twice")
	}
	_, _, _, _, withGzip := c.Stats()
	if withGzip != plain+len(gz) {
		t.Fatalf("cache bytes %d, want %d + %d", withGzip, plain, len(gz))
	}
	br, enc := p.Encoded("gzip, deflate, br")
	if enc != "br" || len(br) == 0 || len(br) >= len(body) {
		t.Fatalf("brotli: %s, %d bytes", enc, len(br))
	}
	// A small page is never compressed.
	small := NewPage("/s/", "text/html", []byte("<p>hi</p>"), nil, now)
	if _, enc := small.Encoded("br, gzip"); enc != "" {
		t.Fatalf("a small page was sent %s", enc)
	}
}
