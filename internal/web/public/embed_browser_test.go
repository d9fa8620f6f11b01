package public_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/story"
)

// embedStory publishes a story with a YouTube link on a line of its own.
func (s *site) embedStory() string {
	s.t.Helper()
	return s.publishInWorld(story.Story{Headline: "The night ferry, filmed from the bridge", Dek: "Three minutes across the harbour",
		BodyMarkdown: "The crew filmed the first crossing.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nMore crossings follow.",
		Language:     "en"})
}

// TestEmbedLoadsOnlyWhenAsked: a story with an embed makes no request to anyone
// but the site until the reader presses the button; then the provider's frame
// loads in place of it. The page stays free of axe violations.
func TestEmbedLoadsOnlyWhenAsked(t *testing.T) {
	s := newSite(t)
	path := s.embedStory()
	ctx := browsertest.Chromium(t, 2*time.Minute)
	elsewhere := browsertest.RequestsElsewhere(t, ctx, s.http.URL)
	do := browsertest.Steps(t, ctx)
	do("open the story", chromedp.Navigate(s.http.URL+path))
	browsertest.WaitText(t, ctx, "figure.embed .embed-load", "Show the YouTube content here")
	if before := elsewhere(); len(before) > 0 {
		t.Fatalf("requests to other sites before the reader asked: %v", before)
	}
	if browsertest.Tool(t, "DATELINE_AXE_JS", "") != "" {
		for _, v := range browsertest.AxeViolations(t, ctx) {
			t.Errorf("the story page with an embed: %s", v)
		}
	}
	do("ask for the video", chromedp.Click("figure.embed .embed-load"))
	src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
		var f = document.querySelector("figure.embed iframe");
		return f ? f.getAttribute("src") + "|" + f.title : "";
	})()`))
	if err != nil || src != "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ|YouTube content" {
		t.Fatalf("the frame after the click: %q %v", src, err)
	}
}
