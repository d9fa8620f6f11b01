package newsroom_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/demo"
	"dateline/internal/sitetest"
)

// TestNewsroomFlowInBrowser drives the newsroom in headless Chromium: a writer signs
// in, writes a story with a photo and subheadings and submits it; an editor
// schedules it; it is public at its time and not before.
func TestNewsroomFlowInBrowser(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := browsertest.Chromium(t, 3*time.Minute)
		png, _, _, err := demo.Picture(4, 800, 450)
		if err != nil {
			t.Fatal(err)
		}
		photo := filepath.Join(t.TempDir(), "clinic.png")
		if err := os.WriteFile(photo, png, 0o644); err != nil {
			t.Fatal(err)
		}
		do := browsertest.Steps(t, ctx)
		text := func(sel string) string { t.Helper(); return browsertest.Text(t, ctx, sel) }
		waitText := func(sel, want string) { t.Helper(); browsertest.WaitText(t, ctx, sel, want) }
		signIn := func(email string) {
			do("sign in as "+email,
				chromedp.Navigate(s.HTTP.URL+"/newsroom/login"),
				chromedp.SendKeys("#email", email),
				chromedp.SendKeys("#password", sitetest.Password),
				chromedp.Click("button[type=submit]"),
			)
			waitText("h1", "Stories")
		}

		signIn("writer@test.example")
		body := "Clinics on the outlying islands opened late for the first time.\n\n## Longer hours\n\nNurses stayed until ten.\n\n## What patients said\n\nMost welcomed the change."
		do("write the story",
			chromedp.Navigate(s.HTTP.URL+"/newsroom/stories/new"),
			chromedp.SendKeys("#headline", "Island clinics open late"),
			chromedp.SetValue("#section", "world/asia"),
			chromedp.SendKeys("#dateline_city", "Hong Kong"),
			chromedp.SetValue("#body", body),
			chromedp.SendKeys("#topics", "Public health"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("photo").closest("details").open = true`), // the lead photo's group
			chromedp.SetUploadFiles("#photo", []string{photo}),
			chromedp.SendKeys("#photo_alt", "A small clinic building at dusk with its lights on"),
			chromedp.SendKeys("#photo_caption", "A clinic on Lamma Island after dark."),
			chromedp.SendKeys("#photo_credit", "Photo: Test Writer"),
			chromedp.Click("#story-form button[type=submit]:not(.secondary)"),
		)
		waitText(".flash", "Story created")
		if img := text(".current-photo .caption"); !strings.Contains(img, "Lamma Island") {
			t.Fatalf("the photo did not attach: %q", img)
		}
		do("submit for review", chromedp.Click(".workflow button"))
		waitText(".story-meta .state", "In review")
		editURL, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		editURL, _, _ = strings.Cut(editURL, "?")
		do("sign out", chromedp.Click(".nr-signout button"))
		waitText("h1", "Sign in to the newsroom")

		signIn("editor@test.example")
		loc, _ := time.LoadLocation("America/New_York")
		embargo := s.Clock.Now().Add(30 * time.Minute).Truncate(time.Minute)
		do("schedule",
			chromedp.Navigate(editURL),
			chromedp.SetValue("#at", embargo.In(loc).Format("2006-01-02T15:04")),
			chromedp.Submit("#at"),
		)
		waitText(".embargo-banner", "Embargoed until")

		public := s.HTTP.URL + "/world/asia/" + embargo.In(loc).Format("2006/01/02") + "/island-clinics-open-late/"
		visit := func() string {
			t.Helper()
			do("visit the public page", chromedp.Navigate(public), chromedp.WaitVisible("footer"))
			return text("h1")
		}
		s.Clock.Set(embargo.Add(-time.Second))
		if _, err := s.Scheduler.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if h := visit(); h != "Page not found" {
			t.Fatalf("before the embargo the page shows %q", h)
		}
		s.Clock.Set(embargo.Add(time.Second))
		if _, err := s.Scheduler.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if h := visit(); h != "Island clinics open late" {
			t.Fatalf("after the embargo the page shows %q", h)
		}
		if toc := text(".in-this-story"); !strings.Contains(toc, "Longer hours") || !strings.Contains(toc, "What patients said") {
			t.Fatalf("In this story: %q", toc)
		}
		if first := text(".story-body p"); !strings.HasPrefix(first, "HONG KONG (Dateline) --") {
			t.Fatalf("first paragraph: %q", first)
		}
		loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".lead-photo img").naturalWidth > 0`))
		if err != nil || !loaded {
			t.Fatalf("the published photo did not load: %v", err)
		}
	})
}
