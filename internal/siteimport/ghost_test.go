package siteimport_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/demo"
	"dateline/internal/desk"
	"dateline/internal/siteimport"
	"dateline/internal/sitetest"
	"dateline/internal/story"
)

func runGhost(t *testing.T, s *sitetest.Site, file, uploads string) *siteimport.Report {
	t.Helper()
	ex, warnings, err := siteimport.Ghost(func() (io.ReadCloser, error) { return os.Open(file) }, "https://tidetimes.example")
	if err != nil {
		t.Fatal(err)
	}
	opts := options(t, s)
	opts.Uploads = uploads
	report, err := siteimport.Run(context.Background(), ex, opts)
	if err != nil {
		t.Fatal(err)
	}
	report.Warnings = append(warnings, report.Warnings...)
	return report
}

func TestGhostImport(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		uploads := t.TempDir()
		for i, name := range []string{"harbour.png", "gauge.png"} {
			png, _, _, err := demo.Picture(i+1, 1200, 800)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(uploads, "2024", "01"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(uploads, "2024", "01", name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		file := filepath.Join("testdata", "ghost.json")
		report := runGhost(t, s, file, uploads)
		// The demo site has a "climate" topic already: the tag is matched to it.
		for kind, want := range map[siteimport.Kind]int{siteimport.KindStory: 6, siteimport.KindPage: 1, siteimport.KindMedia: 2,
			siteimport.KindPerson: 2, siteimport.KindSection: 1, siteimport.KindTopic: 1} {
			if got := report.Counts[kind][desk.ImportCreated] + report.Counts[kind][desk.ImportMatched]; got != want {
				t.Errorf("%s: %d created, want %d (%v)", kind, got, want, report.Counts)
			}
		}
		warned := report.WarningCounts()
		if warned[siteimport.WarnInternalTag] != 1 || warned[siteimport.WarnProtected] != 1 || warned[siteimport.WarnBlock] != 1 ||
			warned[siteimport.WarnRemoved] == 0 {
			t.Errorf("warnings: %v", warned)
		}
		if report.Skipped["post (sent)"] != 1 {
			t.Errorf("skipped: %v", report.Skipped)
		}

		surge := s.StoryBySlug("tide-gauge-record-surge")
		authors, _ := s.Store.PeopleByID(ctx, surge.AuthorIDs)
		if surge.State != story.StatePublished || surge.LeadMediaID == 0 || len(authors) != 2 || authors[0].Name != "Nadia Rahman" ||
			surge.Dek != "A storm pushed the sea higher than ever measured." || len(surge.TopicIDs) != 1 {
			t.Errorf("the surge story: %+v, authors %v", surge, authors)
		}
		lead, _ := s.Store.MediaByID(ctx, surge.LeadMediaID)
		if lead.Alt != "Waves over the harbour wall" || lead.Caption != "Sunday's storm." {
			t.Errorf("the feature image: alt %q caption %q", lead.Alt, lead.Caption)
		}
		if !strings.Contains(surge.BodyMarkdown, "(media:") || strings.Contains(surge.BodyMarkdown, "evil") ||
			!strings.Contains(surge.BodyMarkdown, "## What the readings mean") {
			t.Errorf("the surge body:\n%s", surge.BodyMarkdown)
		}
		ferry := s.StoryBySlug("ferry-timetable-changes")
		for _, want := range []string{"From Monday the **early ferry** leaves at six.", "## New times", "- 06:00 to the islands",
			"A *markdown* card with [a link](https://example.org/).", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "(media:"} {
			if !strings.Contains(ferry.BodyMarkdown, want) {
				t.Errorf("the Lexical story lacks %q:\n%s", want, ferry.BodyMarkdown)
			}
		}
		pier := s.StoryBySlug("old-pier-closes")
		for _, want := range []string{"The *old* pier closes; see [the notice](https://example.org/pier).", "## Why", "- Rust\n- Storms",
			`"The pier."`, "---"} {
			if !strings.Contains(pier.BodyMarkdown, want) {
				t.Errorf("the mobiledoc story lacks %q:\n%s", want, pier.BodyMarkdown)
			}
		}
		for slug, state := range map[string]story.State{"draft-about-dredging": story.StateDraft, "harbour-budget-vote": story.StateScheduled,
			"for-paying-members": story.StateDraft} {
			if st := s.StoryBySlug(slug); st.State != state {
				t.Errorf("%s is %s, want %s", slug, st.State, state)
			}
		}
		if _, err := s.Store.SitePageBySlug(ctx, "about-tide-times"); err != nil {
			t.Errorf("the page: %v", err)
		}
		front, _ := s.Store.FrontIDs(ctx, 0)
		if len(front) == 0 || front[0] != surge.ID {
			t.Errorf("the featured post does not lead the home front: %v", front)
		}

		for _, old := range []string{"/tide-gauge-record-surge/", "/old-pier-closes/", "/tag/coast/", "/tag/climate/", "/author/nadia/",
			"/rss/", "/tag/coast/rss/"} {
			status, to := noFollow(t, s, old)
			if status != http.StatusMovedPermanently {
				t.Errorf("%s: %d, want 301", old, status)
				continue
			}
			if status, _ := noFollow(t, s, to); status != http.StatusOK {
				t.Errorf("%s → %s: %d", old, to, status)
			}
		}
		if status, to := noFollow(t, s, "/harbour-budget-vote/"); status != http.StatusNotFound || to != "" {
			t.Errorf("the scheduled story's old address: %d %q", status, to)
		}

		again := runGhost(t, s, file, uploads)
		if c := again.Counts[siteimport.KindStory]; c[desk.ImportCreated]+c[desk.ImportUpdated] != 0 || c[desk.ImportUnchanged] != 6 {
			t.Errorf("the second run: %v", c)
		}
	})
}

func TestGhostExportsOfUnknownVersionsAreRefused(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "ghost.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, text string }{
		{"Ghost 1", strings.Replace(string(src), `"version":"5.101.3"`, `"version":"1.25.0"`, 1)},
		{"Ghost 7", strings.Replace(string(src), `"version":"5.101.3"`, `"version":"7.0.0"`, 1)},
		{"no db", `{"meta":{"version":"5.0.0"},"data":{}}`},
	} {
		_, _, err := siteimport.Ghost(func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(c.text)), nil }, "")
		if !errors.Is(err, siteimport.ErrGhostVersion) || !strings.Contains(err.Error(), "Ghost 2.x to 6.x") {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	_, _, err = siteimport.Ghost(func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(`{"db":[{"meta":`)), nil }, "")
	if !errors.Is(err, siteimport.ErrSyntax) {
		t.Errorf("truncated JSON: %v", err)
	}
}
