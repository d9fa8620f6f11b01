package ingest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/wire"
)

// BenchmarkIngestSamples ingests every IPTC sample and feed into a new, empty
// queue per op: the rate a backlog of agency files goes in. It reports files and
// queued items per second (refused files are parsed and reported too).
func BenchmarkIngestSamples(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			items, files := 0, 0
			for b.Loop() {
				b.StopTimer()
				s, d := benchStore(b, engine)
				in := &Ingester{Store: s, Withdraw: d, Now: time.Now}
				b.StartTimer()
				seen := map[string]bool{}
				for _, r := range in.Paths(context.Background(), sampleDirs) {
					if r.Err == nil && r.Outcome == wire.Added {
						items++
					}
					seen[r.Source] = true
				}
				files += len(seen)
			}
			b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
			b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

func benchStore(b *testing.B, engine string) (*store.Store, *desk.Desk) {
	b.Helper()
	dsn := filepath.Join(b.TempDir(), "bench.db")
	if engine == "postgres" {
		dsn = pgtest.URL(b)
	}
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, &desk.Desk{Store: s, Now: time.Now}
}
