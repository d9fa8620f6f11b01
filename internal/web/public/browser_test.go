package public_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
)

// These tests run the real checkers: the Nu HTML validator (DATELINE_VNU_JAR, run
// with java) and axe-core (DATELINE_AXE_JS) in headless Chromium (DATELINE_CHROMIUM,
// default /usr/bin/chromium). Without them the tests skip, except in CI.

// pagesToCheck are one of each kind of public page.
func pagesToCheck(s *site) map[string]string {
	return map[string]string{
		"story":         s.storyPath("ferries"),
		"story-closed":  s.storyPath("customs"),
		"story-plain":   s.storyPath("shifts"),
		"story-rtl":     s.arabicStory(),
		"story-embed":   s.embedStory(),
		"home":          "/",
		"section":       "/world/",
		"subsection":    "/world/asia/",
		"archive":       "/1997/01/29/",
		"archive-month": "/1997/01/",
		"archive-year":  "/1997/",
		"topic":         "/topics/oceans/",
		"person":        "/people/mei-lin-chau/",
		"terms":         "/terms/",
		"site-page":     "/masthead/",
		"contact":       "/contact/",
		"search":        "/search?q=ferry+harbour",
		"not-found":     "/no-such-page/",
	}
}

func TestPagesValidateAsHTML(t *testing.T) {
	browsertest.Tool(t, "DATELINE_VNU_JAR", "")
	s := newSite(t)
	pages := map[string]string{}
	for name, path := range pagesToCheck(s) {
		_, _, body := s.get(path)
		pages[name] = body
	}
	// The pages a reader gets after sending a message, accepted and refused.
	for name, form := range map[string]url.Values{"letter-sent": letterForm(s.demo.Stories["ferries"].ID, "comment"),
		"letter-refused": letterForm(s.demo.Stories["ferries"].ID, "shout")} {
		_, _, body := s.post(form, sameSite)
		pages[name] = body
	}
	for _, problem := range browsertest.NuErrors(t, pages) {
		t.Error(problem)
	}
}

func TestPagesHaveNoAccessibilityViolations(t *testing.T) {
	browsertest.Tool(t, "DATELINE_AXE_JS", "")
	s := newSite(t)
	ctx := browsertest.Chromium(t, 2*time.Minute)
	for name, path := range pagesToCheck(s) {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.http.URL+path)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("%s (%s): %s", name, path, v)
		}
	}
}

// TestPagesFitEveryWidth renders the story page and the fronts from phone to wide
// desktop widths and checks each fits without sideways scrolling; it saves
// screenshots for people to look at when DATELINE_SCREENSHOTS names a directory.
func TestPagesFitEveryWidth(t *testing.T) {
	s := newSite(t)
	ctx := browsertest.Chromium(t, 3*time.Minute)
	pages := map[string]string{"story": s.storyPath("ferries"), "home": "/", "section": "/world/", "topic": "/topics/oceans/"}
	for name, path := range pages {
		for _, width := range []int64{390, 768, 1280, 1600} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(s.http.URL+path)); err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow {
				t.Errorf("%s at %d px: the page scrolls sideways", name, width)
			}
			if dir := os.Getenv("DATELINE_SCREENSHOTS"); dir != "" {
				shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width)), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestStoryFirstScreen measures where the story's opening parts land: at 1280×800 and
// 390×844 the headline, standfirst, byline, "Web posted at" time, dateline and the
// first paragraph start within the first screen; on a desktop the photo and "In this
// story:" sit beside the opening text, on a phone the photo follows the first paragraph.
func TestStoryFirstScreen(t *testing.T) {
	s := newSite(t)
	ctx := browsertest.Chromium(t, 2*time.Minute)
	type box struct{ Top, Bottom, Left, Right float64 }
	for _, size := range []struct{ w, h int64 }{{1280, 800}, {390, 844}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(s.http.URL+s.storyPath("ferries"))); err != nil {
			t.Fatal(err)
		}
		boxes, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]*box](`(() => {
			const at = sel => { const e = document.querySelector(sel); if (!e) return null;
				const r = e.getBoundingClientRect();
				return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right}; };
			// The opening line's own box: a paragraph's box runs under a float, its lines do not.
			const line = () => { const p = document.querySelector(".story-body > p"); if (!p) return null;
				const range = document.createRange(); range.selectNodeContents(p); const r = range.getClientRects()[0];
				return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right}; };
			return {opening: line(), headline: at(".story h1"), standfirst: at(".story .dek"), byline: at(".story .byline"),
				posted: at(".story .web-posted"), dateline: at(".story .dateline"),
				paragraph: at(".story-body > p"), photo: at(".lead-photo img"), index: at(".in-this-story")};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{"headline", "standfirst", "byline", "posted", "dateline", "paragraph", "photo", "index"} {
			b := boxes[part]
			if b == nil {
				t.Fatalf("%dx%d: the story page has no %s", size.w, size.h, part)
			}
			if part != "photo" && part != "index" && b.Top >= float64(size.h) {
				t.Errorf("%dx%d: the %s starts at y = %.0f, below the first screen", size.w, size.h, part, b.Top)
			}
		}
		para, opening, photo, index := boxes["paragraph"], boxes["opening"], boxes["photo"], boxes["index"]
		if size.w >= 1280 {
			for name, b := range map[string]*box{"photo": photo, "index": index} {
				beside := b.Left >= opening.Right || b.Right <= opening.Left
				if !beside || b.Top >= float64(size.h) {
					t.Errorf("%dx%d: the %s (%+v) is not beside the opening line (%+v)", size.w, size.h, name, *b, *opening)
				}
			}
		} else if photo.Top < para.Bottom {
			t.Errorf("%dx%d: the photo (top %.0f) comes before the end of the first paragraph (bottom %.0f)", size.w, size.h, photo.Top, para.Bottom)
		}
	}
}
