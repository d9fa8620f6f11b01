package outbox_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"dateline/internal/outbox"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// BenchmarkPickup measures the time from an event's commit to its delivery: on
// SQLite by this node's relay (woken in process), on PostgreSQL by another node's
// (woken by NOTIFY). Relays poll only every 5 s, so a missed wake-up would show.
func BenchmarkPickup(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			writer, dsn := openBenchStore(b, engine, "")
			reader := writer
			if engine == "postgres" {
				reader, _ = openBenchStore(b, engine, dsn)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			delivered := make(chan time.Time, 1)
			r := &outbox.Relay{Store: reader, Owner: "node-b", Now: time.Now, Log: quiet(),
				Handlers: map[string]outbox.Handler{"bench.pickup": func(context.Context, outbox.Event) error {
					delivered <- time.Now()
					return nil
				}}}
			reader.OnChange(func(tags []string) {
				if slices.Contains(tags, store.TagOutbox) {
					r.Poke()
				}
			})
			if reader != writer {
				go reader.ListenForChanges(ctx)
				waitFor(b, "change feed", func() bool { _, live := reader.ChangeFeed(); return live })
			}
			go r.Run(ctx)
			// Warm up until a wake-up, not a poll, delivers: the listener is in place.
			for warm := 0; ; warm++ {
				if err := writer.AddEvent(ctx, "bench.pickup", 0); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if at := <-delivered; at.Sub(start) < time.Second || warm == 10 {
					break
				}
			}
			var total time.Duration
			for b.Loop() {
				start := time.Now()
				if err := writer.AddEvent(ctx, "bench.pickup", 1); err != nil {
					b.Fatal(err)
				}
				select {
				case at := <-delivered:
					total += at.Sub(start)
				case <-time.After(10 * time.Second):
					b.Fatal("event not delivered within 10 s")
				}
			}
			b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/pickup")
		})
	}
}

func openBenchStore(b *testing.B, engine, dsn string) (*store.Store, string) {
	b.Helper()
	if dsn == "" {
		dsn = b.TempDir() + "/site.db"
		if engine == "postgres" {
			dsn = pgtest.URL(b)
		}
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, dsn
}
