package public_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web/public"
)

// benchSite is the demo newsroom plus a generated archive of n stories.
func benchSite(b *testing.B, engine string, n int) (*site, http.Handler) {
	s := newSiteOn(b, engine, func(*public.Config) {})
	if err := demo.Archive(context.Background(), s.store, n, demoNow, 1, nil); err != nil {
		b.Fatal(err)
	}
	return s, s.server.Handler()
}

func benchPage(b *testing.B, h http.Handler, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
	}
}

// Each page benchmark runs on both engines with the same 10,000-story archive.

func BenchmarkStoryPage(b *testing.B) {
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			s, h := benchSite(b, engine, 10000)
			benchPage(b, h, s.storyPath("ferries"))
		})
	}
}

func BenchmarkHomeFront(b *testing.B) {
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			_, h := benchSite(b, engine, 10000)
			benchPage(b, h, "/")
		})
	}
}

func BenchmarkSectionFront(b *testing.B) {
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			_, h := benchSite(b, engine, 10000)
			benchPage(b, h, "/world/")
		})
	}
}

// BenchmarkArchiveStoryPage renders a generated archive story's page, as a crawler's
// cold request does: the page cache keeps nothing here.
func BenchmarkArchiveStoryPage(b *testing.B) {
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			s := newSiteOn(b, engine, func(c *public.Config) { c.CacheBytes = 1 })
			if err := demo.Archive(context.Background(), s.store, 10000, demoNow, 1, nil); err != nil {
				b.Fatal(err)
			}
			benchPage(b, s.server.Handler(), archiveStoryPath(b, s))
		})
	}
}

// archiveStoryPath is the address of a generated story in the middle of the archive.
func archiveStoryPath(b *testing.B, s *site) string {
	ctx := context.Background()
	list, _, err := s.store.Stories(ctx, story.Query{Limit: 1, Offset: 5000})
	if err != nil || len(list) == 0 {
		b.Fatal(err)
	}
	secs, err := s.store.Sections(ctx)
	if err != nil {
		b.Fatal(err)
	}
	sec, _ := section.NewTree(secs).ByID(list[0].SectionID)
	loc, _ := time.LoadLocation("America/New_York")
	return list[0].Path(sec.Path, loc)
}
