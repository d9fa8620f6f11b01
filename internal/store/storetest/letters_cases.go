package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"dateline/internal/letters"
)

func testLetters(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	st := f.published(t, s, "letters", f.world, base)
	add := func(name string, kind letters.Kind, state letters.State, minutes int) letters.Message {
		m := letters.Message{StoryID: st.ID, Kind: kind, Name: name, Text: "Text from " + name, State: letters.StatePending,
			Email: name + "@example.com", CreatedAt: base.Add(time.Duration(minutes) * time.Minute)}
		must(t, s.CreateMessage(ctx, &m))
		if state != letters.StatePending {
			must(t, s.SetMessageState(ctx, m.ID, "", state, 0))
		}
		return m
	}
	add("old", letters.KindComment, letters.StatePublished, 1)
	second := add("second-pick", letters.KindComment, letters.StatePending, 2)
	add("new", letters.KindComment, letters.StatePublished, 3)
	first := add("first-pick", letters.KindComment, letters.StatePending, 4)
	add("waiting", letters.KindComment, letters.StatePending, 5)
	add("rejected", letters.KindComment, letters.StateRejected, 6)
	add("spam", letters.KindComment, letters.StateSpam, 7)
	add("private", letters.KindPrivate, letters.StatePublished, 8) // never public, whatever its state
	must(t, s.SetMessageState(ctx, first.ID, "", letters.StateFeatured, 1))
	must(t, s.SetMessageState(ctx, second.ID, "", letters.StateFeatured, 2))

	list, total, err := s.PublishedComments(ctx, st.ID, 10, 0)
	must(t, err)
	var names []string
	for _, m := range list {
		names = append(names, m.Name)
	}
	if want := []string{"first-pick", "second-pick", "new", "old"}; !equal(names, want) || total != 4 {
		t.Fatalf("comments = %v (total %d), want %v: featured by rank, then newest", names, total, want)
	}
	page2, _, err := s.PublishedComments(ctx, st.ID, 3, 3)
	must(t, err)
	if len(page2) != 1 || page2[0].Name != "old" {
		t.Fatalf("second page = %+v", page2)
	}
	// Editors may move a message back to pending: it leaves the page.
	must(t, s.SetMessageState(ctx, first.ID, "", letters.StatePending, 0))
	_, total, err = s.PublishedComments(ctx, st.ID, 10, 0)
	must(t, err)
	if total != 3 {
		t.Fatalf("after unfeaturing to pending: total %d, want 3", total)
	}
	if err := s.SetMessageState(ctx, 99999, "", letters.StatePublished, 0); !errors.Is(err, letters.ErrNotFound) {
		t.Fatalf("missing message: err = %v", err)
	}
	if err := s.SetMessageState(ctx, first.ID, "", "shouting", 0); !errors.Is(err, letters.ErrInvalid) {
		t.Fatalf("unknown state: err = %v", err)
	}
	// Moved only from the state the desk expects: else ErrMoved, unchanged.
	if err := s.SetMessageState(ctx, first.ID, letters.StateSpam, letters.StateArchived, 0); !errors.Is(err, letters.ErrMoved) {
		t.Fatalf("moving from a state it is not in: err = %v", err)
	}
	if err := s.SetMessageState(ctx, 99999, letters.StatePending, letters.StatePublished, 0); !errors.Is(err, letters.ErrNotFound) {
		t.Fatalf("moving a missing message from a state: err = %v", err)
	}
	counts, err := s.MessageCounts(ctx, letters.Query{StoryID: st.ID, State: letters.StateSpam})
	must(t, err)
	if counts[letters.StatePending] != 2 {
		t.Fatalf("counts = %v, want 2 pending (the state filter ignored)", counts)
	}
	pending, total, err := s.Messages(ctx, letters.Query{StoryID: st.ID, State: letters.StatePending})
	must(t, err)
	if total != 2 || len(pending) != 2 || pending[0].Name != "waiting" || pending[1].Email != "first-pick@example.com" {
		t.Fatalf("pending messages = %+v (total %d), want waiting then first-pick, newest first", pending, total)
	}
	all, total, err := s.Messages(ctx, letters.Query{Limit: 3})
	must(t, err)
	if total != 8 || len(all) != 3 || all[0].Name != "private" {
		t.Fatalf("all messages: %d of %d, first %q", len(all), total, all[0].Name)
	}
	// A kind is filtered before paging: pages are full and totals count that kind.
	comments, total, err := s.Messages(ctx, letters.Query{Kind: letters.KindComment, Limit: 3})
	must(t, err)
	if total != 7 || len(comments) != 3 || comments[0].Name != "spam" {
		t.Fatalf("comments: %d of %d, first %q; want 3 of 7, spam first", len(comments), total, comments[0].Name)
	}
	private, total, err := s.Messages(ctx, letters.Query{Kind: letters.KindPrivate, Limit: 3})
	must(t, err)
	if total != 1 || len(private) != 1 || private[0].Name != "private" {
		t.Fatalf("private messages: %d of %d", len(private), total)
	}
	empty := letters.Message{StoryID: st.ID, Kind: letters.KindComment, Name: "x", Text: "  ", State: letters.StatePending}
	if err := s.CreateMessage(ctx, &empty); !errors.Is(err, letters.ErrInvalid) {
		t.Fatalf("empty text: err = %v", err)
	}
}

func testLettersDesk(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	st := f.published(t, s, "desk", f.world, base)
	other := f.published(t, s, "desk-other", f.world, base)
	m := letters.Message{StoryID: st.ID, Kind: letters.KindComment, Name: "Rosa", Email: "Rosa@Example.com", Text: "Long text here.",
		State: letters.StatePublished, IPHash: "h1", CreatedAt: base}
	must(t, s.CreateMessage(ctx, &m))
	old := letters.Message{StoryID: other.ID, Kind: letters.KindPrivate, Name: "Old", Email: "old@example.com", Text: "Old.",
		State: letters.StatePending, IPHash: "h2", CreatedAt: base.Add(-100 * 24 * time.Hour)}
	must(t, s.CreateMessage(ctx, &old))

	got, err := s.MessageByID(ctx, m.ID)
	must(t, err)
	if got.IPHash != "h1" || got.Email != "Rosa@Example.com" || got.Edited {
		t.Fatalf("message = %+v", got)
	}
	must(t, s.EditMessageText(ctx, m.ID, "Long text."))
	if got, _ := s.MessageByID(ctx, m.ID); got.Text != "Long text." || !got.Edited {
		t.Fatalf("after trimming: %+v", got)
	}
	dup, err := s.HasDuplicate(ctx, st.ID, "Long text.", "h1", base.Add(-time.Hour))
	must(t, err)
	if !dup {
		t.Fatal("duplicate not found")
	}
	if dup, _ := s.HasDuplicate(ctx, st.ID, "Long text.", "other", base.Add(-time.Hour)); dup {
		t.Fatal("another address's message counted as a duplicate")
	}
	counts, err := s.CommentCounts(ctx, []int64{st.ID, other.ID})
	must(t, err)
	if counts[st.ID] != 1 || counts[other.ID] != 0 {
		t.Fatalf("comment counts = %v", counts)
	}
	n, err := s.ExpireReaderData(ctx, base.Add(-90*24*time.Hour))
	must(t, err)
	if got, _ := s.MessageByID(ctx, old.ID); n != 1 || got.Email != "" || got.IPHash != "" || got.Text != "Old." {
		t.Fatalf("expiry changed %d messages: %+v", n, got)
	}
	mine, _, err := s.Messages(ctx, letters.Query{Email: "ROSA@example.com"})
	must(t, err)
	if len(mine) != 1 || mine[0].ID != m.ID {
		t.Fatalf("one reader's messages by email: %+v", mine)
	}
	n, err = s.EraseReader(ctx, "rosa@example.COM", false)
	must(t, err)
	if got, _ := s.MessageByID(ctx, m.ID); n != 1 || got.Email != "" || got.IPHash != "" || got.Text != "Long text." ||
		got.State != letters.StatePublished || got.Name != letters.ErasedName || got.Place != "" {
		t.Fatalf("erasing a reader changed %d messages: %+v", n, got)
	}
	if n, err := s.EraseReader(ctx, "rosa@example.com", true); err != nil || n != 0 {
		t.Fatalf("erasing the same reader again: %d %v, want nothing to do", n, err)
	}
	if _, err := s.MessageByID(ctx, 99999); !errors.Is(err, letters.ErrNotFound) {
		t.Fatalf("missing message: %v", err)
	}
}
