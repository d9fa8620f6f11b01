package outbox_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"dateline/internal/outbox"
	"dateline/internal/sitetest"
)

// deliveries records what handlers were given, by event id.
type deliveries struct {
	mu  sync.Mutex
	ids map[int64]int
}

func (d *deliveries) add(id int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ids == nil {
		d.ids = map[int64]int{}
	}
	d.ids[id]++
}

func (d *deliveries) count() (events, total int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, n := range d.ids {
		total += n
	}
	return len(d.ids), total
}

// waitFor polls cond until it holds or 10 s pass.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10 s", what)
		}
		<-tick.C
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestRelaysShareEventsAndKindsDoNotWait: two relays on one database deliver every
// event once between them, while a kind whose endpoint fails keeps retrying
// without holding up the other kind.
func TestRelaysShareEventsAndKindsDoNotWait(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			st, _ := sitetest.OpenStore(t, engine)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var good deliveries
			var failing deliveries
			handlers := map[string]outbox.Handler{
				"test.good": func(_ context.Context, e outbox.Event) error { good.add(e.ID); return nil },
				"test.down": func(_ context.Context, e outbox.Event) error { failing.add(e.ID); return errors.New("endpoint down") },
			}
			var relays []*outbox.Relay
			for _, owner := range []string{"node-a", "node-b"} {
				r := &outbox.Relay{Store: st, Handlers: handlers, Owner: owner, Now: time.Now, Log: quiet(),
					Poll: 20 * time.Millisecond, MaxDelay: 50 * time.Millisecond}
				relays = append(relays, r)
				go r.Run(ctx)
			}
			// A backlog of failing work first, then the good events.
			for i := range 30 {
				if err := st.AddEvent(ctx, "test.down", i); err != nil {
					t.Fatal(err)
				}
			}
			const n = 100
			for i := range n {
				if err := st.AddEvent(ctx, "test.good", i); err != nil {
					t.Fatal(err)
				}
			}
			for _, r := range relays {
				r.Poke()
			}
			waitFor(t, "every good event delivered", func() bool { events, _ := good.count(); return events == n })
			if events, total := good.count(); total != events {
				t.Errorf("%d good events delivered %d times: a relay delivered one another held", events, total)
			}
			// The failing kind is retried, not dropped.
			waitFor(t, "failing events retried", func() bool { _, total := failing.count(); return total > 30 })
			backlog, err := st.OutboxBacklog(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if backlog["test.good"] != 0 || backlog["test.down"] != 30 {
				t.Errorf("backlog %v, want the 30 failing events only", backlog)
			}
		})
	}
}

// TestAbandonedLeaseIsTakenOver: a node that claims an event and dies before
// delivering it holds the event only until its lease runs out; another node then
// delivers it, with the same id.
func TestAbandonedLeaseIsTakenOver(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			st, _ := sitetest.OpenStore(t, engine)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if err := st.AddEvent(ctx, "test.work", "payload"); err != nil {
				t.Fatal(err)
			}
			// The dead node's claim, with a lease of 300 ms.
			claimed, err := st.ClaimEvents(ctx, "test.work", "dead-node", time.Now(), 300*time.Millisecond, 10)
			if err != nil || len(claimed) != 1 {
				t.Fatalf("claim: %v %v", claimed, err)
			}
			var got deliveries
			r := &outbox.Relay{Store: st, Owner: "live-node", Now: time.Now, Log: quiet(), Poll: 20 * time.Millisecond,
				Handlers: map[string]outbox.Handler{"test.work": func(_ context.Context, e outbox.Event) error {
					if e.Attempts != 2 {
						t.Errorf("attempt %d, want 2 (the dead node's was the first)", e.Attempts)
					}
					got.add(e.ID)
					return nil
				}}}
			go r.Run(ctx)
			waitFor(t, "the abandoned event delivered", func() bool { events, _ := got.count(); return events == 1 })
			got.mu.Lock()
			ids := slices.Collect(func(yield func(int64) bool) {
				for id := range got.ids {
					yield(id)
				}
			})
			got.mu.Unlock()
			if ids[0] != claimed[0].ID {
				t.Errorf("delivered event %d, want %d", ids[0], claimed[0].ID)
			}
		})
	}
}
