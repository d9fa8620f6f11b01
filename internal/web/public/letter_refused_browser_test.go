package public_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
)

// TestRefusedLetterInBrowser: a message the site refuses comes back as the form
// alone, titled "Error: …", with the focus on an alert that names each problem (as
// Chromium's accessibility tree exposes it to a screen reader) and links to its
// field.
func TestRefusedLetterInBrowser(t *testing.T) {
	s := newSite(t)
	ctx := browsertest.Chromium(t, 2*time.Minute)
	do := browsertest.Steps(t, ctx)
	do("send a comment without a name or consent",
		chromedp.Navigate(s.http.URL+s.storyPath("ferries")),
		chromedp.Click("#kind-comment"),
		chromedp.SendKeys("#msg-text", "The night ferry is back!"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("msg-name").removeAttribute("required")`),
		chromedp.Click(".letter-form button[type=submit]"))
	browsertest.WaitText(t, ctx, "h1", "Your message was not sent")
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(title, "Error:") {
		t.Errorf("title %q does not start with Error:", title)
	}
	focused := browsertest.Focused(t, ctx)
	if focused.Role != "alert" || focused.Name != "There is a problem" {
		t.Fatalf("focus is on %+v, want the alert", focused)
	}
	for _, want := range []string{"Please give your name.", "Please agree that your comment may be published"} {
		found := false
		for _, text := range focused.Inside {
			found = found || strings.Contains(text, want)
		}
		if !found {
			t.Errorf("the alert does not say %q: %q", want, focused.Inside)
		}
	}
	if browsertest.Tool(t, "DATELINE_AXE_JS", "") != "" {
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("the refused letter's page: %s", v)
		}
	}
	// Each problem links to its field.
	target, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector('.form-problems a[href="#msg-name"]') ? "ok" : ""`))
	if err != nil || target != "ok" {
		t.Errorf("no link from the summary to the name field: %v", err)
	}
}
