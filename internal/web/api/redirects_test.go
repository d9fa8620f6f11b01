package api_test

import (
	"net/http"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestRenamesKeepEveryOldURL: a renamed topic's page and feeds answer 301 from
// their old addresses, in one hop after a second rename; a merged topic's lead to
// the one kept; a renamed section's front, feeds, subsections and stories move
// with it; a slug the system or the date archives own is refused.
func TestRenamesKeepEveryOldURL(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin := s.Token(people.RoleAdmin)
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		moved := func(from, to string) {
			t.Helper()
			resp, err := noFollow.Get(s.HTTP.URL + from)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != to {
				t.Errorf("%s: %d → %q, want 301 to %s", from, resp.StatusCode, resp.Header.Get("Location"), to)
			}
		}
		trade := s.Demo.Topics["trade"]
		id := sitetest.Itoa(trade.ID)
		if status, body := s.API(admin, "PATCH", "/api/admin/v1/topics/"+id, `{"name":"Commerce","slug":"commerce"}`); status != http.StatusOK {
			t.Fatalf("rename topic: %d %s", status, body)
		}
		moved("/topics/trade/", "/topics/commerce/")
		moved("/topics/trade/feed.atom", "/topics/commerce/feed.atom")
		status, body := s.API(admin, "PATCH", "/api/admin/v1/topics/"+id, `{"name":"Global trade","slug":"global-trade"}`)
		if status != http.StatusOK {
			t.Fatalf("rename again: %d %s", status, body)
		}
		moved("/topics/trade/", "/topics/global-trade/") // one hop, not two
		moved("/topics/commerce/feed.json", "/topics/global-trade/feed.json")
		if status, _, _ := s.Content("/topics/global-trade/"); status != http.StatusOK {
			t.Fatalf("the renamed topic's page: %d", status)
		}

		oceans := s.Demo.Topics["oceans"]
		status, body = s.API(admin, "POST", "/api/admin/v1/topics/"+sitetest.Itoa(oceans.ID)+"/merge", `{"into":`+id+`}`)
		if status != http.StatusOK {
			t.Fatalf("merge: %d %s", status, body)
		}
		moved("/topics/oceans/", "/topics/global-trade/")

		business := s.Demo.Sections["business"]
		status, body = s.API(admin, "PATCH", "/api/admin/v1/sections/"+sitetest.Itoa(business.ID), `{"slug":"money"}`)
		if status != http.StatusOK {
			t.Fatalf("rename section: %d %s", status, body)
		}
		moved("/business/", "/money/")
		moved("/business/feed.xml", "/money/feed.xml")
		story := s.StoryBySlug(s.Demo.Stories["containers"].Slug)
		oldPath := strings.Replace(s.PublicPath(story), "/money/", "/business/", 1)
		resp, err := noFollow.Get(s.HTTP.URL + oldPath)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(resp.Header.Get("Location"), "/money/") {
			t.Errorf("a story under the renamed section: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		world := s.Demo.Sections["world"]
		if status, _ := s.API(admin, "PATCH", "/api/admin/v1/sections/"+sitetest.Itoa(world.ID), `{"slug":"globe"}`); status != http.StatusOK {
			t.Fatalf("rename the parent section: %d", status)
		}
		moved("/world/asia/", "/globe/asia/")
		for _, reserved := range []string{"newsroom", "2026", "topics", "search"} {
			status, _ := s.API(admin, "PATCH", "/api/admin/v1/sections/"+sitetest.Itoa(world.ID), `{"slug":"`+reserved+`"}`)
			if status != http.StatusUnprocessableEntity {
				t.Errorf("a section named %q: %d", reserved, status)
			}
		}
	})
}
