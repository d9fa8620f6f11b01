package search

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// ErrBusy is returned when a search could not start in time, or ran past its
// deadline: the request may succeed later, so it is answered 503 with Retry-After.
var ErrBusy = errors.New("search is busy")

// Bounded puts every search of a node behind one rule book, whoever asks (the search
// page or the Content API): the query is normalised first (Parse's caps), at most
// Slots searches run at once (a waiter gives up after Wait), each runs under Deadline
// (the context reaches the database: SQLite interrupts the statement, PostgreSQL
// cancels it), and results are cached by their normalised form until the next
// change, so the same search asked again costs nothing.
type Bounded struct {
	next     Searcher
	slots    chan struct{}
	wait     time.Duration
	deadline time.Duration

	mu       sync.Mutex
	max      int
	maxBytes int
	bytes    int
	order    *list.List // front: most recently used *cached
	entries  map[string]*list.Element
	gen      uint64
}

type cached struct {
	key   string
	hits  []Hit
	total int
	size  int
}

// size estimates what a result holds: its stories' text (whole bodies, for the
// snippets) and a little for the rest.
func size(key string, hits []Hit) int {
	n := len(key) + 64
	for _, h := range hits {
		st := h.Story
		n += 256 + len(st.Headline) + len(st.Dek) + len(st.BodyMarkdown) + len(st.Slug)
	}
	return n
}

// NewBounded wraps next; its cache keeps at most entries results and maxBytes of
// them. slots, wait, deadline, entries and maxBytes must be positive.
func NewBounded(next Searcher, slots int, wait, deadline time.Duration, entries, maxBytes int) *Bounded {
	return &Bounded{next: next, slots: make(chan struct{}, slots), wait: wait, deadline: deadline,
		max: entries, maxBytes: maxBytes, order: list.New(), entries: map[string]*list.Element{}}
}

// Key is the normalised form of a query: the same terms in any spelling, order of
// repetition or surrounding syntax make the same key.
func Key(q Query) string { return key(Parse(q.Text), q) }

func key(terms []Term, q Query) string {
	var b strings.Builder
	for _, t := range terms {
		if t.Phrase {
			b.WriteString(`"` + t.Text + `" `)
		} else {
			b.WriteString(t.Text + " ")
		}
	}
	fmt.Fprintf(&b, "|%d|%d|%d|%d|%t|%d|%d", q.SectionID, q.TopicID, q.From.UnixMicro(), q.To.UnixMicro(), q.ByDate, q.Limit, q.Offset)
	return b.String()
}

// Search answers from the cache, or runs the search within the node's bounds.
func (b *Bounded) Search(ctx context.Context, q Query) ([]Hit, int, error) {
	terms := Parse(q.Text)
	if len(terms) == 0 || q.Offset >= MaxCounted {
		return nil, 0, nil
	}
	key := key(terms, q)
	b.mu.Lock()
	gen := b.gen
	if el, ok := b.entries[key]; ok {
		b.order.MoveToFront(el)
		c := el.Value.(*cached)
		b.mu.Unlock()
		return c.hits, c.total, nil
	}
	b.mu.Unlock()

	t := time.NewTimer(b.wait)
	defer t.Stop()
	select {
	case b.slots <- struct{}{}:
		defer func() { <-b.slots }()
	case <-t.C:
		return nil, 0, fmt.Errorf("%w: no search slot within %s", ErrBusy, b.wait)
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	sctx, cancel := context.WithTimeout(ctx, b.deadline)
	defer cancel()
	hits, total, err := b.next.Search(sctx, q)
	if err != nil {
		if ctx.Err() == nil && sctx.Err() != nil {
			return nil, 0, fmt.Errorf("%w: ran past %s: %v", ErrBusy, b.deadline, err)
		}
		return nil, 0, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if c := (&cached{key: key, hits: hits, total: total, size: size(key, hits)}); gen == b.gen && c.size <= b.maxBytes {
		// No change since the search began: what it found is current.
		if el, ok := b.entries[key]; ok {
			b.drop(el)
		}
		b.entries[key] = b.order.PushFront(c)
		b.bytes += c.size
		for b.order.Len() > b.max || b.bytes > b.maxBytes {
			b.drop(b.order.Back())
		}
	}
	return hits, total, nil
}

// Invalidate forgets every cached result: a story was published, changed or taken
// down. Searches running now are not cached either.
func (b *Bounded) Invalidate() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.gen++
	b.order.Init()
	clear(b.entries)
	b.bytes = 0
}

func (b *Bounded) drop(el *list.Element) {
	c := b.order.Remove(el).(*cached)
	delete(b.entries, c.key)
	b.bytes -= c.size
}
