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
		do("feature the comment",
			chromedp.Click(`table.letters tbody tr:first-child input[type=checkbox]`),
			chromedp.SetValue("#to", "featured"),
			chromedp.SetValue("#rank", "0"),
			chromedp.Click("#bulk button[type=submit]"))
		// The desk comes back without the kind filter once the move is saved.
		deadline := time.Now().Add(15 * time.Second)
		for {
			search, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.search : ""`))
			if search == "?state=pending" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the desk did not come back after featuring (at %q)", search)
			}
			<-time.After(50 * time.Millisecond) // poll again
		}

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
