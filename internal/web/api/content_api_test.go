package api_test

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

type storyList struct {
	Stories []struct {
		ID           int64    `json:"id"`
		Headline     string   `json:"headline"`
		URL          string   `json:"url"`
		Section      string   `json:"section"`
		Topics       []string `json:"topics"`
		CommentCount int      `json:"comment_count"`
		PublishedAt  string   `json:"published_at"`
		BodyHTML     string   `json:"body_html"`
	} `json:"stories"`
	NextCursor string `json:"next_cursor"`
}

func TestContentAPI(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		// Page through every published story with the cursor.
		seen := map[int64]bool{}
		path := "/api/v1/stories?limit=5"
		pages := 0
		for path != "" {
			status, header, body := s.Content(path)
			if status != 200 || header.Get("Access-Control-Allow-Origin") != "*" {
				t.Fatalf("GET %s: %d, CORS %q", path, status, header.Get("Access-Control-Allow-Origin"))
			}
			var list storyList
			if err := json.Unmarshal([]byte(body), &list); err != nil {
				t.Fatal(err)
			}
			for _, st := range list.Stories {
				if seen[st.ID] || st.URL == "" || st.PublishedAt == "" {
					t.Fatalf("story %d repeated or incomplete", st.ID)
				}
				seen[st.ID] = true
			}
			path = ""
			if list.NextCursor != "" {
				path = "/api/v1/stories?limit=5&cursor=" + url.QueryEscape(list.NextCursor)
			}
			pages++
		}
		if len(seen) != 13 || pages != 3 {
			t.Fatalf("%d stories over %d pages, want the 13 published demo stories over 3", len(seen), pages)
		}
		for _, key := range []string{"draft", "embargoed"} {
			if seen[s.Demo.Stories[key].ID] {
				t.Fatalf("the %s story is listed", key)
			}
		}
		// Filters; comment counts.
		_, _, body := s.Content("/api/v1/stories?section=world/asia")
		var asia storyList
		json.Unmarshal([]byte(body), &asia)
		if len(asia.Stories) != 3 {
			t.Fatalf("world/asia has %d stories, want 3", len(asia.Stories))
		}
		_, _, body = s.Content("/api/v1/stories?topic=oceans")
		var oceans storyList
		json.Unmarshal([]byte(body), &oceans)
		if len(oceans.Stories) != 2 || oceans.Stories[0].CommentCount != 2 {
			t.Fatalf("oceans = %+v", oceans.Stories)
		}
		// One story, by id and by path, with its body; unpublished ones are not there.
		ferries := s.Demo.Stories["ferries"]
		status, _, body := s.Content("/api/v1/stories/" + sitetest.Itoa(ferries.ID))
		if status != 200 || !strings.Contains(body, `"body_html":"\u003cp\u003e\u003cspan class=\"dateline\"\u003eHONG KONG`) {
			t.Fatalf("story by id: %d %s", status, body[:min(300, len(body))])
		}
		if status, _, _ := s.Content("/api/v1/story?path=" + url.QueryEscape(s.PublicPath(ferries))); status != 200 {
			t.Fatalf("story by path: %d", status)
		}
		for _, key := range []string{"draft", "embargoed"} {
			if status, _, _ := s.Content("/api/v1/stories/" + sitetest.Itoa(s.Demo.Stories[key].ID)); status != 404 {
				t.Fatalf("the %s story by id: %d, want 404", key, status)
			}
		}
		token := s.Token(people.RoleEditor)
		s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(ferries.ID)+"/transition", `{"to":"unpublished"}`)
		if status, _, _ := s.Content("/api/v1/stories/" + sitetest.Itoa(ferries.ID)); status != 404 {
			t.Fatalf("an unpublished story by id: %d", status)
		}
		// Search, sections, topics, and bad input.
		_, _, body = s.Content("/api/v1/search?q=coral")
		var found storyList
		json.Unmarshal([]byte(body), &found)
		if len(found.Stories) == 0 || !strings.Contains(found.Stories[0].Headline, "coral") {
			t.Fatalf("search: %s", body)
		}
		if _, _, body := s.Content("/api/v1/search?q=ferries"); strings.Contains(body, ferries.Headline) {
			t.Fatal("search finds the unpublished story")
		}
		// The API shares the search page's bounds: a word repeated 2,500 times is one word.
		_, _, body = s.Content("/api/v1/search?q=" + strings.Repeat("coral+", 2500))
		if found = (storyList{}); json.Unmarshal([]byte(body), &found) != nil || len(found.Stories) == 0 {
			t.Fatalf("search for a repeated word: %.200s", body)
		}
		deep := base64.RawURLEncoding.EncodeToString([]byte("o10001"))
		for path, want := range map[string]int{"/api/v1/sections": 200, "/api/v1/topics": 200, "/api/v1/search": 400,
			"/api/v1/stories?cursor=" + deep: 400, "/api/v1/search?q=coral&cursor=" + deep: 400,
			"/api/v1/stories?cursor=!!": 400, "/api/v1/stories?limit=1000": 400, "/api/v1/stories?section=nowhere": 404,
			"/api/v1/nothing": 404, "/api/v1/stories/abc": 404} {
			if status, _, body := s.Content(path); status != want || !strings.HasPrefix(body, "{") {
				t.Errorf("GET %s: %d, want %d with JSON", path, status, want)
			}
		}
	})
}
