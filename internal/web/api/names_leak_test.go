package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/sitetest"
	"dateline/internal/story"
)

// TestNamesBecomePublicOnlyThroughPublishedStories: a topic, a section, a bureau and
// an author used only by an embargoed draft appear on no public surface (pages,
// feeds, search filters, sitemaps, Content API lists) and their URLs answer 404, in
// any letter case; once the story is published they appear, and after it is
// withdrawn they are gone again. Staff with no published byline have no page.
func TestNamesBecomePublicOnlyThroughPublishedStories(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		topic := section.Topic{Slug: "acme-globex-merger", Name: "Acme Globex Merger"}
		sec := section.Section{Slug: "hushed-deals", Name: "Hushed Deals", Position: 99}
		bureau := people.Bureau{Name: "Quietville bureau", City: "Quietville", TimeZone: "UTC"}
		if err := s.Store.CreateTopic(ctx, &topic); err != nil {
			t.Fatal(err)
		}
		if err := s.Store.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
		if err := s.Store.CreateBureau(ctx, &bureau); err != nil {
			t.Fatal(err)
		}
		reporter := people.Person{
			Slug:     "veiled-reporter",
			Name:     "Veiled Reporter",
			Email:    "veiled@test.example",
			Role:     people.RoleWriter,
			BureauID: bureau.ID,
		}
		if err := s.Store.CreatePerson(ctx, &reporter); err != nil {
			t.Fatal(err)
		}
		st := story.Story{
			Slug:         "deal-talks",
			Headline:     "Talks on a deal",
			SectionID:    sec.ID,
			TopicIDs:     []int64{topic.ID},
			AuthorIDs:    []int64{reporter.ID},
			BureauID:     bureau.ID,
			BodyMarkdown: "Held copy.",
			State:        story.StateDraft,
		}
		if err := s.Store.CreateStory(ctx, &st); err != nil {
			t.Fatal(err)
		}
		names := []string{"acme globex", "acme-globex", "hushed deals", "hushed-deals", "quietville", "veiled reporter", "veiled-reporter"}
		lists := []string{"/", "/search", "/search?q=ferry", "/sitemap-pages.xml", "/sitemap.xml", "/feed.xml", "/feed.json", "/business/",
			"/api/v1/topics", "/api/v1/sections", "/api/v1/stories", s.PublicPath(s.Demo.Stories["ferries"]), "/people/tomas-alvarez/"}
		urls := []string{"/topics/acme-globex-merger/", "/topics/acme-globex-merger/feed.xml", "/topics/Acme-Globex-Merger/", "/hushed-deals/",
			"/hushed-deals/feed.atom", "/people/veiled-reporter/", "/people/test-admin/", "/people/test-editor/"}
		hidden := func(when string) {
			t.Helper()
			for _, path := range lists {
				status, _, body := s.Content(path)
				lower := strings.ToLower(body)
				for _, name := range names {
					if status == http.StatusOK && strings.Contains(lower, name) {
						t.Errorf("%s: GET %s shows %q", when, path, name)
					}
				}
			}
			for _, path := range urls {
				if status, _, _ := s.Content(path); status != http.StatusNotFound {
					t.Errorf("%s: GET %s: %d, want 404", when, path, status)
				}
			}
			for _, path := range []string{"/api/v1/stories?topic=acme-globex-merger", "/api/v1/stories?section=hushed-deals"} {
				if status, _, _ := s.Content(path); status != http.StatusNotFound {
					t.Errorf("%s: GET %s: %d, want 404", when, path, status)
				}
			}
		}
		hidden("draft")

		token := s.Token(people.RoleEditor)
		status, body := s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(st.ID)+"/transition", `{"to":"published"}`)
		if status != http.StatusOK {
			t.Fatalf("publish: %d %s", status, body)
		}
		for _, path := range []string{"/topics/acme-globex-merger/", "/topics/acme-globex-merger/feed.xml", "/hushed-deals/",
			"/people/veiled-reporter/"} {
			if status, _, _ := s.Content(path); status != http.StatusOK {
				t.Errorf("published: GET %s: %d", path, status)
			}
		}
		for path, name := range map[string]string{"/api/v1/topics": "Acme Globex Merger", "/api/v1/sections": "Hushed Deals",
			"/sitemap-pages.xml": "/topics/acme-globex-merger/", "/people/veiled-reporter/": "Quietville bureau", "/search": "Acme Globex Merger"} {
			if _, _, body := s.Content(path); !strings.Contains(body, name) {
				t.Errorf("published: GET %s lacks %q", path, name)
			}
		}

		status, _ = s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(st.ID)+"/transition", `{"to":"unpublished"}`)
		if status != http.StatusOK {
			t.Fatalf("unpublish: %d", status)
		}
		hidden("withdrawn")
	})
}
