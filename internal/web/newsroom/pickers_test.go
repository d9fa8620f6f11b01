package newsroom_test

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestPickersWithoutJavaScript: in the story editor, each picker's "Find" reloads
// the form with the matches as choices (authors and related stories as tick
// boxes, photos as radio buttons) and saves nothing; saving then keeps what was
// ticked. The JSON the script uses finds the same; markup in a query is text.
func TestPickersWithoutJavaScript(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		editor := s.Session(people.RoleEditor)
		draft := s.Demo.Stories["draft"]
		id := sitetest.Itoa(draft.ID)
		mei := s.Demo.People["mei-lin-chau"]
		ferries, corals := s.Demo.Stories["ferries"], s.Demo.Stories["corals"]
		form := url.Values{"headline": {"A changed headline, not to be saved"}, "section": {"world"}, "body": {draft.BodyMarkdown},
			"version": {sitetest.Itoa(int64(draft.Version))}, "author_q": {"mei"}, "related_q": {"ferries"}, "photo_q": {"coral"},
			"related_picker": {"1"}}
		for _, find := range []string{"people", "stories", "photos"} {
			form.Set("find", find)
			status, _, page := editor.Post("/newsroom/stories/"+id, form)
			if status != http.StatusOK || !strings.Contains(page, `value="A changed headline, not to be saved"`) {
				t.Fatalf("find %s: %d, or the form lost what was typed", find, status)
			}
			want := map[string]string{
				"people": `<input type="checkbox" id="author-` + sitetest.Itoa(mei.ID) + `" name="author_ids" value="` + sitetest.Itoa(mei.ID) + `">`,
				"stories": `<input type="checkbox" id="related-` + sitetest.Itoa(ferries.ID) + `" name="related_id" value="` +
					sitetest.Itoa(ferries.ID) + `">`,
				"photos": `<input type="radio" id="photo-` + sitetest.Itoa(corals.LeadMediaID) + `" name="lead_media_id"`,
			}[find]
			if !strings.Contains(page, want) {
				t.Errorf("find %s: the page lacks %s", find, want)
			}
		}
		// The lead photo's words show in its fields.
		m, _ := s.Store.MediaByID(ctx, corals.LeadMediaID)
		_, _, page := editor.Get("/newsroom/stories/" + sitetest.Itoa(corals.ID))
		if !strings.Contains(page, `id="photo_alt" name="photo_alt" value="`+template.HTMLEscapeString(m.Alt)+`"`) {
			t.Error("the lead photo's alt text does not show in its field")
		}
		if st, _ := s.Store.StoryByID(ctx, draft.ID); st.Version != draft.Version || st.Headline != draft.Headline {
			t.Fatal("a Find saved the story")
		}
		form.Del("find")
		form.Set("author_ids", sitetest.Itoa(mei.ID))
		form.Set("related_id", sitetest.Itoa(ferries.ID))
		form.Set("lead_media_id", sitetest.Itoa(corals.LeadMediaID))
		form.Set("headline", draft.Headline)
		form.Set("save", "1")
		if status, _, body := editor.Post("/newsroom/stories/"+id, form); status != http.StatusSeeOther {
			t.Fatalf("save: %d %.300s", status, body)
		}
		st, _ := s.Store.StoryByID(ctx, draft.ID)
		if len(st.AuthorIDs) != 1 || st.AuthorIDs[0] != mei.ID || len(st.RelatedIDs) != 1 || st.RelatedIDs[0] != ferries.ID ||
			st.LeadMediaID != corals.LeadMediaID {
			t.Fatalf("saved choices: authors %v related %v photo %d", st.AuthorIDs, st.RelatedIDs, st.LeadMediaID)
		}
		for kind, q := range map[string]string{"people": "mei", "stories": "ferries", "photos": "coral"} {
			_, _, body := editor.Get("/newsroom/find?kind=" + kind + "&q=" + q)
			var found []struct {
				ID    int64  `json:"id"`
				Label string `json:"label"`
			}
			if err := json.Unmarshal([]byte(body), &found); err != nil || len(found) == 0 {
				t.Errorf("find %s %q: %v %s", kind, q, err, body)
			}
		}
		hostile := url.QueryEscape("<script>alert(1)</script>")
		if status, _, body := editor.Get("/newsroom/find?kind=stories&q=" + hostile); status != http.StatusOK || body != "[]\n" {
			t.Errorf("markup in a query: %d %q", status, body)
		}
		long := url.QueryEscape(strings.Repeat("harbour word ", 5000))
		for _, kind := range []string{"people", "stories", "photos"} {
			if status, _, _ := editor.Get("/newsroom/find?kind=" + kind + "&q=" + long); status != http.StatusOK {
				t.Errorf("a 65,000-character %s query: %d", kind, status)
			}
		}
		if status, _, _ := editor.Get("/newsroom/media?q=" + long); status != http.StatusOK {
			t.Errorf("a 65,000-character photo search: %d", status)
		}
		if status, _, _ := editor.Get("/newsroom/find?kind=secrets&q=x"); status != http.StatusBadRequest {
			t.Errorf("an unknown kind: %d", status)
		}
	})
}
