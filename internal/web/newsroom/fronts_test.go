package newsroom_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestFrontsTakeOnlyPublishedStoriesEverywhere: the newsroom and the Admin API order
// fronts through one desk rule, so neither puts an unpublished story on a front (the
// API used to accept any story), and both keep each story once, in order.
func TestFrontsTakeOnlyPublishedStoriesEverywhere(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		draft, ferries, corals := s.Demo.Stories["draft"], s.Demo.Stories["ferries"], s.Demo.Stories["corals"]
		token := s.Token(people.RoleEditor)
		if status, body := s.API(token, "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+sitetest.Itoa(ferries.ID)+`,`+sitetest.Itoa(draft.ID)+`]}`); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "not published") {
			t.Fatalf("API front with a draft: %d %s", status, body)
		}
		status, body := s.API(
			token,
			"PUT",
			"/api/admin/v1/fronts/home",
			`{"story_ids":[`+sitetest.Itoa(corals.ID)+`,`+sitetest.Itoa(ferries.ID)+`,`+sitetest.Itoa(corals.ID)+`]}`,
		)
		if status != http.StatusOK || !strings.Contains(body, `[`+sitetest.Itoa(corals.ID)+`,`+sitetest.Itoa(ferries.ID)+`]`) {
			t.Fatalf("API front: %d %s", status, body)
		}
		editor := s.Session(people.RoleEditor)
		if status, _, page := editor.Post("/newsroom/fronts/home", url.Values{"ids": {sitetest.Itoa(draft.ID)}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "not published") {
			t.Fatalf("newsroom front with a draft: %d", status)
		}
		if status, _ := s.API(s.Token(people.RoleWriter), "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+sitetest.Itoa(ferries.ID)+`]}`); status != http.StatusForbidden {
			t.Fatalf("a writer ordering a front: %d", status)
		}
	})
}
