package newsroom_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestFrontsInBrowser orders the home front three ways: the Down button from the
// keyboard (the next page keeps the focus on the same story's button, so pressing
// Enter again moves it again), dragging a story to the top, and adding one with
// the picker as the lead.
func TestFrontsInBrowser(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := browsertest.Chromium(t, 2*time.Minute)
		do := browsertest.Steps(t, ctx)
		wait := func(sel, want string) { t.Helper(); browsertest.WaitText(t, ctx, sel, want) }
		signInBrowser(t, ctx, s, people.RoleEditor)
		ferries, containers, corals := s.Demo.Stories["ferries"].ID, s.Demo.Stories["containers"].ID, s.Demo.Stories["corals"].ID
		lunar := s.Demo.Stories["lunar"]
		order := func(want ...int64) {
			t.Helper()
			deadline := time.Now().Add(15 * time.Second)
			for got := frontOrder(t, s, 0); !slices.Equal(got, want); got = frontOrder(t, s, 0) {
				if time.Now().After(deadline) {
					t.Fatalf("the front is %v, want %v", got, want)
				}
				<-time.After(50 * time.Millisecond) // poll again
			}
		}
		focused := func() string {
			t.Helper()
			id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		id := strconv.FormatInt
		// loaded waits for a new page: the old one set window.before.
		loaded := func() {
			t.Helper()
			deadline := time.Now().Add(15 * time.Second)
			for {
				fresh, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!window.before && document.readyState === "complete"`))
				if fresh {
					return
				}
				if time.Now().After(deadline) {
					t.Fatal("no new page after the drop")
				}
				<-time.After(50 * time.Millisecond) // poll again
			}
		}

		// submit runs actions that leave the page and waits for the next one.
		submit := func(step string, actions ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			do(step+": mark the page", chromedp.Evaluate[chromedp.Void](`window.before = true`))
			do(step, actions...)
			loaded()
		}
		// focusOn waits for the focus to land on the element with the id (autofocus
		// acts once the page has loaded).
		focusOn := func(want string) {
			t.Helper()
			deadline := time.Now().Add(15 * time.Second)
			for got := focused(); got != want; got = focused() {
				if time.Now().After(deadline) {
					t.Fatalf("the focus is on %q, not %q", got, want)
				}
				<-time.After(50 * time.Millisecond) // poll again
			}
		}

		do("open the fronts", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.HTTP.URL+"/newsroom/fronts"))
		wait("h1", "Fronts")
		screenshot(t, ctx, "fronts")
		submit("Down on the lead", chromedp.Focus("#down-home-"+id(ferries, 10)), chromedp.KeyEvent("\r"))
		order(containers, ferries, corals)
		focusOn("down-home-" + id(ferries, 10)) // the same story's button again
		submit("Enter again", chromedp.KeyEvent("\r"))
		order(containers, corals, ferries)
		focusOn("up-home-" + id(ferries, 10)) // at the bottom it has only Up

		submit("drag the last story to the top", chromedp.Evaluate[chromedp.Void](`(() => {
			const items = document.querySelectorAll("li.front-slot"), last = items[items.length - 1], first = items[0];
			const data = new DataTransfer(), box = first.getBoundingClientRect();
			last.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: data}));
			first.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: data, clientY: box.top + 2}));
			first.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: data, clientY: box.top + 2}));
		})()`))
		order(ferries, containers, corals)

		do("find a story with the picker", chromedp.Focus("#add_q-home"), chromedp.KeyEvent("Lunar dust"))
		wait(".picker-list", lunar.Headline)
		do("choose it", chromedp.KeyEvent("\r"))
		ticked, err := chromedp.Run(ctx,
			chromedp.Evaluate[bool](`document.querySelector("input[name=add_id][value='`+id(lunar.ID, 10)+`']").checked`))
		if err != nil || !ticked {
			t.Fatalf("choosing from the picker did not tick the story (%v)", err)
		}
		submit("add it", chromedp.Focus(`button[name=save]`), chromedp.KeyEvent("\r"))
		order(lunar.ID, ferries, containers, corals)
	})
}
