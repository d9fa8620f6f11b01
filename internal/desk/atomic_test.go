package desk_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/internal/audit"
	"dateline/internal/auth"
	"dateline/internal/demo"
	"dateline/internal/desk"
	"dateline/internal/letters"
	"dateline/internal/origin"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/sitetest"
	"dateline/internal/store"
	"dateline/internal/story"
)

// auditFails is the real store, except that writing an audit line fails when told to.
type auditFails struct {
	*store.Store
	fail bool
}

var errAudit = errors.New("audit log unavailable")

func (a *auditFails) AddAudit(ctx context.Context, e audit.Entry) error {
	if a.fail {
		return errAudit
	}
	return a.Store.AddAudit(ctx, e)
}

// fingerprint hashes every row of every table, so a test can tell whether anything
// at all was written.
func fingerprint(t *testing.T, s *store.Store) string {
	t.Helper()
	db := s.DB()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if s.Engine() == "postgres" {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	tables := queryStrings(t, db, q)
	slices.Sort(tables)
	h := sha256.New()
	for _, table := range tables {
		rows := queryStrings(t, db, "SELECT * FROM "+table)
		slices.Sort(rows)
		fmt.Fprintf(h, "%s:%s\n", table, strings.Join(rows, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// queryStrings returns each row of a query printed as one string.
func queryStrings(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryWriteCommitsWithItsAuditLine runs each desk use case twice: with the
// audit log failing, nothing at all may be stored (the change rolls back with its
// missing audit line); with it working, the change and exactly one new audit line
// are stored together.
func TestEveryWriteCommitsWithItsAuditLine(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { testAuditAtomicity(t, engine) })
	}
}

func testAuditAtomicity(t *testing.T, engine string) {
	ctx := context.Background()
	st, blobs := sitetest.OpenStore(t, engine)
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	n, err := demo.Load(ctx, st, blobs, now)
	if err != nil {
		t.Fatal(err)
	}
	admin := people.Person{Slug: "ada-admin", Name: "Ada Admin", Email: "ada@dateline.example", Role: people.RoleAdmin}
	if err := st.CreatePerson(ctx, &admin); err != nil {
		t.Fatal(err)
	}
	msg := letters.Message{StoryID: n.Stories["ferries"].ID, Kind: letters.KindComment, Name: "Rosa", Email: "rosa@example.com",
		Text: "Keep the night ferry running, please.", State: letters.StatePending, CreatedAt: now}
	if err := st.CreateMessage(ctx, &msg); err != nil {
		t.Fatal(err)
	}
	fails := &auditFails{Store: st}
	d := &desk.Desk{Store: fails, Blobs: blobs, Now: func() time.Time { return now }}
	accounts := &auth.Accounts{Store: fails, Now: func() time.Time { return now }, TTL: time.Hour}
	a := desk.Actor{Person: admin, IP: "192.0.2.1"}
	text := func(s string) *string { return &s }

	// Each case reads the story or record it changes afresh, so it runs the same
	// way after a rolled-back attempt.
	storyNow := func(key string) story.Story {
		s, err := st.StoryByID(ctx, n.Stories[key].ID)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	draft := func() int64 {
		list, _, err := st.Stories(ctx, story.Query{AnyState: true, State: story.StateDraft, Limit: 1})
		if err != nil || len(list) == 0 {
			t.Fatalf("no draft to work on: %v", err)
		}
		return list[0].ID
	}
	writer := n.People["kenji-mori"]
	cases := []struct {
		name string
		run  func() error
	}{
		{"story create", func() error {
			_, err := d.Create(ctx, a, desk.StoryInput{Headline: text("Harbour lights return"), Section: text("world/asia"), Body: text("Text.")})
			return err
		}},
		{"import", func() error {
			sec := storyNow("ferries").SectionID
			_, err := d.Import(ctx, a, []desk.ImportItem{{
				Link: origin.Link{Source: "wordpress https://old.example", Kind: "story", OldID: "12", Digest: "d1"},
				Story: &story.Story{Headline: "Imported ferry story", Slug: "imported-ferry-story", SectionID: sec,
					State: story.StatePublished, PublishedAt: now, BodyMarkdown: "Text."},
				Redirects: []string{"/?p=12", "/2024/05/03/imported-ferry-story/"},
			}})
			return err
		}},
		{"story save", func() error {
			s := storyNow("ferries")
			_, err := d.Update(ctx, a, s.ID, s.Version, desk.StoryInput{Headline: text("Night ferries are back for good")})
			return err
		}},
		{"story move", func() error {
			id := draft()
			s, _ := st.StoryByID(ctx, id)
			_, err := d.Transition(ctx, a, s.ID, story.StateInReview, time.Time{})
			return err
		}},
		{"story note", func() error {
			_, err := d.AddNote(ctx, a, n.Stories["ferries"].ID, story.NoteCorrection, "An earlier version gave the wrong pier.")
			return err
		}},
		{"story restore", func() error {
			s := storyNow("ferries")
			revs, _ := st.Revisions(ctx, s.ID)
			if len(revs) == 0 {
				return errors.New("no revision to restore")
			}
			_, err := d.Restore(ctx, a, s.ID, revs[len(revs)-1].Version)
			return err
		}},
		{"front", func() error { return d.SetFront(ctx, a, 0, []int64{n.Stories["ferries"].ID}, story.AnyFrontVersion) }},
		{"moderate", func() error { _, err := d.Moderate(ctx, a, []int64{msg.ID}, "", letters.StatePublished, 0); return err }},
		{"trim", func() error { return d.TrimMessage(ctx, a, msg.ID, "Keep the night ferry.") }},
		{"erase reader", func() error { _, err := d.EraseReader(ctx, a, "rosa@example.com", false); return err }},
		{"site settings", func() error {
			site := n.Site
			site.Tagline = "All the news from every bureau"
			return d.SaveSite(ctx, a, site)
		}},
		{"section create", func() error {
			return d.CreateSection(ctx, a, &section.Section{Slug: "obituaries", Name: "Obituaries", Position: 9})
		}},
		{"section update", func() error {
			_, err := d.UpdateSection(ctx, a, n.Sections["asia"].ID, desk.SectionChange{Name: text("Asia and Pacific")})
			return err
		}},
		{"bureau create", func() error {
			return d.CreateBureau(ctx, a, &people.Bureau{Name: "Lagos", City: "Lagos", TimeZone: "Africa/Lagos"})
		}},
		{"bureau update", func() error {
			b := n.Bureaus["hk"]
			b.Name = "Hong Kong bureau"
			return d.UpdateBureau(ctx, a, b)
		}},
		{"topic rename", func() error {
			for _, tp := range n.Topics {
				return d.RenameTopic(ctx, a, section.Topic{ID: tp.ID, Name: tp.Name + " news", Slug: tp.Slug + "-news"})
			}
			return errors.New("no topic")
		}},
		{"topic merge", func() error {
			var ids []int64
			for _, tp := range n.Topics {
				ids = append(ids, tp.ID)
			}
			slices.Sort(ids)
			return d.MergeTopics(ctx, a, ids[0], ids[1])
		}},
		{"invite", func() error {
			_, err := d.Invite(ctx, a, &people.Person{Name: "Nia Obi", Email: "nia@dateline.example", Role: people.RoleWriter}, time.Hour)
			return err
		}},
		{"person update", func() error {
			_, err := d.UpdatePerson(ctx, a, writer.ID, desk.PersonChange{Role: people.RoleEditor, Title: writer.Title, BureauID: writer.BureauID})
			return err
		}},
		{"password reset", func() error { _, err := d.ResetPassword(ctx, a, writer.ID, time.Hour); return err }},
		{"token", func() error { _, err := d.CreateToken(ctx, a, "ingest script"); return err }},
		{"trash", func() error { return d.TrashStory(ctx, a, n.Stories["draft"].ID) }},
		{"restore from the trash", func() error { return d.RestoreStory(ctx, a, n.Stories["draft"].ID) }},
		{"delete a story", func() error { return d.DeleteStory(ctx, a, n.Stories["lunar"].ID) }},
		{"delete a message", func() error { return d.DeleteMessage(ctx, a, msg.ID) }},
		{"sign in", func() error { _, err := accounts.SignIn(ctx, admin.ID, "192.0.2.1", "k"); return err }},
		{"accept link", func() error {
			link, err := d.ResetPassword(ctx, a, admin.ID, time.Hour)
			if err != nil {
				return err
			}
			_, err = accounts.AcceptLink(ctx, link.Link.TokenHash, "argon2id$fake", "192.0.2.1")
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, before, err := st.AuditLog(ctx, 1, 0)
			if err != nil {
				t.Fatal(err)
			}
			print := fingerprint(t, st)
			fails.fail = true
			err = c.run()
			fails.fail = false
			if !errors.Is(err, errAudit) {
				t.Fatalf("with the audit log failing: %v, want the audit failure", err)
			}
			if fingerprint(t, st) != print {
				t.Fatal("the change was stored without its audit line")
			}
			if err := c.run(); err != nil {
				t.Fatalf("with the audit log working: %v", err)
			}
			_, after, err := st.AuditLog(ctx, 1, 0)
			if err != nil {
				t.Fatal(err)
			}
			if after <= before {
				t.Fatalf("audit lines %d → %d: the change was stored without its line", before, after)
			}
		})
	}
}
