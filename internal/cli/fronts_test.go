package cli

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
)

// TestFrontsTakeOnlyPublishedStoriesEverywhere: the newsroom and the Admin API order
// fronts through one desk rule, so neither puts an unpublished story on a front (the
// API used to accept any story), and both keep each story once, in order.
func TestFrontsTakeOnlyPublishedStoriesEverywhere(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		draft, ferries, corals := s.demo.Stories["draft"], s.demo.Stories["ferries"], s.demo.Stories["corals"]
		token := s.token(people.RoleEditor)
		if status, body := s.api(token, "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+itoa(ferries.ID)+`,`+itoa(draft.ID)+`]}`); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "not published") {
			t.Fatalf("API front with a draft: %d %s", status, body)
		}
		status, body := s.api(
			token,
			"PUT",
			"/api/admin/v1/fronts/home",
			`{"story_ids":[`+itoa(corals.ID)+`,`+itoa(ferries.ID)+`,`+itoa(corals.ID)+`]}`,
		)
		if status != http.StatusOK || !strings.Contains(body, `[`+itoa(corals.ID)+`,`+itoa(ferries.ID)+`]`) {
			t.Fatalf("API front: %d %s", status, body)
		}
		editor := s.session(people.RoleEditor)
		if status, _, page := editor.post("/newsroom/fronts/home", url.Values{"ids": {itoa(draft.ID)}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "not published") {
			t.Fatalf("newsroom front with a draft: %d", status)
		}
		if status, _ := s.api(s.token(people.RoleWriter), "PUT", "/api/admin/v1/fronts/home", `{"story_ids":[`+itoa(ferries.ID)+`]}`); status != http.StatusForbidden {
			t.Fatalf("a writer ordering a front: %d", status)
		}
	})
}
