package public_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"dateline/internal/demo"
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
