package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"dateline/internal/event"
	"dateline/internal/job"
	"dateline/internal/letters"
	"dateline/internal/outbox"
	"dateline/internal/store"
	"dateline/internal/story"
)

// Workers are what a node runs beside serving requests: the scheduler, which
// publishes embargoed stories, and the outbox relay, which does the work that
// follows each commit (related stories, CDN purges, notices to the letters desk).
type Workers struct {
	Scheduler *job.Scheduler
	Relay     *outbox.Relay
	done      chan struct{}
}

// Run starts both until ctx ends.
func (w *Workers) Run(ctx context.Context) {
	w.done = make(chan struct{})
	go func() {
		var wg sync.WaitGroup
		wg.Go(func() { w.Scheduler.Run(ctx) })
		wg.Go(func() { w.Relay.Run(ctx) })
		wg.Wait()
		close(w.done)
	}()
}

// Wait waits, until ctx ends, for both to stop after Run's context has ended: an
// event being delivered finishes or is released for the next claim.
func (w *Workers) Wait(ctx context.Context) error {
	if w.done == nil {
		return nil
	}
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// NotifyFunc tells the letters desk of a new reader message (by email, say); id is
// the outbox event's, stable across retries.
type NotifyFunc func(ctx context.Context, id int64, m letters.Message, about *story.Story) error

// PurgeFunc sends one purge of the CDN; id is the outbox event's, stable across
// retries, for the CDN's idempotency.
type PurgeFunc func(ctx context.Context, id int64, tags []string) error

// newRelay builds the node's outbox relay with a handler for each event kind. CDN
// purges are queued only when a CDN is configured, and notices only when mail is.
func newRelay(s *store.Store, now func() time.Time, log *slog.Logger, purge PurgeFunc, notify NotifyFunc) *outbox.Relay {
	handlers := map[string]outbox.Handler{
		event.RefreshRelated: func(ctx context.Context, e outbox.Event) error {
			var p outbox.StoryID
			if err := e.Decode(&p); err != nil {
				return nil // a malformed event never becomes valid: drop it
			}
			if err := s.RefreshRelated(ctx, p.StoryID); !errors.Is(err, story.ErrNotFound) {
				return err
			}
			return nil
		},
	}
	if purge != nil {
		s.SetPurges(true)
		handlers[event.PurgeCDN] = func(ctx context.Context, e outbox.Event) error {
			var p outbox.Tags
			if err := e.Decode(&p); err != nil {
				return nil
			}
			return purge(ctx, e.ID, p.Tags)
		}
	}
	if notify != nil {
		handlers[event.NotifyLetter] = func(ctx context.Context, e outbox.Event) error {
			var p outbox.MessageID
			if err := e.Decode(&p); err != nil {
				return nil
			}
			m, err := s.MessageByID(ctx, p.MessageID)
			if errors.Is(err, letters.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			var about *story.Story
			if m.StoryID != 0 {
				st, err := s.StoryByID(ctx, m.StoryID)
				if err != nil && !errors.Is(err, story.ErrNotFound) {
					return err
				}
				if err == nil {
					about = &st
				}
			}
			return notify(ctx, e.ID, m, about)
		}
	}
	return &outbox.Relay{Store: s, Handlers: handlers, Owner: s.Node(), Now: now, Log: log}
}
