package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/media/fsblob"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// eachEngine runs test against a new, empty store on SQLite and on PostgreSQL.
func eachEngine(t *testing.T, test func(t *testing.T, s *store.Store, d *desk.Desk)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			dsn := filepath.Join(dir, "site.db")
			if engine == "postgres" {
				dsn = pgtest.URL(t)
			}
			s, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			blobs, err := fsblob.Open(filepath.Join(dir, "media"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { blobs.Close() })
			test(t, s, &desk.Desk{Store: s, Blobs: blobs, Now: time.Now})
		})
	}
}

func newIngester(s *store.Store, d *desk.Desk) *Ingester {
	return &Ingester{Store: s, Withdraw: d, Now: time.Now}
}

var sampleDirs = []string{
	"../wire/testdata/ninjs",
	"../wire/testdata/ninjs-guidelines",
	"../wire/testdata/newsml-g2",
	"../wire/testdata/feeds",
}

// Every IPTC sample the parsers take is queued, every other is reported with its
// reason, and a second pass over the same files changes nothing.
func TestIngestEverySample(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		in := newIngester(s, d)
		reports := in.Paths(ctx, sampleDirs)
		want := map[string]wire.Item{} // agency + id → the first version parsed
		files, failed, refused := 0, 0, 0
		for _, dir := range sampleDirs {
			filepath.WalkDir(dir, func(path string, ent os.DirEntry, err error) error {
				if err != nil || ent.IsDir() {
					return err
				}
				files++
				data, _ := os.ReadFile(path)
				results, err := wire.Parse(data, ChannelCommandLine)
				if err != nil {
					failed++
					if errors.Is(err, wire.ErrRefused) {
						refused++
					}
				}
				for _, r := range results {
					if r.Err != nil {
						continue
					}
					if r.Item.Source == "" {
						r.Item.Source = "via " + ChannelCommandLine
					}
					if _, ok := want[r.Item.Source+" "+r.Item.ID]; !ok {
						want[r.Item.Source+" "+r.Item.ID] = r.Item
					}
				}
				return nil
			})
		}
		for key, it := range want {
			e, err := s.WireEntryByKey(ctx, it.Source, it.ID)
			if err != nil {
				t.Errorf("%s: not queued: %v", key, err)
				continue
			}
			if e.Item.Kind != it.Kind || len(e.Item.Raw) == 0 {
				t.Errorf("%s: queued as %s with %d raw bytes", key, e.Item.Kind, len(e.Item.Raw))
			}
		}
		var badReports int
		for _, r := range reports {
			if r.Err != nil {
				badReports++
				if strings.TrimSpace(r.Err.Error()) == "" || r.Source == "" {
					t.Errorf("a failure without a reason or a file: %+v", r)
				}
			}
		}
		queue, err := s.WireEntries(ctx, wire.Filter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(queue) != len(want) || len(want) == 0 || badReports < failed || !Failed(reports) {
			t.Fatalf("%d files: %d queue items, want %d; %d failure reports for %d failed files", files, len(queue), len(want), badReports, failed)
		}
		t.Logf("%d sample files: %d items queued; %d files refused or failed (%d refused by kind)", files, len(queue), failed, refused)

		for _, r := range in.Paths(ctx, sampleDirs) {
			if r.Err == nil && r.Outcome != wire.Unchanged {
				t.Errorf("second pass: %s %s", r.Source, r)
			}
		}
		if again, _ := s.WireEntries(ctx, wire.Filter{Limit: 1000}); len(again) != len(queue) {
			t.Fatalf("second pass: %d queue items, had %d", len(again), len(queue))
		}
	})
}

// Bad files each get their reason; the good file in the same batch is queued, and
// so are the files with one unreadable field or the wrong encoding, with a warning.
func TestIngestBadFiles(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		dir := t.TempDir()
		good, _ := os.ReadFile("testdata/storm-v1.json")
		files := map[string]struct {
			data   string
			reason string
		}{
			"a-truncated.json": {string(good[:len(good)/2]), "not valid JSON"},
			"b-big.json":       {`{"uri":"x","headline":"` + strings.Repeat("x", 5000) + `"}`, "over the 4000-byte limit"},
			"c-encoding.xml": {
				`<?xml version="1.0" encoding="x-klingon"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>`,
				`unsupported character encoding "x-klingon"`,
			},
			"d-photo.png":        {"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unknown format"},
			"e-empty.json":       {"", "empty"},
			"f-notes.txt":        {"Call the desk at six.", "unknown format"},
			"g-bad-status.json":  {strings.Replace(string(good), `"usable"`, `"maybe"`, 1), ""},
			"h-good.json":        {string(good), ""},
			"i-broken.xml":       {`<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><itemMeta>`, "not well-formed XML"},
			"j-latin1-lies.json": {"{\"uri\":\"x\",\"headline\":\"caf\xe9\"}", ""},
		}
		for name, f := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(f.data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		in := newIngester(s, d)
		in.MaxBytes = 4000
		reports := in.Paths(context.Background(), []string{dir})
		if len(reports) != len(files) {
			t.Fatalf("%d reports for %d files", len(reports), len(files))
		}
		for _, r := range reports {
			f := files[filepath.Base(r.Source)]
			switch {
			case f.reason == "" && r.Err != nil:
				t.Errorf("%s: %v", r.Source, r.Err)
			case f.reason != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), f.reason)):
				t.Errorf("%s: got %v, want an error saying %q", filepath.Base(r.Source), r.Err, f.reason)
			}
		}
		q, _ := s.WireEntries(context.Background(), wire.Filter{})
		if len(q) != 2 || q[0].Item.Headline != "café" || q[1].Item.Headline != "Storm closes two ports on the north coast" {
			t.Fatalf("queue after the bad batch: %+v", q)
		}
		if w := strings.Join(q[0].Item.Warnings, " "); !strings.Contains(w, "not UTF-8") || !strings.Contains(w, "Windows-1252") {
			t.Errorf("Latin-1 copy without a declaration: warnings %q", w)
		}
		if w := strings.Join(q[1].Item.Warnings, " "); !strings.Contains(w, `unknown pubstatus "maybe"`) {
			t.Errorf("an unknown pubstatus: warnings %q", w)
		}
	})
}

// A story published as is comes down when the agency kills the item; a draft made
// from it stays, flagged; newer versions flag both.
func TestWithdrawalTakesDownStoriesPublishedAsIs(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		in := newIngester(s, d)
		editor := staff(t, s)
		first := in.File(ctx, "testdata/storm-v1.json", ChannelCommandLine)
		if first[0].Err != nil || first[0].Outcome != wire.Added {
			t.Fatalf("version 1: %s", first[0])
		}
		e, _ := s.WireEntryByKey(ctx, "Harbour Wire", first[0].Item.ID)
		asIs, err := d.UseWire(ctx, editor, e.ID, "world", true)
		if err != nil {
			t.Fatal(err)
		}
		draft, err := d.UseWire(ctx, editor, e.ID, "world", false)
		if err != nil {
			t.Fatal(err)
		}
		if !asIs.Story.Visible() || draft.Story.Visible() || asIs.Story.CreditLine != "Ines Marlow of Harbour Wire contributed to this report." ||
			asIs.Story.DatelineCity != "NORTH BAY" || !strings.Contains(asIs.Story.BodyMarkdown, "Kellmouth on Sunday morning.\n\nFerry") ||
			asIs.Story.Source.Version != 1 || len(asIs.Story.AuthorIDs) != 0 || len(draft.Story.AuthorIDs) != 1 {
			t.Fatalf("stories made from the item: %+v\n%+v", asIs.Story, draft.Story)
		}

		if r := in.File(ctx, "testdata/storm-v2.json", ChannelCommandLine); r[0].Outcome != wire.Updated {
			t.Fatalf("version 2: %s", r[0])
		}
		if flags, _ := s.WireFlags(ctx); len(flags) != 2 || flags[0].Withdrawn() {
			t.Fatalf("flags after version 2: %+v", flags)
		}
		kill := in.File(ctx, "testdata/storm-kill.json", ChannelCommandLine)
		if kill[0].Err != nil || len(kill[0].TakenDown) != 1 || kill[0].TakenDown[0] != asIs.Story.ID {
			t.Fatalf("kill: %s", kill[0])
		}
		down, _ := s.StoryByID(ctx, asIs.Story.ID)
		kept, _ := s.StoryByID(ctx, draft.Story.ID)
		if down.Visible() || kept.State != draft.Story.State {
			t.Fatalf("after the kill: as-is story %s, draft %s", down.State, kept.State)
		}
		flags, _ := s.WireFlags(ctx)
		if len(flags) != 2 || !flags[0].Withdrawn() || !flags[1].Withdrawn() {
			t.Fatalf("flags after the kill: %+v", flags)
		}
		var fe desk.FieldErrors
		if _, err := d.Transition(ctx, editor, asIs.Story.ID, story.StatePublished, time.Time{}); !errors.As(err, &fe) ||
			!strings.Contains(fe["to"], "has withdrawn this copy") {
			t.Fatalf("republishing the story published as is: %v", err)
		}
		if _, err := d.Transition(ctx, editor, draft.Story.ID, story.StateInReview, time.Time{}); err != nil {
			t.Fatalf("the rewritten draft can still move on, flagged: %v", err)
		}
		if _, err := d.UseWire(ctx, editor, e.ID, "world", false); !errors.Is(err, desk.ErrWithdrawn) {
			t.Fatalf("using a killed item: %v", err)
		}
		// The same kill again finds nothing more to take down.
		if again := in.File(ctx, "testdata/storm-kill.json", ChannelCommandLine); again[0].Outcome != wire.Unchanged || len(again[0].TakenDown) != 0 {
			t.Fatalf("kill again: %s", again[0])
		}
	})
}
