// Package job runs the newsroom's background work. The scheduler publishes embargoed
// stories when their time comes; the database decides which node publishes each, so
// any number of nodes may run it.
package job

import (
	"context"
	"log/slog"
	"time"

	"dateline/internal/story"
)

// Publisher is the store's part the scheduler needs.
type Publisher interface {
	PublishDue(ctx context.Context, now time.Time) ([]story.Story, error)
}

// Scheduler checks for due stories every Interval.
type Scheduler struct {
	Store     Publisher
	Now       func() time.Time
	Interval  time.Duration
	Log       *slog.Logger
	OnPublish func(story.Story) // optional: told of each story this node published
}

// RunOnce publishes what is due now.
func (s *Scheduler) RunOnce(ctx context.Context) error {
	list, err := s.Store.PublishDue(ctx, s.Now())
	for _, st := range list {
		s.Log.Info("published scheduled story", "story", st.ID, "slug", st.Slug)
		if s.OnPublish != nil {
			s.OnPublish(st)
		}
	}
	return err
}

// Run checks until ctx ends. A failed check is logged and retried at the next tick,
// so a database hiccup delays stories rather than losing them.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.Interval)
	defer t.Stop()
	for {
		if err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("scheduled publishing failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
