package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/media/fsblob"
	"dateline/internal/search"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/story"
)

var benchNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

func benchStore(b *testing.B, engine string, archive int) (*store.Store, *demo.Newsroom) {
	dir := b.TempDir()
	dsn := filepath.Join(dir, "bench.db")
	if engine == "postgres" {
		dsn = pgtest.URL(b)
	}
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	blobs, err := fsblob.Open(filepath.Join(dir, "media"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { blobs.Close() })
	n, err := demo.Load(context.Background(), s, blobs, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Archive(context.Background(), s, archive, benchNow, 1, nil); err != nil {
		b.Fatal(err)
	}
	return s, n
}

func BenchmarkStoryByID(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			s, n := benchStore(b, engine, 10000)
			id := n.Stories["ferries"].ID
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.StoryByID(ctx, id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSectionList(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			s, n := benchStore(b, engine, 10000)
			q := story.Query{SectionID: n.Sections["world"].ID, Limit: 20}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := s.Stories(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRelatedByTopic(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			s, n := benchStore(b, engine, 10000)
			id := n.Stories["ferries"].ID
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.RelatedByTopic(ctx, id, nil, 6); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkArchiveInsert reports stories/s for bulk insertion (dateline demo --stories).
func BenchmarkArchiveInsert(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			s, _ := benchStore(b, engine, 0)
			const per = 5000
			ctx := context.Background()
			var i uint64
			start := time.Now()
			for b.Loop() {
				i++
				if err := demo.Archive(ctx, s, per, benchNow.Add(time.Duration(i)*time.Second), i, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(per*b.N)/time.Since(start).Seconds(), "stories/s")
		})
	}
}

// BenchmarkSearch is a two-word full-text search over the archive, first page.
func BenchmarkSearch(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			s, _ := benchStore(b, engine, 10000)
			if _, err := s.IndexMissing(context.Background()); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				hits, _, err := s.Search(ctx, search.Query{Text: "harbour dredging"})
				if err != nil || len(hits) == 0 {
					b.Fatal(err, len(hits))
				}
			}
		})
	}
}
