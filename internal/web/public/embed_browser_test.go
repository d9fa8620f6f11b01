package public_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"dateline/internal/browsertest"
	"dateline/internal/story"
)

// embedStory publishes a story with a YouTube link on a line of its own.
func (s *site) embedStory() string {
	s.t.Helper()
	st := story.Story{Headline: "The night ferry, filmed from the bridge", Dek: "Three minutes across the harbour",
		BodyMarkdown: "The crew filmed the first crossing.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nMore crossings follow.",
		SectionID:    s.demo.Sections["world"].ID, Language: "en", State: story.StateDraft}
	st.Slug = story.Slugify(st.Headline)
	ctx := context.Background()
	if err := s.store.CreateStory(ctx, &st); err != nil {
		s.t.Fatal(err)
	}
	if err := st.Transition(story.StatePublished, time.Time{}, s.now()); err != nil {
		s.t.Fatal(err)
	}
	if err := s.store.UpdateStory(ctx, &st); err != nil {
		s.t.Fatal(err)
	}
	loc, _ := time.LoadLocation("America/New_York")
	return st.Path("world", loc)
}

// TestEmbedLoadsOnlyWhenAsked: a story with an embed makes no request to anyone
// but the site until the reader presses the button; then the provider's frame
// loads in place of it. The page stays free of axe violations.
func TestEmbedLoadsOnlyWhenAsked(t *testing.T) {
	s := newSite(t)
	path := s.embedStory()
	ctx := browsertest.Chromium(t, 2*time.Minute)
	var mu sync.Mutex
	var elsewhere []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && !strings.HasPrefix(e.Request.URL, s.http.URL) &&
			!strings.HasPrefix(e.Request.URL, "data:") {
			mu.Lock()
			elsewhere = append(elsewhere, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	do := browsertest.Steps(t, ctx)
	do("open the story", chromedp.Navigate(s.http.URL+path))
	browsertest.WaitText(t, ctx, "figure.embed .embed-load", "Show the YouTube content here")
	mu.Lock()
	before := append([]string(nil), elsewhere...)
	mu.Unlock()
	if len(before) > 0 {
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
