package search

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slowSearcher stands for the database: it holds each search until released or
// until its context ends, as SQLite's interrupt and PostgreSQL's cancel do.
type slowSearcher struct {
	calls   atomic.Int32
	release chan struct{}
	entered chan string // told of each search as it reaches the database
}

func (s *slowSearcher) Search(ctx context.Context, q Query) ([]Hit, int, error) {
	s.calls.Add(1)
	select {
	case s.entered <- q.Text:
	default:
	}
	select {
	case <-s.release:
		return []Hit{{Score: 1}}, 1, nil
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
}

func TestBoundedSearchDeadlineSlotsAndCache(t *testing.T) {
	db := &slowSearcher{release: make(chan struct{}), entered: make(chan string, 1)}
	b := NewBounded(db, 1, 50*time.Millisecond, 100*time.Millisecond, 8)
	ctx := context.Background()

	// Past the deadline: ErrBusy, and the database saw its context end.
	if _, _, err := b.Search(ctx, Query{Text: "harbour"}); !errors.Is(err, ErrBusy) {
		t.Fatalf("search past its deadline: %v, want ErrBusy", err)
	}

	// One slot: a second search waiting longer than Wait is refused.
	var wg sync.WaitGroup
	b2 := NewBounded(db, 1, 50*time.Millisecond, time.Minute, 8)
	for len(db.entered) > 0 { // the first test's search
		<-db.entered
	}
	wg.Go(func() { b2.Search(ctx, Query{Text: "first"}) })
	select {
	case <-db.entered: // "first" holds the only slot in the database
	case <-time.After(10 * time.Second):
		t.Fatal("the first search did not reach the database within 10 s")
	}
	if _, _, err := b2.Search(ctx, Query{Text: "second"}); !errors.Is(err, ErrBusy) {
		t.Fatalf("search without a slot: %v, want ErrBusy", err)
	}
	close(db.release)
	wg.Wait()

	// Cached by normalised form until Invalidate.
	before := db.calls.Load()
	for _, q := range []string{"Ferry ferry", "ferry", "FERRY!!"} {
		if hits, total, err := b2.Search(ctx, Query{Text: q}); err != nil || total != 1 || len(hits) != 1 {
			t.Fatalf("%q: %v %d %v", q, hits, total, err)
		}
	}
	if n := db.calls.Load() - before; n != 1 {
		t.Fatalf("three spellings of one search reached the database %d times", n)
	}
	b2.Invalidate()
	b2.Search(ctx, Query{Text: "ferry"})
	if n := db.calls.Load() - before; n != 2 {
		t.Fatal("a search after a change was served from the cache")
	}
	// Nothing to search, or past what is counted: no database work.
	if _, _, err := b2.Search(ctx, Query{Text: `"" !! ""`}); err != nil || db.calls.Load()-before != 2 {
		t.Fatal("an empty query reached the database")
	}
	if _, _, err := b2.Search(ctx, Query{Text: "ferry", Offset: MaxCounted}); err != nil || db.calls.Load()-before != 2 {
		t.Fatal("a page past the counted results reached the database")
	}
}
