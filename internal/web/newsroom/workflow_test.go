package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/story"
)

// storyForm is a full editor form for a new story.
func storyForm(headline string) url.Values {
	return url.Values{"headline": {headline}, "dek": {"A dek."}, "section": {"world/asia"}, "topics": {"Transport, Night life"},
		"dateline_city": {"Hong Kong"}, "bureau_id": {"0"}, "lead_media_id": {""}, "version": {"0"}, "comments_open": {"on"},
		"body":        {"First paragraph of the night.\n\n## The first part\n\nMore.\n\n## The second part\n\nEnd."},
		"credit_line": {"Staff contributed."}, "site_title_0": {"Port"}, "site_url_0": {"https://port.example/"}}
}

// TestScheduledStoryAppearsAtItsTimeNotBefore walks the main flow: a writer files and
// submits a story, an editor schedules it, and it is public at its time, not before.
func TestScheduledStoryAppearsAtItsTimeNotBefore(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		writer, editor := s.Session(people.RoleWriter), s.Session(people.RoleEditor)
		status, header, _ := writer.Post("/newsroom/stories", storyForm("Night trams return to the harbour front"))
		if status != http.StatusSeeOther {
			t.Fatalf("create: %d", status)
		}
		st := s.StoryBySlug("night-trams-return-to-the-harbour-front")
		if st.State != story.StateDraft || len(st.TopicIDs) != 2 || st.AuthorIDs[0] != s.People[people.RoleWriter].ID ||
			!strings.HasPrefix(header.Get("Location"), "/newsroom/stories/") {
			t.Fatalf("created story = %+v", st)
		}
		id := sitetest.Itoa(st.ID)
		if status, _, _ := writer.Post("/newsroom/stories/"+id+"/transition", url.Values{"to": {"published"}}); status != http.StatusForbidden {
			t.Fatalf("writer publishing: %d, want 403", status)
		}
		if status, _, _ := writer.Post("/newsroom/stories/"+id+"/transition", url.Values{"to": {"in_review"}}); status != http.StatusSeeOther {
			t.Fatalf("writer submitting: %d", status)
		}
		// Once in review, only editors change it... and the writer may take it back.
		loc, _ := time.LoadLocation("America/New_York")
		embargo := s.Clock.Now().Add(10 * time.Minute).Truncate(time.Minute)
		if status, _, body := editor.Post("/newsroom/stories/"+id+"/transition", url.Values{"to": {"scheduled"},
			"at": {s.Clock.Now().Add(-time.Hour).In(loc).Format("2006-01-02T15:04")}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "future") {
			t.Fatalf("scheduling in the past: %d", status)
		}
		status, _, _ = editor.Post(
			"/newsroom/stories/"+id+"/transition",
			url.Values{"to": {"scheduled"}, "at": {embargo.In(loc).Format("2006-01-02T15:04")}},
		)
		if status != http.StatusSeeOther {
			t.Fatalf("editor scheduling: %d", status)
		}
		_, _, page := editor.Get("/newsroom/stories/" + id)
		if !strings.Contains(page, "Embargoed until") {
			t.Fatal("the editor does not show the embargo prominently")
		}
		publicPath := "/world/asia/" + embargo.In(loc).Format("2006/01/02") + "/night-trams-return-to-the-harbour-front/"
		visitor := s.Anonymous()
		check := func(wantPublic bool) {
			t.Helper()
			status, _, body := visitor.Get(publicPath)
			if (status == http.StatusOK) != wantPublic {
				t.Fatalf("story page: %d (public %v)", status, wantPublic)
			}
			for _, p := range []string{"/", "/world/", "/world/asia/", "/topics/transport/", "/people/test-writer/"} {
				_, _, front := visitor.Get(p)
				if strings.Contains(front, "Night trams return") != wantPublic {
					t.Fatalf("%s: story listed %v, want %v", p, !wantPublic, wantPublic)
				}
			}
			if wantPublic && !strings.Contains(body, "Web posted at: "+strings.TrimSpace(postedFor(embargo, loc))) {
				t.Fatalf("first publication is not the embargo time %s", postedFor(embargo, loc))
			}
		}
		s.Clock.Set(embargo.Add(-time.Second))
		if _, err := s.Scheduler.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		check(false)
		s.Clock.Set(embargo.Add(2 * time.Second))
		if _, err := s.Scheduler.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		check(true)
		log, _, _ := s.Store.AuditLog(context.Background(), 10, 0)
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); !strings.Contains(got, "story.published story.scheduled story.in_review story.create") {
			t.Fatalf("audit log = %s", got)
		}
	})
}

func postedFor(t time.Time, loc *time.Location) string {
	h := t.In(loc).Hour() % 12
	if h == 0 {
		h = 12
	}
	half := "a.m."
	if t.In(loc).Hour() >= 12 {
		half = "p.m."
	}
	return strings.Join(
		[]string{sitetest.Itoa(int64(h)) + ":" + t.In(loc).Format("04"), half, t.In(loc).Format("MST"), "(" + t.UTC().Format("1504") + " GMT)"},
		" ",
	)
}

// TestConflictingSaves: two editors save from the same version; the second gets a
// conflict with a comparison, and the first editor's text stays.
func TestConflictingSaves(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		st := s.Demo.Stories["corals"]
		a, b := s.Session(people.RoleEditor), s.Session(people.RoleAdmin)
		form := func(body string) url.Values {
			f := storyForm(st.Headline)
			f.Set("section", "science")
			f.Set("slug", st.Slug)
			f.Set("version", sitetest.Itoa(int64(st.Version)))
			f.Set("body", body)
			return f
		}
		if status, _, _ := a.Post("/newsroom/stories/"+sitetest.Itoa(st.ID), form("First editor's text.")); status != http.StatusSeeOther {
			t.Fatalf("first save: %d", status)
		}
		status, _, body := b.Post("/newsroom/stories/"+sitetest.Itoa(st.ID), form("Second editor's text."))
		if status != http.StatusConflict || !strings.Contains(body, "Someone else saved this story first") ||
			!strings.Contains(body, "Second editor&#39;s text.") {
			t.Fatalf("second save: %d", status)
		}
		got, _ := s.Store.StoryByID(context.Background(), st.ID)
		if got.BodyMarkdown != "First editor's text." || got.Version != st.Version+1 {
			t.Fatalf("stored: %q v%d", got.BodyMarkdown, got.Version)
		}
		// Field errors come back next to their fields, and nothing is saved.
		bad := form("Whatever.")
		bad.Set("version", sitetest.Itoa(int64(got.Version)))
		bad.Set("headline", " ")
		bad.Set("site_url_0", "javascript:alert(1)")
		status, _, body = a.Post("/newsroom/stories/"+sitetest.Itoa(st.ID), bad)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="headline-error"`) ||
			!strings.Contains(body, "http or https URL") {
			t.Fatalf("invalid save: %d", status)
		}
		if again, _ := s.Store.StoryByID(context.Background(), st.ID); again.Version != got.Version {
			t.Fatal("an invalid save changed the story")
		}
	})
}

func TestCorrectionsAndRevisions(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		st := s.Demo.Stories["lunar"]
		ed := s.Session(people.RoleEditor)
		s.Clock.Set(s.Clock.Now().Add(30 * time.Minute))
		status, _, _ := ed.Post(
			"/newsroom/stories/"+sitetest.Itoa(st.ID)+"/notes",
			url.Values{"kind": {"correction"}, "text": {"The test ran 1,000 hours, not 100."}},
		)
		if status != http.StatusSeeOther {
			t.Fatalf("add correction: %d", status)
		}
		_, _, page := s.Anonymous().Get(s.PublicPath(st))
		if !strings.Contains(page, "The test ran 1,000 hours, not 100.") || !strings.Contains(page, "Updated:") {
			t.Fatal("the correction or the Updated stamp is missing from the public page")
		}
		_, _, revs := ed.Get("/newsroom/stories/" + sitetest.Itoa(st.ID) + "/revisions")
		if !strings.Contains(revs, "Test editor") {
			t.Fatal("revisions do not say who saved")
		}
		got, _ := s.Store.StoryByID(context.Background(), st.ID)
		got.BodyMarkdown = "Replaced body."
		if err := s.Store.UpdateStory(context.Background(), &got); err != nil {
			t.Fatal(err)
		}
		_, _, diff := ed.Get("/newsroom/stories/" + sitetest.Itoa(st.ID) + "/revisions/1")
		if !strings.Contains(diff, "<ins>+ Replaced body.</ins>") {
			t.Fatal("the revision view has no diff against the current text")
		}
		if status, _, _ := ed.Post("/newsroom/stories/"+sitetest.Itoa(st.ID)+"/revisions/1/restore",
			url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("restore: %d", status)
		}
		restored, _ := s.Store.StoryByID(context.Background(), st.ID)
		if restored.BodyMarkdown != st.BodyMarkdown {
			t.Fatal("restore did not bring back version 1's body")
		}
	})
}
