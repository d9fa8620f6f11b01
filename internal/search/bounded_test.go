package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/story"
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
	b := NewBounded(db, 1, 50*time.Millisecond, 100*time.Millisecond, 8, 1<<20)
	ctx := context.Background()

	// Past the deadline: ErrBusy, and the database saw its context end.
	if _, _, err := b.Search(ctx, Query{Text: "harbour"}); !errors.Is(err, ErrBusy) {
		t.Fatalf("search past its deadline: %v, want ErrBusy", err)
	}

	// One slot: a second search waiting longer than Wait is refused.
	var wg sync.WaitGroup
	b2 := NewBounded(db, 1, 50*time.Millisecond, time.Minute, 8, 1<<20)
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

// bodySearcher finds one story with a long body per query.
type bodySearcher struct{ calls atomic.Int32 }

func (s *bodySearcher) Search(_ context.Context, q Query) ([]Hit, int, error) {
	s.calls.Add(1)
	return []Hit{{Story: story.Story{Headline: q.Text, BodyMarkdown: strings.Repeat("harbour ", 1250)}}}, 1, nil
}

// The result cache holds whole stories (snippets are cut from their bodies), so it is
// bounded by bytes as well as by entries: a crawl of distinct searches cannot grow a
// node past its settings.
func TestBoundedSearchCacheKeepsToItsBytes(t *testing.T) {
	db := &bodySearcher{}
	b := NewBounded(db, 2, time.Second, time.Minute, 100, 50_000) // ten results of 10 KB would not fit
	ctx := context.Background()
	for i := range 20 {
		if _, _, err := b.Search(ctx, Query{Text: fmt.Sprintf("word%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	b.mu.Lock()
	size, n := b.bytes, b.order.Len()
	b.mu.Unlock()
	if size > 50_000 || n == 0 || n >= 20 {
		t.Fatalf("the cache holds %d results in %d bytes", n, size)
	}
	calls := db.calls.Load()
	b.Search(ctx, Query{Text: "word19"}) // the newest: kept
	if db.calls.Load() != calls {
		t.Error("the newest result was not kept")
	}
	b.Search(ctx, Query{Text: "word0"}) // the oldest: dropped to make room
	if db.calls.Load() != calls+1 {
		t.Error("the oldest result was kept past the bound")
	}
}
