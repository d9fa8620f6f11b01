package job_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/job"
	"dateline/internal/letters"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/store"
	"dateline/internal/story"
)

// storeWithSection is a fresh SQLite store with one section to file stories in.
func storeWithSection(t *testing.T) (*store.Store, section.Section) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sec := section.Section{Slug: "world", Name: "World"}
	if err := st.CreateSection(context.Background(), &sec); err != nil {
		t.Fatal(err)
	}
	return st, sec
}

// TestSchedulerRunPublishesDueStories runs the loop against a real store until the
// embargoed story is published, then stops it.
func TestSchedulerRunPublishesDueStories(t *testing.T) {
	ctx := context.Background()
	st, sec := storeWithSection(t)
	embargo := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	s := story.Story{Slug: "held", Headline: "Held", SectionID: sec.ID, State: story.StateScheduled, ScheduledAt: embargo}
	if err := st.CreateStory(ctx, &s); err != nil {
		t.Fatal(err)
	}
	var now atomic.Int64
	now.Store(embargo.Add(-time.Minute).UnixNano())
	published := make(chan story.Story, 1)
	sched := &job.Scheduler{Store: st, Interval: 10 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return time.Unix(0, now.Load()) }, OnPublish: func(s story.Story) { published <- s }}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { sched.Run(runCtx); close(done) }()

	select {
	case p := <-published:
		t.Fatalf("published %q before its time", p.Slug)
	case <-time.After(200 * time.Millisecond): // many ticks before the embargo
	}
	now.Store(embargo.Add(time.Second).UnixNano())
	select {
	case p := <-published:
		if p.State != story.StatePublished || !p.PublishedAt.Equal(embargo) {
			t.Fatalf("published story = %s at %v", p.State, p.PublishedAt)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the scheduler did not publish the due story within 15 s")
	}
	stop()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("the scheduler did not stop")
	}
}

func TestRetentionExpiresOldReaderData(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	site := settings.Default()
	site.ReaderDataDays = 30
	if err := st.SaveSite(ctx, site); err != nil {
		t.Fatal(err)
	}
	for _, age := range []int{40, 10} {
		m := letters.Message{Kind: letters.KindPrivate, Name: "R", Email: "r@example.com", Text: "Hello " + time.Duration(age).String(),
			State: letters.StatePending, IPHash: "h", CreatedAt: now.AddDate(0, 0, -age)}
		if err := st.CreateMessage(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	j := &job.Retention{Store: st, Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := j.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	list, _, _ := st.Messages(ctx, letters.Query{})
	for _, m := range list {
		old := m.CreatedAt.Before(now.AddDate(0, 0, -30))
		if old != (m.Email == "") || old != (m.IPHash == "") || m.Text == "" {
			t.Fatalf("message from %v: email %q hash %q", m.CreatedAt, m.Email, m.IPHash)
		}
	}
}

// TestRetentionForgetsClientsWhenTheirWindowsEnd: counters kept under hashed client
// addresses are gone once their windows are over (an injected clock moves on).
func TestRetentionForgetsClientsWhenTheirWindowsEnd(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if _, err := st.CountAttempt(ctx, "signin:hashed", now, 15*time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CountRate(ctx, "letters:hashed", now, now.Add(-10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	count := func() (n int) {
		var a, b int
		st.DB().QueryRow("SELECT COUNT(*) FROM attempt_counters").Scan(&a)
		st.DB().QueryRow("SELECT COUNT(*) FROM rate_events").Scan(&b)
		return a + b
	}
	j := &job.Retention{Store: st, Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := j.RunOnce(ctx); err != nil || count() != 2 {
		t.Fatalf("within the window: %d rows kept (%v), want 2", count(), err)
	}
	now = now.Add(job.AttemptsKept + 15*time.Minute)
	if err := j.RunOnce(ctx); err != nil || count() != 0 {
		t.Fatalf("after the window: %d rows kept (%v), want 0", count(), err)
	}
}

// TestSchedulerWakesAtTheEmbargoNotByPolling: with a one-hour interval the only way a
// story due in 300 ms gets published is the scheduler waking at its time; a story
// scheduled while it sleeps is found when it is poked.
func TestSchedulerWakesAtTheEmbargoNotByPolling(t *testing.T) {
	ctx := context.Background()
	st, sec := storeWithSection(t)
	schedule := func(slug string, at time.Time) {
		s := story.Story{Slug: slug, Headline: slug, SectionID: sec.ID, State: story.StateScheduled, ScheduledAt: at}
		if err := st.CreateStory(ctx, &s); err != nil {
			t.Fatal(err)
		}
	}
	schedule("soon", time.Now().Add(300*time.Millisecond))
	published := make(chan story.Story, 2)
	sched := &job.Scheduler{Store: st, Interval: time.Hour, Now: time.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnPublish: func(s story.Story) { published <- s }}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	go sched.Run(runCtx)
	wait := func(slug string) {
		t.Helper()
		select {
		case p := <-published:
			if p.Slug != slug {
				t.Fatalf("published %q, want %q", p.Slug, slug)
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("%q was not published within 15 s", slug)
		}
	}
	wait("soon")
	schedule("later", time.Now().Add(200*time.Millisecond)) // the scheduler sleeps for an hour now
	sched.Poke()
	wait("later")
}
