package render

import (
	"strings"
	"testing"

	"dateline/internal/settings"
)

// TestEmbedProviders: links of the allowlisted providers' shapes become frames from
// the provider's embed address; anything else is left alone.
func TestEmbedProviders(t *testing.T) {
	for link, want := range map[string]string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10":           "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
		"https://youtu.be/dQw4w9WgXcQ":                               "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
		"https://www.youtube.com/shorts/dQw4w9WgXcQ":                 "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
		"https://vimeo.com/76979871":                                 "https://player.vimeo.com/video/76979871",
		"https://x.com/harbourwire/status/1862000000000000000":       "https://platform.twitter.com/embed/Tweet.html?id=1862000000000000000",
		"https://twitter.com/harbourwire/status/1862000000000000000": "https://platform.twitter.com/embed/Tweet.html?id=1862000000000000000",
		"https://www.instagram.com/p/C0abcDEF123/":                   "https://www.instagram.com/p/C0abcDEF123/embed",
		"https://bsky.app/profile/harbour.example/post/3kabc123":     "https://embed.bsky.app/embed/harbour.example/app.bsky.feed.post/3kabc123",
		"https://soundcloud.com/harbour-radio/night-ferry":           "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fharbour-radio%2Fnight-ferry",
		"https://public.flourish.studio/visualisation/16000000/":     "https://flo.uri.sh/visualisation/16000000/embed",
		"https://datawrapper.dwcdn.net/AbC12/3/":                     "https://datawrapper.dwcdn.net/AbC12/3/",
		"https://mastodon.social/@harbour/113500000000000000":        "https://mastodon.social/@harbour/113500000000000000/embed",
	} {
		_, frame, ok := embedFor(link, nil)
		if !ok || frame != want {
			t.Errorf("%s: %q %v, want %q", link, frame, ok, want)
		}
	}
	for _, link := range []string{
		"javascript:alert(1)", "http://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=short",
		"https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
		"https://vimeo.com/channels/staffpicks", "https://x.com/harbourwire", "https://example.com/@user/123x",
		"https://evil.example/@user/../../admin", "data:text/html,hi", "https://www.instagram.com/p/<script>/",
	} {
		if _, frame, ok := embedFor(link, nil); ok {
			t.Errorf("%s: embedded as %q", link, frame)
		}
	}
}

// TestEmbedsInStoryBodies: a line holding only an allowlisted link (bare or as an
// autolink) becomes a placeholder with no request to the provider; a link inside a
// sentence stays a link; feeds keep the plain link.
func TestEmbedsInStoryBodies(t *testing.T) {
	src := "Watch the ferry leave.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n<https://vimeo.com/76979871>\n\n" +
		"See https://vimeo.com/76979871 for more.\n\n[javascript:alert(1)](javascript:alert(1))\n\nhttps://example.com/page"
	b, err := StoryBody(src, "")
	if err != nil {
		t.Fatal(err)
	}
	page := string(b.HTML)
	if !b.Embeds || strings.Count(page, `<figure class="embed"`) != 2 {
		t.Fatalf("placeholders: %v\n%s", b.Embeds, page)
	}
	for _, bad := range []string{"<iframe", "<img", "<script", "youtube-nocookie.com/embed/dQw4w9WgXcQ\"><", `href="javascript:`} {
		if strings.Contains(page, bad) {
			t.Errorf("the page's body has %q", bad)
		}
	}
	if !strings.Contains(page, `data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`) ||
		!strings.Contains(page, `<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer">`) {
		t.Errorf("the YouTube placeholder lacks its frame address or link:\n%s", page)
	}
	if !strings.Contains(page, "<p>See https://vimeo.com/76979871 for more.</p>") ||
		!strings.Contains(page, "<p>https://example.com/page</p>") {
		t.Errorf("links in sentences or of other sites changed:\n%s", page)
	}
	if strings.Contains(string(b.Feed), "figure") || !strings.Contains(string(b.Feed), "https://www.youtube.com/watch?v=dQw4w9WgXcQ") {
		t.Errorf("the feed's body: %s", b.Feed)
	}
	plain, _ := StoryBody("No embeds here.", "")
	if plain.Embeds {
		t.Error("a body without embeds reports some")
	}
}

// TestSiteEmbedProviders: a provider the site's admins allow embeds its links as
// they are, on its host only; the built-in rules still apply to the rest.
func TestSiteEmbedProviders(t *testing.T) {
	extra := []settings.EmbedHost{{Name: "Council video", Host: "video.council.example"}}
	b, err := StoryBody("https://video.council.example/meetings/12?t=30#top\n\nhttps://evil.example/video.council.example\n\n"+
		"https://user:pw@video.council.example/x", "", extra...)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b.HTML)
	if strings.Count(page, `<figure class="embed"`) != 1 ||
		!strings.Contains(page, `data-embed-src="https://video.council.example/meetings/12?t=30" data-embed-provider="Council video"`) {
		t.Fatalf("the site's provider:\n%s", page)
	}
	if plain, _ := StoryBody("https://video.council.example/meetings/12", ""); plain.Embeds {
		t.Error("a site's provider embeds without the site's setting")
	}
}
