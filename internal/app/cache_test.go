package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/app"
	"dateline/internal/cdn"
	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// purgeLog is a local stand-in for a CDN's purge API that records each call.
type purgeLog struct {
	mu    sync.Mutex
	calls [][]string
}

func (p *purgeLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct{ Tags []string }
	json.NewDecoder(r.Body).Decode(&body)
	p.mu.Lock()
	p.calls = append(p.calls, body.Tags)
	p.mu.Unlock()
}

func (p *purgeLog) saw(tag string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.calls {
		for _, t := range c {
			if t == tag {
				return true
			}
		}
	}
	return false
}

// TestEveryChangeShowsAndPurges changes the site every way an editor can and checks
// that the cached pages depending on it show the change at once, that pages not
// depending on it stay cached, and that the CDN is asked to purge by tag.
func TestEveryChangeShowsAndPurges(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		purges := &purgeLog{}
		cdnServer := httptest.NewServer(purges)
		defer cdnServer.Close()
		purger := &cdn.Purger{URL: cdnServer.URL, Client: cdnServer.Client()}
		handler, work, err := app.Assemble(s.Store, sitetest.MustBlobs(t, t.TempDir()), filepath.Join(t.TempDir(), "theme"),
			sitetest.DiscardLog(), s.Clock.Now,
			app.Options{MinFillTime: -1, Purge: purger.Send})
		if err != nil {
			t.Fatal(err)
		}
		sitetest.RunWorkers(t, work)
		site := httptest.NewServer(handler)
		defer site.Close()
		get := func(path string) (string, string) {
			t.Helper()
			resp, err := http.Get(site.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 {
				return resp.Status, ""
			}
			return string(b), resp.Header.Get("X-Cache")
		}
		waitPurge := func(tag string) {
			t.Helper()
			deadline := time.Now().Add(10 * time.Second)
			for !purges.saw(tag) {
				if time.Now().After(deadline) {
					t.Fatalf("no CDN purge of %s within 10 s", tag)
				}
				<-time.After(10 * time.Millisecond)
			}
		}
		token := s.Token(people.RoleAdmin)
		ferries, corals := s.Demo.Stories["ferries"], s.Demo.Stories["corals"]
		story, home, asia, feed := s.PublicPath(ferries), "/", "/world/asia/", "/feed.xml"
		other := s.PublicPath(corals)
		for _, p := range []string{story, home, asia, feed, other} {
			get(p)
		}
		if _, state := get(story); state != "HIT" {
			t.Fatalf("second request for the story page: %q, want a cache hit", state)
		}

		// An update to one story shows on its page and the lists, not on others.
		s.API(
			token,
			"PATCH",
			"/api/admin/v1/stories/"+sitetest.Itoa(ferries.ID),
			`{"version":`+sitetest.Itoa(int64(ferries.Version))+`,"headline":"Night ferries are back"}`,
		)
		for _, p := range []string{story, home, asia, feed} {
			if body, _ := get(p); !strings.Contains(body, "Night ferries are back") {
				t.Fatalf("%s does not show the new headline", p)
			}
		}
		if _, state := get(other); state != "HIT" && !strings.Contains(mustGet(get, other), "Night ferries are back") {
			t.Fatalf("an unrelated story page was dropped (%s)", state)
		}
		waitPurge("story:" + sitetest.Itoa(ferries.ID))

		// A correction shows on the page.
		s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(ferries.ID)+"/notes",
			`{"kind":"correction","text":"The fare was misstated."}`)
		if body, _ := get(story); !strings.Contains(body, "The fare was misstated.") {
			t.Fatal("the correction is not on the page")
		}

		// An approved comment shows on its story, and its count on the lists.
		m := letters.Message{
			StoryID: ferries.ID,
			Kind:    letters.KindComment,
			Name:    "Cache Reader",
			Text:    "Fresh comment.",
			State:   letters.StatePending,
		}
		if err := s.Store.CreateMessage(context.Background(), &m); err != nil {
			t.Fatal(err)
		}
		s.API(token, "POST", "/api/admin/v1/messages/"+sitetest.Itoa(m.ID)+"/moderate", `{"to":"published"}`)
		if body, _ := get(story); !strings.Contains(body, "Fresh comment.") {
			t.Fatal("the approved comment is not on the page")
		}
		if body, _ := get(home); !strings.Contains(body, "3 comments") {
			t.Fatal("the comment count on the front is stale")
		}

		// Front ordering shows on the home page.
		s.API(token, "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+sitetest.Itoa(corals.ID)+`]}`)
		if body, _ := get(home); strings.Index(body, corals.Headline) > strings.Index(body, "Night ferries are back") {
			t.Fatal("the new front order does not show")
		}

		// Settings show everywhere.
		site1, _ := s.Store.Site(context.Background())
		site1.Name = "The Harbour Times"
		body, _ := json.Marshal(map[string]any{"name": site1.Name, "short_name": site1.ShortName, "base_url": site1.BaseURL,
			"time_zone": site1.TimeZone, "language": "en", "copyright_holder": site1.CopyrightHolder,
			"comments_premoderated": true, "reader_data_days": 90})
		if status, out := s.API(token, "PUT", "/api/admin/v1/settings", string(body)); status != 200 {
			t.Fatalf("settings: %d %s", status, out)
		}
		for _, p := range []string{story, other, home, feed} {
			if body, _ := get(p); !strings.Contains(body, "The Harbour Times") {
				t.Fatalf("%s still shows the old site name", p)
			}
		}
		waitPurge("site")

		// Unpublishing purges at once and nothing stale remains.
		s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(ferries.ID)+"/transition", `{"to":"unpublished"}`)
		waitPurge("stories")
		if status, _ := get(story); status != "410 Gone" {
			t.Fatalf("the withdrawn story: %s", status)
		}
		for _, p := range []string{home, asia, feed, other, "/sitemap-stories-1.xml", "/news-sitemap.xml"} {
			if body, _ := get(p); strings.Contains(body, "Night ferries are back") {
				t.Fatalf("%s still shows the withdrawn story", p)
			}
		}
		// A story published becomes visible on its page, fronts, feed and search at once.
		s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(ferries.ID)+"/transition", `{"to":"published"}`)
		for _, p := range []string{story, home, asia, feed, "/search?q=" + url.QueryEscape("ferries back")} {
			if body, _ := get(p); !strings.Contains(body, "Night ferries are back") {
				t.Fatalf("%s does not show the republished story", p)
			}
		}
	})
}

func mustGet(get func(string) (string, string), p string) string {
	body, _ := get(p)
	return body
}
