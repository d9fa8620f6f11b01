package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"dateline/internal/audit"
	"dateline/internal/auth"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/story"
)

func testPublishDueExactlyOnce(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	var due []int64
	for i := range 60 { // sixty embargoes falling due together, as on a results night
		st := f.story(fmt.Sprintf("due-%d", i), f.world)
		st.State, st.ScheduledAt = story.StateScheduled, base.Add(time.Duration(i)*time.Second)
		must(t, s.CreateStory(ctx, st))
		due = append(due, st.ID)
	}
	later := f.story("later", f.world)
	later.State, later.ScheduledAt = story.StateScheduled, base.Add(time.Hour)
	must(t, s.CreateStory(ctx, later))
	if next, ok, err := s.NextDue(ctx); err != nil || !ok || !next.Equal(base) {
		t.Fatalf("next due = %v %v %v, want %v", next, ok, err, base)
	}

	// Several "nodes" ask at once; every due story must be published by exactly one,
	// and the first to claim takes them all at once.
	var mu sync.Mutex
	count := map[int64]int{}
	most := 0
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			list, err := s.PublishDue(ctx, base.Add(10*time.Minute))
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			for _, st := range list {
				count[st.ID]++
			}
			most = max(most, len(list))
			mu.Unlock()
		}()
	}
	wg.Wait()
	for i, id := range due {
		if count[id] != 1 {
			t.Errorf("due story %d published %d times, want exactly once", id, count[id])
		}
		st, err := s.StoryByID(ctx, id)
		must(t, err)
		if st.State != story.StatePublished || !st.PublishedAt.Equal(base.Add(time.Duration(i)*time.Second)) || !st.ScheduledAt.IsZero() {
			t.Errorf("after publishing: state %s published %v scheduled %v", st.State, st.PublishedAt, st.ScheduledAt)
		}
	}
	if most != len(due) {
		t.Errorf("the due stories were claimed in parts (largest claim %d of %d)", most, len(due))
	}
	if count[later.ID] != 0 {
		t.Error("a story was published before its time")
	}
	if next, ok, err := s.NextDue(ctx); err != nil || !ok || !next.Equal(base.Add(time.Hour)) {
		t.Fatalf("next due after publishing = %v %v %v", next, ok, err)
	}
	got, err := s.StoryByID(ctx, later.ID)
	must(t, err)
	if got.State != story.StateScheduled {
		t.Fatalf("the later story is %s", got.State)
	}
	log, total, err := s.AuditLog(ctx, 100, 0)
	must(t, err)
	if total != len(due) || log[0].Action != "story.published" {
		t.Fatalf("audit log after scheduled publishing: %d entries, first %+v", total, log[0])
	}
}

func testRevisionsKeepWhoAndState(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	st := f.story("revs", f.world)
	st.ModifiedBy = f.writer.ID
	must(t, s.CreateStory(ctx, st))
	st.Headline, st.ModifiedBy = "Edited", 0
	must(t, st.Transition(story.StateInReview, time.Time{}, base))
	must(t, s.UpdateStory(ctx, st))
	revs, err := s.Revisions(ctx, st.ID)
	must(t, err)
	if len(revs) != 1 || revs[0].SavedBy != f.writer.ID || revs[0].State != story.StateDraft || revs[0].Headline != "Headline revs" {
		t.Fatalf("revision = %+v, want the writer's draft", revs)
	}
}

func testAutosave(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	if _, _, err := s.Autosave(ctx, f.writer.ID, 0); !errors.Is(err, story.ErrNotFound) {
		t.Fatalf("empty slot: err = %v", err)
	}
	must(t, s.SaveAutosave(ctx, f.writer.ID, 0, "one"))
	must(t, s.SaveAutosave(ctx, f.writer.ID, 0, "two"))
	got, _, err := s.Autosave(ctx, f.writer.ID, 0)
	must(t, err)
	if got != "two" {
		t.Fatalf("autosave = %q, want the latest", got)
	}
	must(t, s.DeleteAutosave(ctx, f.writer.ID, 0))
	if _, _, err := s.Autosave(ctx, f.writer.ID, 0); !errors.Is(err, story.ErrNotFound) {
		t.Fatalf("after delete: err = %v", err)
	}
}

func testSessionsAndTokens(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	_, hash := auth.NewSecret()
	must(
		t,
		s.CreateSession(ctx, auth.Session{TokenHash: hash, PersonID: f.writer.ID, CSRF: "c", CreatedAt: base, ExpiresAt: base.Add(time.Hour)}),
	)
	got, err := s.SessionByHash(ctx, hash, base.Add(time.Minute))
	must(t, err)
	if got.PersonID != f.writer.ID || got.CSRF != "c" {
		t.Fatalf("session = %+v", got)
	}
	if _, err := s.SessionByHash(ctx, hash, base.Add(2*time.Hour)); !errors.Is(err, auth.ErrNoSession) {
		t.Fatalf("expired session: err = %v", err)
	}
	_, tokenHash := auth.NewSecret()
	must(t, s.CreateToken(ctx, tokenHash, f.writer.ID, "cli"))
	id, err := s.PersonIDByToken(ctx, tokenHash, base)
	must(t, err)
	if id != f.writer.ID {
		t.Fatalf("token person = %d", id)
	}
	// Disabling a person ends everything at once.
	p := f.writer
	p.Disabled = true
	must(t, s.UpdatePerson(ctx, p))
	if _, err := s.SessionByHash(ctx, hash, base); !errors.Is(err, auth.ErrNoSession) {
		t.Fatal("a disabled person's session still works")
	}
	must(t, s.EndAccess(ctx, f.writer.ID))
	p.Disabled = false
	must(t, s.UpdatePerson(ctx, p))
	if _, err := s.SessionByHash(ctx, hash, base); !errors.Is(err, auth.ErrNoSession) {
		t.Fatal("EndAccess left a session")
	}
	if _, err := s.PersonIDByToken(ctx, tokenHash, base); !errors.Is(err, auth.ErrNoSession) {
		t.Fatal("EndAccess left a token")
	}

	_, inv := auth.NewSecret()
	link := func(hash string, kind auth.LinkKind, expires time.Time) auth.Link {
		return auth.Link{TokenHash: hash, PersonID: f.writer.ID, Kind: kind, CreatedAt: base, ExpiresAt: expires}
	}
	must(t, s.CreateInvite(ctx, link(inv, auth.LinkInvite, base.Add(time.Hour))))
	if _, err := s.UseInvite(ctx, inv, base.Add(2*time.Hour)); !errors.Is(err, auth.ErrBadInvite) {
		t.Fatalf("expired invite: err = %v", err)
	}
	if l, err := s.InviteByHash(ctx, inv, base); err != nil || l.PersonID != f.writer.ID || l.Kind != auth.LinkInvite ||
		!l.ExpiresAt.Equal(base.Add(time.Hour)) {
		t.Fatalf("look at a link: %+v %v", l, err)
	}
	if id, err := s.UseInvite(ctx, inv, base); err != nil || id != f.writer.ID {
		t.Fatalf("invite (after a look, which does not use it): %d %v", id, err)
	}
	if _, err := s.UseInvite(ctx, inv, base); !errors.Is(err, auth.ErrBadInvite) {
		t.Fatal("an invite worked twice")
	}
	// A newer link revokes the older ones of the same person.
	_, older := auth.NewSecret()
	_, newer := auth.NewSecret()
	must(t, s.CreateInvite(ctx, link(older, auth.LinkInvite, base.Add(7*24*time.Hour))))
	must(t, s.CreateInvite(ctx, link(newer, auth.LinkReset, base.Add(time.Hour))))
	if _, err := s.InviteByHash(ctx, older, base); !errors.Is(err, auth.ErrBadInvite) {
		t.Fatal("an older link still works after a newer one was made")
	}
	if pending, err := s.PendingLinks(ctx, base); err != nil || pending[f.writer.ID].Kind != auth.LinkReset || len(pending) != 1 {
		t.Fatalf("pending links: %v %v", pending, err)
	}

	// Attempts are counted atomically: 50 at once get 50 different counts.
	var wg sync.WaitGroup
	counts := make([]int, 50)
	for i := range counts {
		wg.Go(func() {
			n, err := s.CountAttempt(ctx, "signin:k", base, 15*time.Minute)
			if err != nil {
				t.Error(err)
			}
			counts[i] = n
		})
	}
	wg.Wait()
	slices.Sort(counts)
	for i, n := range counts {
		if n != i+1 {
			t.Fatalf("parallel attempt counts %v: not 1..50", counts)
		}
	}
	if n, _ := s.CountAttempt(ctx, "signin:k", base.Add(15*time.Minute), 15*time.Minute); n != 1 {
		t.Fatalf("a new window counts %d, want 1", n)
	}
	must(t, s.ClearAttempts(ctx, "signin:k"))
	if n, _ := s.CountAttempt(ctx, "signin:k", base.Add(15*time.Minute), 15*time.Minute); n != 1 {
		t.Fatal("attempts not cleared")
	}
	for i := range 3 {
		n, err := s.CountRate(ctx, "letters:9.9.9.9", base.Add(time.Duration(i)*time.Minute), base.Add(-time.Hour))
		must(t, err)
		if n != i+1 {
			t.Fatalf("rate count %d = %d", i, n)
		}
	}
	if n, _ := s.CountRate(ctx, "letters:9.9.9.9", base.Add(2*time.Hour), base.Add(time.Hour)); n != 1 {
		t.Fatalf("a new window counts %d, want 1 (old events pruned)", n)
	}
	// Once their windows end, counters and rate events are deleted.
	if n, err := s.ExpireAttempts(ctx, base.Add(3*time.Hour)); err != nil || n != 2 {
		t.Fatalf("expired %d counters and events, want 2: %v", n, err)
	}
}

func testPeopleAdmin(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	got, err := s.PersonByEmail(ctx, " ANA@example.com ")
	must(t, err)
	if got.ID != f.writer.ID {
		t.Fatal("email lookup ignores case and spaces")
	}
	must(t, s.SetPassword(ctx, f.writer.ID, "hash-1"))
	h, err := s.PasswordHash(ctx, f.writer.ID)
	must(t, err)
	if h != "hash-1" {
		t.Fatalf("hash = %q", h)
	}
	got.Role, got.Title = people.RoleEditor, "Night editor"
	must(t, s.UpdatePerson(ctx, got))
	again, err := s.PersonByID(ctx, got.ID)
	must(t, err)
	if again.Role != people.RoleEditor || again.Title != "Night editor" {
		t.Fatalf("updated person = %+v", again)
	}
	got.Role = "boss"
	if err := s.UpdatePerson(ctx, got); !errors.Is(err, people.ErrInvalid) {
		t.Fatalf("bad role: err = %v", err)
	}
	b := f.bureau
	b.Name = "HK bureau"
	must(t, s.UpdateBureau(ctx, b))

	must(t, s.AddAudit(ctx, audit.Entry{PersonID: f.writer.ID, Action: "person.update", Detail: "role", IP: "127.0.0.1"}))
	log, total, err := s.AuditLog(ctx, 5, 0)
	must(t, err)
	if total != 1 || log[0].Action != "person.update" || log[0].IP != "127.0.0.1" {
		t.Fatalf("audit = %+v", log)
	}
}

func testTopicsAdmin(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := f.published(t, s, "a", f.world, base, f.trade)
	f.published(t, s, "b", f.world, base, f.trade, f.climate)
	must(t, s.MergeTopics(ctx, f.trade.ID, f.climate.ID))
	if _, err := s.TopicBySlug(ctx, "trade"); !errors.Is(err, section.ErrNotFound) {
		t.Fatal("merged topic still exists")
	}
	_, total, err := s.Stories(ctx, story.Query{TopicID: f.climate.ID})
	must(t, err)
	if total != 2 {
		t.Fatalf("after merge the topic has %d stories, want 2", total)
	}
	got, err := s.StoryByID(ctx, a.ID)
	must(t, err)
	if !equal(got.TopicIDs, []int64{f.climate.ID}) {
		t.Fatalf("story topics after merge = %v", got.TopicIDs)
	}
	renamed := section.Topic{ID: f.climate.ID, Slug: "climate-change", Name: "Climate change"}
	must(t, s.RenameTopic(ctx, renamed))
	if _, err := s.TopicBySlug(ctx, "climate-change"); err != nil {
		t.Fatal(err)
	}
	sec := f.business
	sec.Name, sec.Position = "Money", 9
	must(t, s.UpdateSection(ctx, sec))

	list, _, err := s.Stories(ctx, story.Query{AnyState: true, Headline: "HEADLINE A"})
	must(t, err)
	if !equal(slugs(list), []string{"a"}) {
		t.Fatalf("headline search = %v", slugs(list))
	}
	if list, _, _ := s.Stories(ctx, story.Query{AnyState: true, Headline: "%"}); len(list) != 0 {
		t.Fatal("a LIKE wildcard in a search matched everything")
	}
}
