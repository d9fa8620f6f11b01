// Package job runs the newsroom's background work. The scheduler publishes embargoed
// stories when their time comes; the database decides which node publishes each, so
// any number of nodes may run it.
package job

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"dateline/internal/story"
)

// Publisher is the store's part the scheduler needs.
type Publisher interface {
	PublishDue(ctx context.Context, now time.Time) ([]story.Story, error)
	NextDue(ctx context.Context) (time.Time, bool, error)
}

// Scheduler publishes embargoed stories at their time. It sleeps until the earliest
// scheduled time rather than polling, wakes early when told of a change (a story
// scheduled here or on another node may be due sooner), and checks at least every
// Interval in case a change notice was lost.
type Scheduler struct {
	Store     Publisher
	Now       func() time.Time
	Interval  time.Duration // the longest sleep; also the retry delay after a failure
	Log       *slog.Logger
	OnPublish func(story.Story) // optional: told of each story this node published

	pokeOnce sync.Once
	poke     chan struct{}
}

// Poke wakes the scheduler to look again at what is due next. It never blocks.
func (s *Scheduler) Poke() {
	select {
	case s.pokes() <- struct{}{}:
	default:
	}
}

func (s *Scheduler) pokes() chan struct{} {
	s.pokeOnce.Do(func() { s.poke = make(chan struct{}, 1) })
	return s.poke
}

// RunOnce publishes what is due now and says how long to sleep before the next look.
func (s *Scheduler) RunOnce(ctx context.Context) (time.Duration, error) {
	list, err := s.Store.PublishDue(ctx, s.Now())
	for _, st := range list {
		s.Log.Info("published scheduled story", "story", st.ID, "slug", st.Slug)
		if s.OnPublish != nil {
			s.OnPublish(st)
		}
	}
	if err != nil {
		return s.Interval, err
	}
	next, ok, err := s.Store.NextDue(ctx)
	if err != nil {
		return s.Interval, err
	}
	return sleepUntil(s.Now(), next, ok, s.Interval), nil
}

// sleepUntil is how long to wait from now for a story due at next: until it is due
// (at once if it already is), and never longer than most.
func sleepUntil(now, next time.Time, ok bool, most time.Duration) time.Duration {
	if !ok {
		return most
	}
	return min(max(next.Sub(now), 0), most)
}

// Run publishes until ctx ends. A failed check is logged and retried after Interval,
// so a database hiccup delays stories rather than losing them.
func (s *Scheduler) Run(ctx context.Context) {
	poke := s.pokes()
	for {
		wait, err := s.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			s.Log.Error("scheduled publishing failed", "err", err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-poke:
			t.Stop()
		}
	}
}
