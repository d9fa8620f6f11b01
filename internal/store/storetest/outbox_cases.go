package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"dateline/internal/audit"
)

// testOutboxLeases: an event is claimed by one relay at a time, claimed again once
// its lease runs out, due again after a retry, and gone once finished; kinds are
// claimed apart.
func testOutboxLeases(t *testing.T, s Store) {
	ctx := context.Background()
	now := time.Now().Add(time.Second) // the store stamps events with its own clock
	must(t, s.AddEvent(ctx, "test.a", map[string]int{"n": 1}))
	must(t, s.AddEvent(ctx, "test.b", map[string]int{"n": 2}))

	got, err := s.ClaimEvents(ctx, "test.a", "node1", now, 30*time.Second, 10)
	must(t, err)
	if len(got) != 1 || got[0].Kind != "test.a" || got[0].Attempts != 1 || string(got[0].Payload) != `{"n":1}` {
		t.Fatalf("first claim: %+v", got)
	}
	id := got[0].ID
	if again, _ := s.ClaimEvents(ctx, "test.a", "node2", now.Add(10*time.Second), 30*time.Second, 10); len(again) != 0 {
		t.Fatalf("claimed while leased: %+v", again)
	}
	// The lease runs out (node1 died): node2 takes the same event, same id.
	again, err := s.ClaimEvents(ctx, "test.a", "node2", now.Add(31*time.Second), 30*time.Second, 10)
	must(t, err)
	if len(again) != 1 || again[0].ID != id || again[0].Attempts != 2 {
		t.Fatalf("claim after the lease ran out: %+v", again)
	}
	// node1 comes back: it no longer holds the lease, so it cannot finish the event.
	must(t, s.FinishEvents(ctx, "node1", []int64{id}))
	must(t, s.RetryEvent(ctx, id, "node2", now.Add(2*time.Minute), "endpoint answered 503"))
	if early, _ := s.ClaimEvents(ctx, "test.a", "node1", now.Add(time.Minute), 30*time.Second, 10); len(early) != 0 {
		t.Fatalf("claimed before its retry time: %+v", early)
	}
	late, err := s.ClaimEvents(ctx, "test.a", "node1", now.Add(2*time.Minute), 30*time.Second, 10)
	must(t, err)
	if len(late) != 1 || late[0].ID != id || late[0].Attempts != 3 {
		t.Fatalf("claim at the retry time: %+v", late)
	}
	must(t, s.FinishEvents(ctx, "node1", []int64{id}))
	if gone, _ := s.ClaimEvents(ctx, "test.a", "node1", now.Add(time.Hour), 30*time.Second, 10); len(gone) != 0 {
		t.Fatalf("finished event claimed again: %+v", gone)
	}
	// The other kind waited on none of this.
	b, err := s.ClaimEvents(ctx, "test.b", "node1", now, 30*time.Second, 10)
	must(t, err)
	if len(b) != 1 || b[0].Kind != "test.b" {
		t.Fatalf("other kind: %+v", b)
	}
}

// testOutboxIDsAreNeverReused: an event's id is its idempotency key, so a new event
// never takes the id of one delivered and deleted before it, even the newest.
func testOutboxIDsAreNeverReused(t *testing.T, s Store) {
	ctx := context.Background()
	now := time.Now().Add(time.Second)
	seen := map[int64]bool{}
	for range 5 {
		must(t, s.AddEvent(ctx, "test.ids", 1))
		got, err := s.ClaimEvents(ctx, "test.ids", "n", now, time.Minute, 10)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("claimed %d events", len(got))
		}
		if seen[got[0].ID] {
			t.Fatalf("event id %d used twice", got[0].ID)
		}
		seen[got[0].ID] = true
		must(t, s.FinishEvents(ctx, "n", []int64{got[0].ID}))
	}
}

// testOutboxClaimsInParallel: relays claiming at once share the events out, each
// event to exactly one of them.
func testOutboxClaimsInParallel(t *testing.T, s Store) {
	ctx := context.Background()
	const events = 60
	for i := range events {
		must(t, s.AddEvent(ctx, "test.parallel", i))
	}
	now := time.Now().Add(time.Second) // the store stamps events with its own clock
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	for _, owner := range []string{"n1", "n2", "n3", "n4"} {
		wg.Go(func() {
			for {
				got, err := s.ClaimEvents(ctx, "test.parallel", owner, now, time.Minute, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, e := range got {
					if prev, ok := seen[e.ID]; ok {
						t.Errorf("event %d claimed by %s and %s", e.ID, prev, owner)
					}
					seen[e.ID] = owner
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != events {
		t.Fatalf("%d of %d events claimed", len(seen), events)
	}
}

// testAtomically: writes made inside a failed Atomically leave nothing (the change,
// its audit entry, its events); a successful one keeps all.
func testAtomically(t *testing.T, s Store) {
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Atomically(ctx, func(ctx context.Context) error {
		must(t, s.AddAudit(ctx, audit.Entry{At: time.Now(), Action: "test.rolled_back"}))
		must(t, s.AddEvent(ctx, "test.rolled_back", 1))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomically returned %v, want the function's error", err)
	}
	must(t, s.Atomically(ctx, func(ctx context.Context) error {
		if err := s.AddAudit(ctx, audit.Entry{At: time.Now(), Action: "test.committed"}); err != nil {
			return err
		}
		return s.AddEvent(ctx, "test.committed", 1)
	}))
	entries, _, err := s.AuditLog(ctx, 100, 0)
	must(t, err)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if len(actions) != 1 || actions[0] != "test.committed" {
		t.Fatalf("audit log after one rollback and one commit: %v", actions)
	}
	now := time.Now().Add(time.Hour)
	if got, _ := s.ClaimEvents(ctx, "test.rolled_back", "n", now, time.Minute, 10); len(got) != 0 {
		t.Fatalf("event of a rolled-back transaction: %+v", got)
	}
	if got, _ := s.ClaimEvents(ctx, "test.committed", "n", now, time.Minute, 10); len(got) != 1 {
		t.Fatalf("event of a committed transaction: %+v", got)
	}
}
