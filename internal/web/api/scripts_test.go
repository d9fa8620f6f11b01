package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestStoriesInEveryScript: a desk filing in Chinese, Japanese, Russian, Arabic,
// Hebrew, Hindi, Greek or only emoji gets a slug per story (a second story with the
// same headline is numbered, not refused), pages at percent-encoded URLs, and the
// same URLs in the feed, the sitemap and search; a draft's slug follows its
// headline until publication; a typed slug that clashes is refused by field.
func TestStoriesInEveryScript(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		token := s.Token(people.RoleEditor)
		type filed struct{ headline, wantSlug string }
		cases := []filed{
			{"颱風季節結束", "颱風季節結束"},
			{"台風シーズンが終わる", "台風シーズンが終わる"},
			{"Паромы возвращаются в гавань", "паромы-возвращаются-в-гавань"},
			{"عودة العبارات إلى الميناء", "عودة-العبارات-إلى-الميناء"},
			{"המעבורות חוזרות לנמל", "המעבורות-חוזרות-לנמל"},
			{"नौकाएँ फिर से चलेंगी", "नौकाएँ-फिर-से-चलेंगी"},
			{"Τα πλοία επιστρέφουν στο λιμάνι", "τα-πλοία-επιστρέφουν-στο-λιμάνι"},
			{"颱風季節結束", "颱風季節結束-2"}, // the same headline again: numbered
			{"🌊🚢⛴️", ""}, // nothing usable: story-<id>
		}
		for _, c := range cases {
			status, body := s.API(token, "POST", "/api/admin/v1/stories",
				`{"headline":`+quote(c.headline)+`,"section":"world","body_markdown":"`+c.headline+` text."}`)
			if status != http.StatusCreated {
				t.Fatalf("filing %q: %d %s", c.headline, status, body)
			}
			var created struct {
				ID   int64  `json:"id"`
				Slug string `json:"slug"`
			}
			if err := json.Unmarshal([]byte(body), &created); err != nil {
				t.Fatal(err)
			}
			want := c.wantSlug
			if want == "" {
				want = "story-" + sitetest.Itoa(created.ID)
			}
			if created.Slug != want {
				t.Fatalf("%q: slug %q, want %q", c.headline, created.Slug, want)
			}
			status, body = s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(created.ID)+"/transition", `{"to":"published"}`)
			if status != http.StatusOK {
				t.Fatalf("publishing %q: %d %s", c.headline, status, body)
			}
			var published struct {
				URL string `json:"url"`
			}
			_ = json.Unmarshal([]byte(body), &published)
			if strings.ContainsFunc(published.URL, func(r rune) bool { return r > 127 }) || !strings.Contains(published.URL, url.PathEscape(want)) {
				t.Fatalf("%q: url %q is not the percent-encoded slug", c.headline, published.URL)
			}
			u, err := url.Parse(published.URL)
			if err != nil {
				t.Fatal(err)
			}
			path := u.EscapedPath()
			status, _, page := s.Content(path)
			if status != http.StatusOK || !strings.Contains(page, c.headline) {
				t.Fatalf("%q: %s answered %d", c.headline, path, status)
			}
			if !strings.Contains(page, `rel="canonical" href="`+published.URL+`"`) {
				t.Fatalf("%q: the page's canonical link is not %s", c.headline, published.URL)
			}
			for _, where := range []string{"/feed.xml", "/feed.json", "/sitemap-stories-1.xml"} {
				if _, _, doc := s.Content(where); !strings.Contains(doc, url.PathEscape(want)) {
					t.Fatalf("%q: %s lacks %s", c.headline, where, url.PathEscape(want))
				}
			}
		}
		// Search finds them, in their own scripts.
		for _, q := range []string{"颱風", "Паромы", "العبارات", "नौकाएँ", "λιμάνι"} {
			if _, _, body := s.Content("/api/v1/search?q=" + url.QueryEscape(q)); !strings.Contains(body, q) {
				t.Fatalf("search for %q: %.300s", q, body)
			}
		}

		// A draft's slug follows its headline; after publication it stays.
		status, body := s.API(token, "POST", "/api/admin/v1/stories", `{"headline":"Первый заголовок","section":"world"}`)
		var draft struct {
			ID      int64  `json:"id"`
			Slug    string `json:"slug"`
			Version int    `json:"version"`
		}
		_ = json.Unmarshal([]byte(body), &draft)
		if status != http.StatusCreated || draft.Slug != "первый-заголовок" {
			t.Fatalf("draft: %d %s", status, body)
		}
		id := sitetest.Itoa(draft.ID)
		status, body = s.API(token, "PATCH", "/api/admin/v1/stories/"+id, `{"version":1,"headline":"Второй заголовок"}`)
		_ = json.Unmarshal([]byte(body), &draft)
		if status != http.StatusOK || draft.Slug != "второй-заголовок" {
			t.Fatalf("draft's slug after a new headline: %d %s", status, body)
		}
		if status, body := s.API(token, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"published"}`); status != http.StatusOK {
			t.Fatalf("publish: %d %s", status, body)
		}
		status, body = s.API(token, "PATCH", "/api/admin/v1/stories/"+id, `{"version":3,"headline":"Третий заголовок"}`)
		_ = json.Unmarshal([]byte(body), &draft)
		if status != http.StatusOK || draft.Slug != "второй-заголовок" {
			t.Fatalf("published story's slug after a new headline: %d %s", status, body)
		}

		// A typed slug that another story has is refused with a field error; a
		// look-alike in full-width letters or with invisible marks is not a new slug.
		for _, typed := range []string{"颱風季節結束", "ｈａｒｂｏｕｒ", "a\u200fb", strings.Repeat("x", 1000), "---"} {
			status, body := s.API(token, "POST", "/api/admin/v1/stories",
				`{"headline":"Typed","section":"world","slug":`+quote(typed)+`}`)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"slug"`) {
				t.Fatalf("typed slug %q: %d %s", typed, status, body)
			}
		}
	})
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
