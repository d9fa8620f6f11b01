package api_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestUpdatesAndCorrectionsInEveryChannel: a new headline or body moves a
// published story's "Updated" time, other fields do not, and mark_updated decides
// either way; the time and a correction's text reach the page, JSON-LD, RSS
// (atom:updated and the description), Atom and JSON Feed.
func TestUpdatesAndCorrectionsInEveryChannel(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		token := s.Token(people.RoleEditor)
		st := s.Demo.Stories["ferries"]
		id := sitetest.Itoa(st.ID)
		version := st.Version
		patch := func(body string) string {
			t.Helper()
			status, out := s.API(token, "PATCH", "/api/admin/v1/stories/"+id, `{"version":`+sitetest.Itoa(int64(version))+`,`+body+`}`)
			if status != http.StatusOK {
				t.Fatalf("patch %s: %d %s", body, status, out)
			}
			var v struct {
				Version   int     `json:"version"`
				UpdatedAt *string `json:"updated_at"`
			}
			_ = json.Unmarshal([]byte(out), &v)
			version = v.Version
			if v.UpdatedAt == nil {
				return ""
			}
			return *v.UpdatedAt
		}
		step := func() { s.Clock.Set(s.Clock.Now().Add(time.Hour)) }

		before := ""
		if !st.UpdatedAt.IsZero() {
			before = st.UpdatedAt.UTC().Format(time.RFC3339)
		}
		step()
		if got := patch(`"credit_line":"Staff and agencies."`); got != before {
			t.Fatalf("a new credit line moved Updated from %q to %q", before, got)
		}
		step()
		bodyEdit := patch(`"body_markdown":` + quote(st.BodyMarkdown+"\n\nA new closing line."))
		if bodyEdit != s.Clock.Now().UTC().Format(time.RFC3339) {
			t.Fatalf("a body edit: updated_at %q, want the time of the edit", bodyEdit)
		}
		step()
		if got := patch(`"headline":"Harbour ferries return to night service","mark_updated":false`); got != bodyEdit {
			t.Fatalf("mark_updated false moved Updated to %s", got)
		}
		step()
		marked := patch(`"credit_line":"Staff.","mark_updated":true`)
		if marked != s.Clock.Now().UTC().Format(time.RFC3339) {
			t.Fatalf("mark_updated true: %q", marked)
		}
		const correction = "An earlier version gave the wrong pier for the night ferry."
		step()
		status, out := s.API(token, "POST", "/api/admin/v1/stories/"+id+"/notes", `{"kind":"correction","text":"`+correction+`"}`)
		if status != http.StatusOK {
			t.Fatalf("correction: %d %s", status, out)
		}
		corrected := s.Clock.Now().UTC()

		page := s.StoryBySlug(st.Slug)
		_, _, html := s.Content(s.PublicPath(page))
		if !strings.Contains(html, correction) || !strings.Contains(html, `"dateModified":"`+corrected.Format(time.RFC3339)+`"`) {
			t.Fatal("the page or its JSON-LD lacks the correction or its time")
		}
		parser := gofeed.NewParser()
		for _, path := range []string{"/feed.xml", "/feed.atom", "/feed.json"} {
			_, _, body := s.Content(path)
			feed, err := parser.ParseString(body)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, it := range feed.Items {
				if it.Title != page.Headline {
					continue
				}
				found = true
				if !strings.Contains(it.Content, correction) {
					t.Errorf("%s: the item's content lacks the correction", path)
				}
				if it.UpdatedParsed == nil || !it.UpdatedParsed.Equal(corrected) {
					t.Errorf("%s: updated %v, want %s", path, it.UpdatedParsed, corrected)
				}
				if path == "/feed.xml" && !strings.Contains(it.Description, "Correction: "+correction) {
					t.Errorf("%s: the description lacks the correction: %q", path, it.Description)
				}
			}
			if !found {
				t.Fatalf("%s lacks the story", path)
			}
		}
		if _, _, rss := s.Content("/feed.xml"); !regexp.MustCompile(`<atom:updated>` + corrected.Format(time.RFC3339) + `</atom:updated>`).MatchString(rss) {
			t.Error("the RSS item carries no atom:updated")
		}
	})
}
