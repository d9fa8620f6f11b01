package cache

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkColdPageStore is what storing a freshly rendered 45 KB story page
// costs on a cache miss, by what the client accepts; "both, eagerly" is what every
// miss paid before compression waited for a client to ask.
func BenchmarkColdPageStore(b *testing.B) {
	body := []byte(strings.Repeat("<p>The harbour board met on Tuesday to weigh the cost of dredging the channel.</p>\n", 540))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct{ name, accept string }{{"plain", ""}, {"gzip", "gzip"}, {"br", "gzip, deflate, br"}, {"both, eagerly", "both"}}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				p := NewPage("/a/", "text/html", body, []string{"site"}, now)
				if c.accept == "both" {
					p.Encoded("gzip")
					p.Encoded("br")
					continue
				}
				p.Encoded(c.accept)
			}
		})
	}
}
