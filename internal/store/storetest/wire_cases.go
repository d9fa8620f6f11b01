package storetest

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"dateline/internal/story"
	"dateline/internal/wire"
)

func wireItem(id string, version int, headline string) wire.Item {
	return wire.Item{Format: "ninjs 2", Kind: wire.KindText, Agency: "NTB", ID: id, Version: version, Headline: headline,
		Body: "<p>" + headline + ".</p>", BodyHTML: true, Status: wire.StatusUsable, Urgency: 3, Language: "no",
		Raw: []byte(`{"uri":"` + id + `","headline":"` + headline + "\xe9\"}")} // not UTF-8: raw copy is bytes
}

// testWireQueue: versions replace the queue item and are kept; the same version is
// one item; older versions and bad items change nothing; withdrawals replace.
func testWireQueue(t *testing.T, s Store) {
	ctx := context.Background()
	at := time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)
	v1 := wireItem("urn:ntb:1", 1, "Storm closes ports")
	e, out, err := s.SaveWireItem(ctx, v1, at)
	must(t, err)
	if out != wire.Added || e.ID == 0 {
		t.Fatalf("first save: %s, id %d", out, e.ID)
	}
	if _, out, _ = s.SaveWireItem(ctx, v1, at.Add(time.Minute)); out != wire.Unchanged {
		t.Fatalf("same version again: %s, want unchanged", out)
	}
	v2 := wireItem("urn:ntb:1", 2, "Storm closes three ports")
	if _, out, _ = s.SaveWireItem(ctx, v2, at.Add(2*time.Minute)); out != wire.Updated {
		t.Fatalf("version 2: %s, want updated", out)
	}
	if _, out, _ = s.SaveWireItem(ctx, v1, at.Add(3*time.Minute)); out != wire.Older {
		t.Fatalf("version 1 after 2: %s, want older", out)
	}
	got, err := s.WireEntry(ctx, e.ID)
	must(t, err)
	if got.Item.Version != 2 || got.Item.Headline != v2.Headline || !bytes.Equal(got.Item.Raw, v2.Raw) ||
		!got.Received.Equal(at) || !got.Changed.Equal(at.Add(2*time.Minute)) {
		t.Fatalf(
			"queue item after versions: v%d %q raw %q received %s changed %s",
			got.Item.Version,
			got.Item.Headline,
			got.Item.Raw,
			got.Received,
			got.Changed,
		)
	}
	old, err := s.WireVersion(ctx, e.ID, 1)
	must(t, err)
	if old.Headline != v1.Headline || !bytes.Equal(old.Raw, v1.Raw) {
		t.Fatalf("version 1 kept as %q", old.Headline)
	}
	if _, err := s.WireVersion(ctx, e.ID, 7); !errors.Is(err, wire.ErrNotFound) {
		t.Fatalf("missing version: %v", err)
	}
	kill := v2
	kill.Status = wire.StatusCanceled
	if _, out, _ = s.SaveWireItem(ctx, kill, at.Add(4*time.Minute)); out != wire.Updated {
		t.Fatalf("kill under the same version: %s, want updated", out)
	}
	if got, _ = s.WireEntryByKey(ctx, "NTB", "urn:ntb:1"); !got.Withdrawn() {
		t.Fatalf("killed item status %s", got.Item.Status)
	}
	if _, _, err := s.SaveWireItem(ctx, wire.Item{ID: "no-agency"}, at); err == nil {
		t.Fatal("an item without an agency was stored")
	}
	if _, err := s.WireEntry(ctx, 999999); !errors.Is(err, wire.ErrNotFound) {
		t.Fatalf("missing entry: %v", err)
	}

	photo := wireItem("urn:ap:photo", 1, "Harbour under water")
	photo.Agency, photo.Kind, photo.Urgency = "AP", wire.KindPicture, 5
	_, _, err = s.SaveWireItem(ctx, photo, at.Add(5*time.Minute))
	must(t, err)
	flash := wireItem("urn:ntb:flash", 1, "Flash: minister resigns 100%")
	flash.Urgency = 1
	_, _, err = s.SaveWireItem(ctx, flash, at.Add(6*time.Minute))
	must(t, err)

	for name, c := range map[string]struct {
		f    wire.Filter
		want []string
	}{
		"all, latest first": {wire.Filter{}, []string{"urn:ntb:flash", "urn:ap:photo", "urn:ntb:1"}},
		"agency":            {wire.Filter{Agency: "AP"}, []string{"urn:ap:photo"}},
		"kind":              {wire.Filter{Kind: wire.KindText}, []string{"urn:ntb:flash", "urn:ntb:1"}},
		"urgency":           {wire.Filter{MaxUrgency: 3}, []string{"urn:ntb:flash", "urn:ntb:1"}},
		"since":             {wire.Filter{Since: at.Add(5 * time.Minute)}, []string{"urn:ntb:flash", "urn:ap:photo"}},
		"words":             {wire.Filter{Query: "STORM three"}, []string{"urn:ntb:1"}},
		"literal percent":   {wire.Filter{Query: "100%"}, []string{"urn:ntb:flash"}},
		"page":              {wire.Filter{Limit: 1, Offset: 1}, []string{"urn:ap:photo"}},
	} {
		list, err := s.WireEntries(ctx, c.f)
		must(t, err)
		var ids []string
		for _, e := range list {
			ids = append(ids, e.Item.ID)
		}
		if !equal(ids, c.want) {
			t.Errorf("%s: %v, want %v", name, ids, c.want)
		}
	}
	agencies, err := s.WireAgencies(ctx)
	must(t, err)
	if !equal(agencies, []wire.Agency{{Key: "AP", Name: "AP"}, {Key: "NTB", Name: "NTB"}}) {
		t.Errorf("agencies %v", agencies)
	}
}

// testWireSameItemAtOnce: nodes ingesting the same item together make one queue item.
func testWireSameItemAtOnce(t *testing.T, s Store) {
	ctx := context.Background()
	it := wireItem("urn:ntb:race", 1, "Race")
	var wg sync.WaitGroup
	outcomes := make(chan wire.Outcome, 8)
	for range 8 {
		wg.Go(func() {
			_, out, err := s.SaveWireItem(ctx, it, time.Now())
			if err != nil {
				t.Error(err)
			}
			outcomes <- out
		})
	}
	wg.Wait()
	close(outcomes)
	added := 0
	for out := range outcomes {
		if out == wire.Added {
			added++
		}
	}
	list, err := s.WireEntries(ctx, wire.Filter{})
	must(t, err)
	if added != 1 || len(list) != 1 {
		t.Fatalf("8 saves of one item: %d added, %d queue items", added, len(list))
	}
}

// testWireUses: a story made from an item records the use in the same transaction,
// and is flagged when the item changes.
func testWireUses(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	e, _, err := s.SaveWireItem(ctx, wireItem("urn:ntb:use", 1, "Ferry strike"), time.Now())
	must(t, err)
	st := f.story("ferry-strike", f.world)
	st.Source = story.Source{Agency: "NTB", ItemID: "urn:ntb:use", Version: 1}
	must(t, s.CreateStoryFromWire(ctx, st, wire.Use{EntryID: e.ID, AsIs: true, By: f.writer.ID}))
	use, err := s.WireUseOfStory(ctx, st.ID)
	must(t, err)
	if use.EntryID != e.ID || !use.AsIs || use.By != f.writer.ID {
		t.Fatalf("use %+v", use)
	}
	if uses, _ := s.WireUses(ctx, e.ID); len(uses) != 1 || uses[0].StoryID != st.ID {
		t.Fatalf("uses of the item: %+v", uses)
	}
	if got, _ := s.WireEntry(ctx, e.ID); got.Uses != 1 {
		t.Fatalf("queue item counts %d uses", got.Uses)
	}
	if flags, _ := s.WireFlags(ctx); len(flags) != 0 {
		t.Fatalf("flags before any change: %+v", flags)
	}

	// A use of an item that does not exist stores no story either.
	bad := f.story("no-such-item", f.world)
	if err := s.CreateStoryFromWire(ctx, bad, wire.Use{EntryID: 424242}); err == nil {
		t.Fatal("a use of a missing item was stored")
	}
	if _, err := s.StoryBySlug(ctx, "no-such-item"); !errors.Is(err, story.ErrNotFound) {
		t.Fatalf("the story of a failed use was kept: %v", err)
	}

	_, _, err = s.SaveWireItem(ctx, wireItem("urn:ntb:use", 2, "Ferry strike ends"), time.Now())
	must(t, err)
	flags, err := s.WireFlags(ctx)
	must(t, err)
	if len(flags) != 1 || flags[0].StoryID != st.ID || flags[0].UsedVersion != 1 || flags[0].Version != 2 || flags[0].Withdrawn() {
		t.Fatalf("flags after version 2: %+v", flags)
	}
	// The editor takes version 2: the flag goes.
	st.Source.Version = 2
	must(t, s.UpdateStory(ctx, st))
	if flags, _ := s.WireFlags(ctx); len(flags) != 0 {
		t.Fatalf("flags after taking version 2: %+v", flags)
	}
	kill := wireItem("urn:ntb:use", 2, "Ferry strike ends")
	kill.Status = wire.StatusWithheld
	_, _, err = s.SaveWireItem(ctx, kill, time.Now())
	must(t, err)
	if flags, _ := s.WireFlags(ctx); len(flags) != 1 || !flags[0].Withdrawn() {
		t.Fatalf("flags after a withdrawal: %+v", flags)
	}
}
