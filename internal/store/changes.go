package store

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dateline/internal/change"
)

// The change tags are the page cache's (see change.TagSite and friends).
const (
	TagSite     = change.TagSite
	TagStories  = change.TagStories
	TagComments = change.TagComments
	TagSchedule = change.TagSchedule
	TagOutbox   = change.TagOutbox
)

// TagStory and TagStoryComments name one story's page and its comments.
var (
	TagStory         = change.TagStory
	TagStoryComments = change.TagStoryComments
)

// changeHub fans committed changes out to this process's listeners; on PostgreSQL it
// also notifies the other nodes.
type changeHub struct {
	mu        sync.Mutex
	listeners []func(tags []string)
}

// OnChange registers fn to be told of every change committed through this store,
// and, on PostgreSQL, of every other node's (see Listen).
func (s *Store) OnChange(fn func(tags []string)) {
	s.changes.mu.Lock()
	defer s.changes.mu.Unlock()
	s.changes.listeners = append(s.changes.listeners, fn)
}

// changed reports a committed change to local listeners at once and, on PostgreSQL,
// to other nodes by NOTIFY. A lost notification only delays freshness until the
// pages' maximum age; it never makes a write fail. Inside a transaction the change
// waits for the commit (see Atomically).
func (s *Store) changed(ctx context.Context, tags ...string) {
	if st := txOf(ctx); st != nil {
		st.tags = append(st.tags, tags...)
		return
	}
	// A single statement outside a transaction still queues its CDN purge, just
	// after its commit.
	if len(change.PageTags(tags)) > 0 && s.purges.Load() {
		_ = s.addPurge(ctx, tags) // a failure leaves the CDN to the pages' maximum age
	}
	s.announce(ctx, tags)
}

// announce tells this node's listeners of committed changes and, on PostgreSQL,
// the other nodes.
func (s *Store) announce(ctx context.Context, tags []string) {
	s.deliver(tags)
	if s.engine.notify != "" {
		_, _ = s.write.ExecContext(context.WithoutCancel(ctx), s.engine.notify, s.node+" "+strings.Join(tags, " "))
	}
}

func (s *Store) deliver(tags []string) {
	s.changes.mu.Lock()
	list := append([]func([]string){}, s.changes.listeners...)
	s.changes.mu.Unlock()
	for _, fn := range list {
		fn(tags)
	}
}

// received handles a notification from another node: "node tag tag...".
func (s *Store) received(payload string) {
	node, tags, _ := strings.Cut(payload, " ")
	if node == s.node || tags == "" {
		return // our own, already delivered
	}
	s.deliver(strings.Fields(tags))
}

// watchOtherProcesses notices commits that other processes make to the same SQLite
// file (a `dateline ingest` or `user add` run beside the server) and reports a
// change to everything, since it cannot tell what they changed. PRAGMA
// data_version on the writer's one connection moves only when another connection
// commits, so this process's own writes do not trigger it.
func (s *Store) watchOtherProcesses(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	last := int64(-1)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var v int64
		if err := s.wr(ctx).QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
			continue
		}
		if last >= 0 && v != last {
			s.deliver([]string{TagSite})
		}
		last = v
	}
}

// feedState is whether this node hears other nodes' changes: the time the change feed
// was lost, or zero while it is live (and on SQLite, which has one node).
type feedState struct{ downSince atomic.Int64 }

func (f *feedState) lose(at time.Time) { f.downSince.CompareAndSwap(0, at.UnixNano()) }
func (f *feedState) restore()          { f.downSince.Store(0) }

// ChangeFeed reports whether this node hears every change made through other nodes;
// when it does not, since is when it stopped. Cached pages may then be out of date.
func (s *Store) ChangeFeed() (since time.Time, live bool) {
	v := s.feed.downSince.Load()
	if v == 0 {
		return time.Time{}, true
	}
	return time.Unix(0, v), false
}
