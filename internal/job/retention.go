package job

import (
	"context"
	"log/slog"
	"time"

	"dateline/internal/settings"
)

// RetentionStore is what the reader-data expiry needs.
type RetentionStore interface {
	Site(ctx context.Context) (settings.Site, error)
	ExpireReaderData(ctx context.Context, before time.Time) (int, error)
	ExpireAttempts(ctx context.Context, before time.Time) (int, error)
}

// AttemptsKept is how long rate-limit and sign-in counters outlive their window: the
// longest window is 15 minutes, so after an hour nothing about a client is needed.
const AttemptsKept = time.Hour

// Retention blanks readers' emails and address hashes once they are older than the
// site keeps them (the texts stay), and deletes the counters that rate limits and
// sign-in throttles keep under hashed client addresses once their windows are over.
type Retention struct {
	Store    RetentionStore
	Now      func() time.Time
	Interval time.Duration
	Log      *slog.Logger
	// EmptyTrash deletes for good the stories kept in the trash past their time;
	// nil: not done here.
	EmptyTrash func(ctx context.Context) (int, error)
}

// RunOnce expires what is due now.
func (j *Retention) RunOnce(ctx context.Context) error {
	site, err := j.Store.Site(ctx)
	if err != nil {
		return err
	}
	n, err := j.Store.ExpireReaderData(ctx, j.Now().AddDate(0, 0, -site.ReaderDataDays))
	if n > 0 {
		j.Log.Info("expired reader data", "messages", n, "days", site.ReaderDataDays)
	}
	if err != nil {
		return err
	}
	if _, err = j.Store.ExpireAttempts(ctx, j.Now().Add(-AttemptsKept)); err != nil || j.EmptyTrash == nil {
		return err
	}
	if n, err := j.EmptyTrash(ctx); n > 0 || err != nil {
		j.Log.Info("emptied the trash", "stories", n, "err", err)
		return err
	}
	return nil
}

// Run expires reader data every Interval until ctx ends.
func (j *Retention) Run(ctx context.Context) {
	t := time.NewTicker(j.Interval)
	defer t.Stop()
	for {
		if err := j.RunOnce(ctx); err != nil && ctx.Err() == nil {
			j.Log.Error("reader data expiry failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
