package siteimport_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/desk"
	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/siteimport"
	"dateline/internal/sitetest"
	"dateline/internal/story"
)

// options are an import's options on the test site, as its admin would run it.
func options(t *testing.T, s *sitetest.Site) siteimport.Options {
	return siteimport.Options{Desk: &desk.Desk{Store: s.Store, Blobs: s.Blobs, Now: s.Clock.Now},
		Reads: s.Store, Actor: desk.Actor{Person: people.Person{Name: "import", Role: people.RoleAdmin}}}
}

// runWordPress runs the importer over a WordPress export file on the test site.
func runWordPress(t *testing.T, s *sitetest.Site, file string, dry bool, uploads string) *siteimport.Report {
	t.Helper()
	ex, warnings, err := siteimport.WordPress(func() (io.ReadCloser, error) { return os.Open(file) }, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	opts := options(t, s)
	opts.DryRun, opts.Uploads, opts.Batch = dry, uploads, 3
	report, err := siteimport.Run(context.Background(), ex, opts)
	if err != nil {
		t.Fatal(err)
	}
	report.Warnings = append(warnings, report.Warnings...)
	return report
}

// uploadsCopy is a local copy of the old site's uploads with one of its two photos.
func uploadsCopy(t *testing.T) string {
	dir := t.TempDir()
	png, _, _, err := demo.Picture(3, 1600, 900)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "2024", "05"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2024", "05", "quay-at-dawn.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// noFollow asks for a path without following redirects.
func noFollow(t *testing.T, s *sitetest.Site, path string) (int, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.HTTP.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

func TestWordPressImport(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		file := filepath.Join("testdata", "wordpress.xml")
		uploads := uploadsCopy(t)

		// A dry run says what would happen and writes nothing.
		dry := runWordPress(t, s, file, true, uploads)
		if c := dry.Counts[siteimport.KindStory][desk.ImportCreated]; c != 6 {
			t.Errorf("the dry run would create %d stories, want 6: %v", c, dry.Counts)
		}
		if _, err := s.Store.StoryBySlug(ctx, "night-ferry-returns"); err == nil {
			t.Fatal("the dry run wrote a story")
		}

		report := runWordPress(t, s, file, false, uploads)
		var out bytes.Buffer
		report.Write(&out, false)
		t.Log(out.String())
		for kind, want := range map[siteimport.Kind]int{siteimport.KindStory: 6, siteimport.KindPage: 2, siteimport.KindMessage: 4,
			siteimport.KindMedia: 1, siteimport.KindTopic: 2} {
			if got := report.Counts[kind][desk.ImportCreated]; got != want {
				t.Errorf("%s: %d created, want %d", kind, got, want)
			}
		}
		warned := report.WarningCounts()
		if dw := dry.WarningCounts(); len(dw) != len(warned) || dw[siteimport.WarnImageLeft] != warned[siteimport.WarnImageLeft] {
			t.Errorf("the dry run warned %v, the real run %v", dw, warned)
		}
		for _, code := range []siteimport.WarnCode{siteimport.WarnMissingFile, siteimport.WarnSectionFolded, siteimport.WarnPageFlattened,
			siteimport.WarnNoTitle, siteimport.WarnSlugChanged, siteimport.WarnRemoved, siteimport.WarnBlock, siteimport.WarnShortcode} {
			if warned[code] == 0 {
				t.Errorf("no %q warning: %v", code, warned)
			}
		}
		if report.Skipped["nav_menu_item"] != 1 || report.Skipped["post (trash)"] != 1 {
			t.Errorf("skipped: %v", report.Skipped)
		}

		// The published story, with everything it had.
		ferry := s.StoryBySlug("night-ferry-returns")
		if ferry.State != story.StatePublished || !ferry.PublishedAt.Equal(time.Date(2024, 5, 3, 10, 0, 0, 0, time.UTC)) {
			t.Errorf("the ferry story: %s at %v", ferry.State, ferry.PublishedAt)
		}
		if ferry.Headline != "Night ferry returns ’after ten years’" || ferry.Dek != "Sailings resume on Friday." {
			t.Errorf("headline %q, standfirst %q", ferry.Headline, ferry.Dek)
		}
		for _, want := range []string{"## What changes", "- Two sailings a night", "(media:", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
			"Timetables at the quay office.", "Subscribe to the Harbour Gazette."} {
			if !strings.Contains(ferry.BodyMarkdown, want) {
				t.Errorf("the body lacks %q:\n%s", want, ferry.BodyMarkdown)
			}
		}
		if strings.Contains(ferry.BodyMarkdown, "track") || ferry.LeadMediaID == 0 {
			t.Errorf("lead photo %d, body:\n%s", ferry.LeadMediaID, ferry.BodyMarkdown)
		}
		authors, _ := s.Store.PeopleByID(ctx, ferry.AuthorIDs)
		if len(authors) != 2 || authors[0].Name != "Amara Mensah" || authors[1].Name != "Ruth Okafor" ||
			authors[0].Email != "amara@freelance.example" {
			t.Errorf("authors: %+v", authors)
		}
		secs, _ := s.Store.Sections(ctx)
		for _, sec := range secs {
			if sec.ID == ferry.SectionID && sec.Path != "port/ferries" {
				t.Errorf("the story is in %s, want port/ferries (night ferries folded into it)", sec.Path)
			}
		}

		// Other scripts, states and a post without a title.
		cjk := s.StoryBySlug("渡轮恢复")
		if cjk.Headline != "港口新闻：渡轮恢复" || cjk.CommentsOpen || !strings.Contains(cjk.BodyMarkdown, "第一段。") ||
			!strings.Contains(cjk.BodyMarkdown, "[Video](https://old.harbour.example/wp-content/uploads/2024/06/ferry.mp4)") {
			t.Errorf("the Chinese story: %+v", cjk)
		}
		for slug, state := range map[string]story.State{"harbour-dues-to-rise": story.StateScheduled, "pilot-boat-sold": story.StateInReview} {
			if st := s.StoryBySlug(slug); st.State != state {
				t.Errorf("%s is %s, want %s", slug, st.State, state)
			}
		}
		if st := s.StoryBySlug("untitled-note"); !strings.HasPrefix(st.Headline, "A note with no title") {
			t.Errorf("the untitled post's headline: %q", st.Headline)
		}

		// Comments: states kept, replies linked, no reader emails.
		msgs, _, _ := s.Store.Messages(ctx, letters.Query{StoryID: ferry.ID, Limit: 50})
		states := map[string]letters.Message{}
		for _, m := range msgs {
			states[m.Name] = m
			if m.Email != "" {
				t.Errorf("%s's email was kept", m.Name)
			}
		}
		if states["Jo Pike"].State != letters.StatePublished || states["Cheap Pills"].State != letters.StateSpam ||
			states["Lee"].State != letters.StatePending || states["Sam Idowu"].InReplyTo != states["Jo Pike"].ID || len(msgs) != 4 {
			t.Errorf("messages: %+v", msgs)
		}
		if states["Jo Pike"].Text != "At last! Good news & well told." {
			t.Errorf("comment text %q", states["Jo Pike"].Text)
		}
		_, ferryPath := noFollow(t, s, "/?p=12")
		_, _, page := s.Content(ferryPath)
		if !strings.Contains(page, `In reply to <a href="#comment-`) || !strings.Contains(page, "Jo Pike</a>") {
			i := strings.Index(page, "you-said-it")
			t.Errorf("the reply does not say whom it answers: %.1500s", page[max(i, 0):])
		}

		// Every old address answers 301 to a page that answers 200; what is not
		// published answers 404 with no slug in a Location.
		for _, old := range []string{"/2024/05/03/night-ferry-returns/", "/?p=12", "/night-ferry-returns/", "/2024/05/night-ferry-returns/",
			"/2024/06/01/%e6%b8%a1%e8%bd%ae%e6%81%a2%e5%a4%8d/", "/2024/06/01/%E6%B8%A1%E8%BD%AE%E6%81%A2%E5%A4%8D/", "/?p=13",
			"/?p=17", "/about/team/", "/?page_id=41", "/?page_id=40", "/category/port/", "/category/port/ferries/night-ferries/",
			"/category/night-ferries/", "/category/%e5%9c%b0%e6%96%b9/", "/tag/tides/", "/tag/tides/feed/", "/author/ruth/",
			"/author/amara-guest/", "/feed/", "/category/port/feed/", "/archives/12/", "/wp-content/uploads/2024/05/quay-at-dawn.png"} {
			status, to := noFollow(t, s, old)
			if status != http.StatusMovedPermanently || to == "" {
				t.Errorf("%s: %d → %q, want 301", old, status, to)
				continue
			}
			if status, _ := noFollow(t, s, to); status != http.StatusOK {
				t.Errorf("%s → %s: %d, want 200", old, to, status)
			}
		}
		for _, hidden := range []string{"/?p=14", "/?p=15", "/?p=16"} {
			status, to := noFollow(t, s, hidden)
			if status != http.StatusNotFound || to != "" {
				t.Errorf("%s (not published): %d → %q, want 404", hidden, status, to)
			}
		}

		// The sticky post leads the home front.
		front, _ := s.Store.FrontIDs(ctx, 0)
		if len(front) == 0 || front[0] != ferry.ID {
			t.Errorf("home front %v, want %d first", front, ferry.ID)
		}

		// Run again: nothing changes.
		again := runWordPress(t, s, file, false, uploads)
		for _, kind := range []siteimport.Kind{siteimport.KindStory, siteimport.KindPage, siteimport.KindMessage, siteimport.KindMedia} {
			if c := again.Counts[kind]; c[desk.ImportCreated]+c[desk.ImportUpdated] != 0 {
				t.Errorf("the second run changed %s: %v", kind, c)
			}
		}
		if st := s.StoryBySlug("night-ferry-returns"); st.Version != ferry.Version {
			t.Errorf("the second run saved the story again: version %d → %d", ferry.Version, st.Version)
		}

		// A later export: one story edited here since is left alone (a conflict),
		// another is updated.
		d := &desk.Desk{Store: s.Store, Now: s.Clock.Now}
		editor := desk.Actor{Person: s.People[people.RoleEditor]}
		headline := "Night ferry back after a decade"
		if _, err := d.Update(ctx, editor, ferry.ID, ferry.Version, desk.StoryInput{Headline: &headline}); err != nil {
			t.Fatal(err)
		}
		src, _ := os.ReadFile(file)
		later := filepath.Join(t.TempDir(), "later.xml")
		changed := strings.ReplaceAll(strings.ReplaceAll(string(src), "sails again", "sails once more"), "第一段。", "第一段，更新。")
		if err := os.WriteFile(later, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		third := runWordPress(t, s, later, false, uploads)
		if c := third.Counts[siteimport.KindStory]; c[desk.ImportConflict] != 1 || c[desk.ImportUpdated] != 1 {
			t.Errorf("the later export: %v", c)
		}
		if st := s.StoryBySlug("night-ferry-returns"); st.Headline != headline || strings.Contains(st.BodyMarkdown, "once more") {
			t.Error("the story edited here was overwritten")
		}
		if st := s.StoryBySlug("渡轮恢复"); !strings.Contains(st.BodyMarkdown, "更新") {
			t.Error("the changed story was not updated")
		}
	})
}

// An import stopped part way (here: cancelled after its first batch) keeps the
// batches it filed, and the same command run again files the rest.
func TestAnInterruptedImportFinishesWhenRunAgain(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		file := filepath.Join("testdata", "wordpress.xml")
		ex, _, err := siteimport.WordPress(func() (io.ReadCloser, error) { return os.Open(file) }, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		opts := options(t, s)
		opts.Batch, opts.Progress = 3, func(done, total int) { cancel() }
		first, err := siteimport.Run(ctx, ex, opts)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("the interrupted run: %v", err)
		}
		filed := first.Counts[siteimport.KindStory][desk.ImportCreated]
		if filed == 0 || filed == 6 {
			t.Fatalf("the interrupted run filed %d of 6 stories", filed)
		}
		ex, _, _ = siteimport.WordPress(func() (io.ReadCloser, error) { return os.Open(file) }, time.UTC)
		opts.Progress = nil
		second, err := siteimport.Run(context.Background(), ex, opts)
		if err != nil {
			t.Fatal(err)
		}
		if c := second.Counts[siteimport.KindStory]; c[desk.ImportCreated] != 6-filed || c[desk.ImportUnchanged] != filed {
			t.Errorf("the second run: %v after %d filed", c, filed)
		}
	})
}
