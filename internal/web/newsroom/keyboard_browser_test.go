package newsroom_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/sitetest"
)

// TestStoryByKeyboardAlone: an editor signs in, writes a story, submits it for
// review, edits it, schedules it and publishes it with the keyboard only — Tab to
// move, typing, Enter, Ctrl+S — on a phone and on a desktop, and every page on the
// way fits the window.
func TestStoryByKeyboardAlone(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		for _, width := range []int64{390, 1280} {
			t.Run(strconv.FormatInt(width, 10), func(t *testing.T) {
				ctx := browsertest.Chromium(t, 3*time.Minute)
				do := browsertest.Steps(t, ctx)
				wait := func(sel, want string) { t.Helper(); browsertest.WaitText(t, ctx, sel, want) }
				keys := func(step, text string) { t.Helper(); do(step, chromedp.KeyEvent(text)) }
				ctrlS := func() { t.Helper(); do("Ctrl+S", chromedp.KeyEvent("s", chromedp.KeyModifiers(chromedp.ModifierCtrl))) }
				fits := func(where string) {
					t.Helper()
					wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
					if err != nil || wide {
						t.Errorf("%s at %d px: the page is wider than the window (%v)", where, width, err)
					}
				}
				// tabTo presses Tab until the focus is on the control sel finds.
				tabTo := func(sel string) {
					t.Helper()
					for range 200 {
						here, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.matches(`+strconv.Quote(sel)+`)`))
						if err != nil {
							t.Fatal(err)
						}
						if here {
							return
						}
						keys("Tab", "\t")
					}
					t.Fatalf("200 Tabs did not reach %s", sel)
				}
				headline := "Keyboard desk story at " + strconv.FormatInt(width, 10) + " px"

				do("open the sign-in page", chromedp.EmulateViewport(width, 844), chromedp.Navigate(s.HTTP.URL+"/newsroom/login"))
				tabTo("#email")
				keys("email", "editor@test.example")
				tabTo("#password")
				keys("password", sitetest.Password+"\r")
				wait("h1", "Stories")
				fits("the start page")
				screenshot(t, ctx, "start-"+strconv.FormatInt(width, 10))

				tabTo(`nav a[href="/newsroom/stories/new"]`)
				keys("open the editor", "\r")
				wait("h1", "New story")
				fits("the new story")
				tabTo("#headline")
				keys("headline", headline)
				tabTo("#dek")
				keys("standfirst", "Written without a mouse.")
				tabTo("#body")
				keys("body", "Every step of this story was taken with the keyboard.")
				tabTo("#section")
				for range 20 { // a closed select moves through its options with the arrow keys
					chosen, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.selectedOptions[0].text.trim()`))
					if chosen == "World" {
						break
					}
					do("next section", chromedp.KeyEvent(kDown))
				}
				ctrlS()
				wait(".flash", "Story created")
				wait(".story-meta .state", "Draft")

				tabTo(`.action-bar button[form="move-in_review"]`)
				keys("submit", "\r")
				wait(".story-meta .state", "In review")

				tabTo("#body")
				do("to the end of the body", chromedp.KeyEvent(kEnd, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
				keys("more body", " A second sentence came later.")
				ctrlS()
				wait(".flash", "Saved")
				fits("the editor")
				screenshot(t, ctx, "editor-"+strconv.FormatInt(width, 10))

				tabTo("#at")
				keys("embargo date", "12312026")
				do("to the hour", chromedp.KeyEvent(kRight)) // a four-digit year may go on: move to the hour
				keys("embargo time", "1030P")
				keys("schedule", "\r")
				wait(".story-meta .state", "Scheduled")
				wait(".embargo-banner", "December 31, 2026")

				tabTo(`.action-bar button[form="move-published"]`)
				keys("publish", "\r")
				wait(".story-meta .state", "Published")
				fits("the published story")
				st := s.StoryBySlug(strings.ToLower(strings.ReplaceAll(headline, " ", "-")))
				if !strings.Contains(st.BodyMarkdown, "A second sentence came later.") || st.SectionID == 0 {
					t.Errorf("the published story: body %q, section %d", st.BodyMarkdown, st.SectionID)
				}
			})
		}
	})
}

// kEnd is the End key, as chromedp's key table names it.
const (
	kEnd   = "\u0305"
	kDown  = "\u0301"
	kRight = "\u0303"
)
