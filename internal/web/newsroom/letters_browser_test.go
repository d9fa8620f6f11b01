package newsroom_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/sitetest"
)

// TestLettersFlowInBrowser: a reader sends a comment and a private message from a
// demo story; an editor finds both on the letters desk, publishes and features the
// comment, which then leads "You said it...".
func TestLettersFlowInBrowser(t *testing.T) {
	t.Parallel() // a browser test mostly waits: two run at once
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := browsertest.Chromium(t, 3*time.Minute)
		do := browsertest.Steps(t, ctx)
		waitText := func(sel, want string) { t.Helper(); browsertest.WaitText(t, ctx, sel, want) }
		story := s.HTTP.URL + s.PublicPath(s.Demo.Stories["ferries"])
		send := func(kind, name, email, text string, consent bool) {
			t.Helper()
			actions := []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(story),
				chromedp.Click("#kind-" + kind),
				chromedp.SendKeys("#msg-name", name),
				chromedp.SendKeys("#msg-place", "Aberdeen"),
				chromedp.SendKeys("#msg-text", text),
			}
			if email != "" {
				actions = append(actions, chromedp.SendKeys("#msg-email", email))
			}
			if consent {
				actions = append(actions, chromedp.Click("#msg-consent"))
			}
			do("send a "+kind, append(actions, chromedp.Click(".letter-form button[type=submit]"))...)
			waitText("h1", "Thank you for writing")
		}
		send("comment", "Iris Wong", "", "The night ferry saved my evening shifts.", true)
		send("private", "Iris Wong", "iris@example.com", "Please look into the bus detour fares too.", false)

		do("sign in", chromedp.Navigate(s.HTTP.URL+"/newsroom/login"), chromedp.SendKeys("#email", "editor@test.example"),
			chromedp.SendKeys("#password", sitetest.Password), chromedp.Click("button[type=submit]"))
		waitText("h1", "Stories")
		do("open the desk", chromedp.Navigate(s.HTTP.URL+"/newsroom/letters?state=pending&kind=private"))
		waitText("table.letters", "Please look into the bus detour fares too.")
		do("open the comments", chromedp.Navigate(s.HTTP.URL+"/newsroom/letters?state=pending&kind=comment"))
		waitText("table.letters", "The night ferry saved my evening shifts.")
		do("a desktop's width", chromedp.EmulateViewport(1280, 800))
		screenshot(t, ctx, "letters")
		// Keyboard triage: a key typed in a field does nothing; j picks the first
		// message, f features it.
		do("type in the story filter", chromedp.SendKeys("#story-filter", "f"))
		if got := browsertest.Text(t, ctx, "table.letters tbody tr:first-child .state"); got != "pending" {
			t.Fatalf("typing f in a field moved a message: %q", got)
		}
		do("feature the comment by keyboard", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
			chromedp.KeyEvent("j"), chromedp.KeyEvent("f"))
		waitText(".flash", "Featured 1 message as editors' picks.")

		do("read the story", chromedp.Navigate(story))
		waitText(".you-said-it .comment:first-child", "The night ferry saved my evening shifts.")
		waitText(".you-said-it .comment:first-child", "Editors' pick")
		waitText(".you-said-it .comment:first-child", "Iris Wong, Aberdeen")
		page, err := chromedp.Run(ctx, chromedp.OuterHTML("body"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(page, "bus detour fares") || strings.Contains(page, "iris@example.com") {
			t.Fatal("the private message or the reader's email is on the public page")
		}
	})
}
