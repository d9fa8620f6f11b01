package newsroom_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/sitetest"
)

// TestWireDeskInBrowser drives the wire desk in headless Chromium: an editor finds
// an agency story in the queue by its filters, publishes it as is, sees the update
// flag with its difference and takes the new copy, then sees the kill take the
// story down.
func TestWireDeskInBrowser(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := browsertest.Chromium(t, 3*time.Minute)
		do := browsertest.Steps(t, ctx)
		wait := func(sel, want string) { t.Helper(); browsertest.WaitText(t, ctx, sel, want) }
		s.IngestFile("../../ingest/testdata/storm-v1.json")

		do("sign in as the editor",
			chromedp.Navigate(s.HTTP.URL+"/newsroom/login"),
			chromedp.SendKeys("#email", "editor@test.example"),
			chromedp.SendKeys("#password", sitetest.Password),
			chromedp.Click("button[type=submit]"),
		)
		wait("h1", "Stories")
		do("filter the wire queue to urgent Harbour Wire copy",
			chromedp.Click(`a[href="/newsroom/wire"]`),
		)
		wait("h1", "Wire")
		do("filter", chromedp.SetValue("#agency", "Harbour Wire"), chromedp.SetValue("#urgency", "3"),
			chromedp.Click(`form[action="/newsroom/wire"] button[type=submit]`))
		wait("#agency option[selected]", "Harbour Wire") // the filtered page has loaded
		wait("table.wire tbody", "Storm closes two ports on the north coast")
		if strings.Contains(browsertest.Text(t, ctx, "table.wire tbody"), "Rail bridge reopens") {
			t.Fatal("the agency filter lets another agency's copy through")
		}
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("wire queue: %s", v)
		}
		do("open the item", chromedp.Click(`table.wire tbody a`))
		wait(".wire-body", "Gale-force winds closed the ports")
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("wire item: %s", v)
		}
		do("publish it as is", chromedp.SetValue("#section", "world"), chromedp.Click(`button[value=publish]`))
		wait("h1", "as is?") // the second step, before readers see it
		do("confirm", chromedp.Click(`main form button.danger`))
		wait(".flash", "Published as is")
		wait(".story-meta .state", "Published")

		s.IngestFile("../../ingest/testdata/storm-v2.json")
		do("reload the story", chromedp.Reload())
		wait(".wire-update h2", "Wire update available")
		wait(".wire-update .diff", "+ Ferry crossings were cancelled until Monday")
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("story with a wire update: %s", v)
		}
		do("take the new copy", chromedp.Click(`.wire-update button[value=take]`))
		wait(".flash", "Took the agency's new copy")
		if v, err := chromedp.Run(ctx, chromedp.Value("#body")); err != nil || !strings.Contains(v, "Sandwick") {
			t.Fatalf("body after taking version 2: %q %v", v, err)
		}

		s.IngestFile("../../ingest/testdata/storm-kill.json")
		do("reload the story", chromedp.Reload())
		wait(".wire-withdrawn-banner", "WITHDRAWN BY Harbour Wire")
		wait(".wire-withdrawn-banner", "taken down automatically")
		wait(".story-meta .state", "Unpublished")
		do("the story list", chromedp.Navigate(s.HTTP.URL+"/newsroom/"))
		wait("table.stories", "WIRE WITHDRAWN")
	})
}
