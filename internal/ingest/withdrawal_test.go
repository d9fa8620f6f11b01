package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/store"
	"dateline/internal/wire"
)

const (
	folderA = "folder /srv/wire/ntb"
	folderB = "folder /srv/wire/other"
)

// story1 is a ninjs text item that names no provider (no copyright holder, no
// source): the queue knows it by the way it came in.
const story1 = `{"uri": "urn:example:storm-1", "type": "text", "version": 2, "headline": "Storm closes the ports",
	"body_text": "Gale-force winds closed two ports."}`

func ingestDoc(t *testing.T, in *Ingester, channel, doc string) Report {
	t.Helper()
	reports := in.Data(context.Background(), "test", channel, []byte(doc))
	if len(reports) != 1 {
		t.Fatalf("%d reports for one document", len(reports))
	}
	return reports[0]
}

// TestBareWithdrawalsApply: a bare notice in ninjs 1, 2 or 3 or NewsML-G2 withdraws
// the queued item it names and takes down the story published as is, when it came
// the same way; a notice from elsewhere, or claiming another provider's item,
// touches nothing; an older withdrawal is ignored and reported; a later usable
// version reinstates the item without republishing the story.
func TestBareWithdrawalsApply(t *testing.T) {
	notices := map[string]string{
		"ninjs 1": `{"uri": "urn:example:storm-1", "pubstatus": "canceled"}`,
		"ninjs 2": `{"uri": "urn:example:storm-1", "pubstatus": "withheld", "version": "2"}`,
		"ninjs 3": `{"uri": "urn:example:storm-1", "pubStatus": "canceled"}`,
		"NewsML-G2": `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:storm-1" version="2">` +
			`<itemMeta><pubStatus qcode="stat:canceled"/></itemMeta></newsItem>`,
	}
	for format, notice := range notices {
		t.Run(format, func(t *testing.T) {
			eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
				ctx := context.Background()
				in, editor := newIngester(s, d), staff(t, s)
				if r := ingestDoc(t, in, folderA, story1); r.Err != nil || r.Outcome != wire.Added {
					t.Fatalf("the story: %s", r)
				}
				queue, _ := s.WireEntries(ctx, wire.Filter{})
				asIs, err := d.UseWire(ctx, editor, queue[0].ID, "world", true)
				if err != nil {
					t.Fatal(err)
				}
				if r := ingestDoc(t, in, folderB, notice); r.Err != nil || len(r.TakenDown) != 0 {
					t.Fatalf("a notice from another folder: %s", r)
				}
				if e, _ := s.WireEntry(ctx, queue[0].ID); e.Withdrawn() {
					t.Fatal("a notice from another folder withdrew the item")
				}
				claim := `{"uri": "urn:example:storm-1", "pubstatus": "canceled", "copyrightholder": "Rival Wire"}`
				if r := ingestDoc(t, in, folderA, claim); len(r.TakenDown) != 0 {
					t.Fatalf("another provider's notice: %s", r)
				}
				r := ingestDoc(t, in, folderA, notice)
				if r.Err != nil || r.Outcome != wire.Updated || len(r.TakenDown) != 1 || r.TakenDown[0] != asIs.Story.ID {
					t.Fatalf("the notice: %s", r)
				}
				e, _ := s.WireEntry(ctx, queue[0].ID)
				if !e.Withdrawn() || e.Item.Headline != "Storm closes the ports" || e.Item.Version != 2 {
					t.Fatalf("the withdrawn item lost its copy: %+v", e.Item)
				}
				if st, _ := s.StoryByID(ctx, asIs.Story.ID); st.Visible() {
					t.Fatal("the story published as is is still up")
				}
				if list, _ := s.WireEntries(ctx, wire.Filter{}); len(list) != 1 {
					t.Fatalf("the queue lists %d items, want the story alone (notices are not copy)", len(list))
				}
				older := `{"uri": "urn:example:storm-1", "pubstatus": "canceled", "version": 1}`
				if r := ingestDoc(t, in, folderA, older); r.Outcome != wire.Older {
					t.Fatalf("a withdrawal older than the queued version: %s", r)
				}
				v3 := strings.Replace(story1, `"version": 2`, `"version": 3`, 1)
				if r := ingestDoc(t, in, folderA, v3); r.Outcome != wire.Updated {
					t.Fatalf("a later usable version: %s", r)
				}
				if e, _ := s.WireEntry(ctx, queue[0].ID); e.Withdrawn() {
					t.Fatal("a later usable version did not reinstate the item")
				}
				if st, _ := s.StoryByID(ctx, asIs.Story.ID); st.Visible() {
					t.Fatal("reinstating the item republished the story by itself")
				}
			})
		})
	}
}

// TestNoticeBeforeItsItem: a withdrawal that arrives first is kept, out of the
// queue's lists, and the item it names is born withdrawn when it comes the same
// way; the same item from elsewhere is not.
func TestNoticeBeforeItsItem(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		in := newIngester(s, d)
		if r := ingestDoc(t, in, folderA, `{"uri": "urn:example:storm-1", "pubstatus": "canceled"}`); r.Err != nil {
			t.Fatalf("the early notice: %s", r)
		}
		if list, _ := s.WireEntries(ctx, wire.Filter{}); len(list) != 0 {
			t.Fatalf("a notice without its item is listed: %+v", list)
		}
		if r := ingestDoc(t, in, folderA, story1); r.Err != nil || r.Outcome != wire.Added || r.Item.Status != wire.StatusCanceled {
			t.Fatalf("the item after its notice: %s", r)
		}
		list, _ := s.WireEntries(ctx, wire.Filter{})
		if len(list) != 1 || !list[0].Withdrawn() || !strings.Contains(strings.Join(list[0].Item.Warnings, " "), "notice received before") {
			t.Fatalf("the item is not born withdrawn: %+v", list)
		}
		if r := ingestDoc(t, in, folderB, story1); r.Item.Status != wire.StatusUsable {
			t.Fatalf("the same item from another folder: %s", r)
		}
	})
}

// TestFeedCorrectionsAreVersions: a feed entry whose title the publisher corrects
// is a new version of the same queue item, flagging the story made from it; the
// same feed again changes nothing; two untitled feeds with the same guids keep
// their items apart.
func TestFeedCorrectionsAreVersions(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		in, editor := newIngester(s, d), staff(t, s)
		feed := func(title, updated string) string {
			return `<rss version="2.0"><channel><title>Valley Press</title><link>https://valley.example/</link>` +
				`<item><guid isPermaLink="false">frost-1</guid><title>` + title + `</title>` +
				`<description>&lt;p&gt;Frost hit the orchards.&lt;/p&gt;</description><pubDate>` + updated + `</pubDate></item></channel></rss>`
		}
		url := "https://valley.example/feed.xml"
		if r := ingestDoc(t, in, url, feed("Frost hits orchads", "Mon, 30 Nov 2026 08:00:00 GMT")); r.Outcome != wire.Added {
			t.Fatalf("first: %s", r)
		}
		list, _ := s.WireEntries(ctx, wire.Filter{})
		if _, err := d.UseWire(ctx, editor, list[0].ID, "world", false); err != nil {
			t.Fatal(err)
		}
		if r := ingestDoc(t, in, url, feed("Frost hits orchads", "Mon, 30 Nov 2026 08:00:00 GMT")); r.Outcome != wire.Unchanged {
			t.Fatalf("the same feed again: %s", r)
		}
		r := ingestDoc(t, in, url, feed("Frost hits orchards", "Mon, 30 Nov 2026 08:00:00 GMT"))
		if r.Outcome != wire.Updated || r.Item.Version != 1 {
			t.Fatalf("a corrected title: %s", r)
		}
		if flags, _ := s.WireFlags(ctx); len(flags) != 1 || flags[0].Version != 1 {
			t.Fatalf("the story made from the entry is not flagged: %+v", flags)
		}
		other := `<rss version="2.0"><channel><item><guid>frost-1</guid><title>Hill news</title></item></channel></rss>`
		if r := ingestDoc(t, in, "https://hill.example/rss", other); r.Outcome != wire.Added {
			t.Fatalf("an untitled feed with the same guid: %s", r)
		}
		if list, _ := s.WireEntries(ctx, wire.Filter{}); len(list) != 2 {
			t.Fatalf("two feeds' entries with one guid: %d queue items", len(list))
		}
		if r := ingestDoc(t, in, url, `<rss version="2.0"><channel><title>Quiet</title></channel></rss>`); !r.NoItems || r.Err != nil ||
			r.String() != "no items" {
			t.Fatalf("an empty feed: %+v", r)
		}
	})
}

// TestEmbargoedCopy: an embargoed item "published as is" before its embargo is
// scheduled for the embargo time; used as a draft, it carries the embargo.
func TestEmbargoedCopy(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		in, editor := newIngester(s, d), staff(t, s)
		lifts := time.Now().Add(6 * time.Hour).UTC().Truncate(time.Second)
		doc := `{"uri": "urn:example:budget", "type": "text", "headline": "Budget figures", "body_text": "Spending rises.",
			"embargoed": "` + lifts.Format(time.RFC3339) + `"}`
		if r := ingestDoc(t, in, folderA, doc); r.Err != nil || !r.Item.Embargo.Equal(lifts) {
			t.Fatalf("embargoed item: %s %v", r, r.Item.Embargo)
		}
		list, _ := s.WireEntries(ctx, wire.Filter{})
		asIs, err := d.UseWire(ctx, editor, list[0].ID, "world", true)
		if err != nil {
			t.Fatal(err)
		}
		if asIs.Story.State != "scheduled" || !asIs.Story.ScheduledAt.Equal(lifts) || asIs.Story.Visible() {
			t.Fatalf("published as is before the embargo: %s at %v", asIs.Story.State, asIs.Story.ScheduledAt)
		}
		draft, err := d.UseWire(ctx, editor, list[0].ID, "world", false)
		if err != nil {
			t.Fatal(err)
		}
		if draft.Story.State != "draft" || !draft.Story.ScheduledAt.Equal(lifts) {
			t.Fatalf("a draft of embargoed copy: %s at %v", draft.Story.State, draft.Story.ScheduledAt)
		}
	})
}

// TestProviderWithdrawsItsOwnItem: a NewsML-G2 agency's kill names its provider,
// not the item's rights holder, and still reaches the item; an item queued before
// sources were kept (known by its agency's name) is reached too.
func TestProviderWithdrawsItsOwnItem(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		in := newIngester(s, d)
		item := `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g2:kill-me" version="1"><rightsInfo>` +
			`<copyrightHolder><name>Thomson Reuters</name></copyrightHolder></rightsInfo><itemMeta><itemClass qcode="ninat:text"/>` +
			`<provider qcode="nprov:REUTERS"/></itemMeta><contentMeta><headline>Markets fall</headline></contentMeta></newsItem>`
		if r := ingestDoc(t, in, folderA, item); r.Outcome != wire.Added || r.Item.Agency != "Thomson Reuters" {
			t.Fatalf("the item: %s", r)
		}
		kill := `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g2:kill-me" version="1"><itemMeta>` +
			`<provider qcode="nprov:REUTERS"/><pubStatus qcode="stat:canceled"/></itemMeta></newsItem>`
		if r := ingestDoc(t, in, folderB, kill); r.Outcome != wire.Updated || r.Item.Status != wire.StatusCanceled {
			t.Fatalf("the provider's kill from another folder: %s", r)
		}
		// A row keyed the old way, by the agency's name.
		old := wire.Item{Format: "NewsML-G2", Kind: wire.KindText, Agency: "Acme", ID: "urn:g2:old", Version: 1, Headline: "Old",
			Status: wire.StatusUsable}
		if _, out, err := s.SaveWireItem(ctx, old, time.Now()); err != nil || out != wire.Added {
			t.Fatalf("old-style row: %s %v", out, err)
		}
		oldKill := `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g2:old" version="1"><rightsInfo>` +
			`<copyrightHolder><name>Acme</name></copyrightHolder></rightsInfo><itemMeta>` +
			`<provider qcode="nprov:ACME"/><pubStatus qcode="stat:withheld"/></itemMeta></newsItem>`
		if r := ingestDoc(t, in, folderA, oldKill); r.Outcome != wire.Updated || r.Item.Status != wire.StatusWithheld {
			t.Fatalf("a kill for an item queued before sources: %s", r)
		}
	})
}
