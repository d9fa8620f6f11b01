package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"dateline/internal/demo"
	"dateline/internal/people"
	"dateline/internal/story"
)

// storyForm is a full editor form for a new story.
func storyForm(headline string) url.Values {
	return url.Values{"headline": {headline}, "dek": {"A dek."}, "section": {"world/asia"}, "topics": {"Transport, Night life"},
		"dateline_city": {"Hong Kong"}, "bureau_id": {"0"}, "lead_media_id": {""}, "version": {"0"}, "comments_open": {"on"},
		"body":        {"First paragraph of the night.\n\n## The first part\n\nMore.\n\n## The second part\n\nEnd."},
		"credit_line": {"Staff contributed."}, "site_title_0": {"Port"}, "site_url_0": {"https://port.example/"}}
}

func (s *testSite) storyBySlug(slug string) story.Story {
	s.t.Helper()
	st, err := s.store.StoryBySlug(context.Background(), slug)
	if err != nil {
		s.t.Fatal(err)
	}
	return st
}

// TestScheduledStoryAppearsAtItsTimeNotBefore walks the main flow: a writer files and
// submits a story, an editor schedules it, and it is public at its time, not before.
func TestScheduledStoryAppearsAtItsTimeNotBefore(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		writer, editor := s.session(people.RoleWriter), s.session(people.RoleEditor)
		status, header, _ := writer.post("/newsroom/stories", storyForm("Night trams return to the harbour front"))
		if status != http.StatusSeeOther {
			t.Fatalf("create: %d", status)
		}
		st := s.storyBySlug("night-trams-return-to-the-harbour-front")
		if st.State != story.StateDraft || len(st.TopicIDs) != 2 || st.AuthorIDs[0] != s.people[people.RoleWriter].ID ||
			!strings.HasPrefix(header.Get("Location"), "/newsroom/stories/") {
			t.Fatalf("created story = %+v", st)
		}
		id := itoa(st.ID)
		if status, _, _ := writer.post("/newsroom/stories/"+id+"/transition", url.Values{"to": {"published"}}); status != http.StatusForbidden {
			t.Fatalf("writer publishing: %d, want 403", status)
		}
		if status, _, _ := writer.post("/newsroom/stories/"+id+"/transition", url.Values{"to": {"in_review"}}); status != http.StatusSeeOther {
			t.Fatalf("writer submitting: %d", status)
		}
		// Once in review, only editors change it... and the writer may take it back.
		loc, _ := time.LoadLocation("America/New_York")
		embargo := s.clock.Now().Add(10 * time.Minute).Truncate(time.Minute)
		if status, _, body := editor.post("/newsroom/stories/"+id+"/transition", url.Values{"to": {"scheduled"},
			"at": {s.clock.Now().Add(-time.Hour).In(loc).Format("2006-01-02T15:04")}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "future") {
			t.Fatalf("scheduling in the past: %d", status)
		}
		status, _, _ = editor.post(
			"/newsroom/stories/"+id+"/transition",
			url.Values{"to": {"scheduled"}, "at": {embargo.In(loc).Format("2006-01-02T15:04")}},
		)
		if status != http.StatusSeeOther {
			t.Fatalf("editor scheduling: %d", status)
		}
		_, _, page := editor.get("/newsroom/stories/" + id)
		if !strings.Contains(page, "Embargoed until") {
			t.Fatal("the editor does not show the embargo prominently")
		}
		publicPath := "/world/asia/" + embargo.In(loc).Format("2006/01/02") + "/night-trams-return-to-the-harbour-front/"
		visitor := s.anonymous()
		check := func(wantPublic bool) {
			t.Helper()
			status, _, body := visitor.get(publicPath)
			if (status == http.StatusOK) != wantPublic {
				t.Fatalf("story page: %d (public %v)", status, wantPublic)
			}
			for _, p := range []string{"/", "/world/", "/world/asia/", "/topics/transport/", "/people/test-writer/"} {
				_, _, front := visitor.get(p)
				if strings.Contains(front, "Night trams return") != wantPublic {
					t.Fatalf("%s: story listed %v, want %v", p, !wantPublic, wantPublic)
				}
			}
			if wantPublic && !strings.Contains(body, "Web posted at: "+strings.TrimSpace(postedFor(embargo, loc))) {
				t.Fatalf("first publication is not the embargo time %s", postedFor(embargo, loc))
			}
		}
		s.clock.Set(embargo.Add(-time.Second))
		if _, err := s.scheduler.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		check(false)
		s.clock.Set(embargo.Add(2 * time.Second))
		if _, err := s.scheduler.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		check(true)
		log, _, _ := s.store.AuditLog(context.Background(), 10, 0)
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
		[]string{itoa(int64(h)) + ":" + t.In(loc).Format("04"), half, t.In(loc).Format("MST"), "(" + t.UTC().Format("1504") + " GMT)"},
		" ",
	)
}

// TestConflictingSaves: two editors save from the same version; the second gets a
// conflict with a comparison, and the first editor's text stays.
func TestConflictingSaves(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		st := s.demo.Stories["corals"]
		a, b := s.session(people.RoleEditor), s.session(people.RoleAdmin)
		form := func(body string) url.Values {
			f := storyForm(st.Headline)
			f.Set("section", "science")
			f.Set("slug", st.Slug)
			f.Set("version", itoa(int64(st.Version)))
			f.Set("body", body)
			return f
		}
		if status, _, _ := a.post("/newsroom/stories/"+itoa(st.ID), form("First editor's text.")); status != http.StatusSeeOther {
			t.Fatalf("first save: %d", status)
		}
		status, _, body := b.post("/newsroom/stories/"+itoa(st.ID), form("Second editor's text."))
		if status != http.StatusConflict || !strings.Contains(body, "Someone else saved this story first") ||
			!strings.Contains(body, "Second editor&#39;s text.") {
			t.Fatalf("second save: %d", status)
		}
		got, _ := s.store.StoryByID(context.Background(), st.ID)
		if got.BodyMarkdown != "First editor's text." || got.Version != st.Version+1 {
			t.Fatalf("stored: %q v%d", got.BodyMarkdown, got.Version)
		}
		// Field errors come back next to their fields, and nothing is saved.
		bad := form("Whatever.")
		bad.Set("version", itoa(int64(got.Version)))
		bad.Set("headline", " ")
		bad.Set("site_url_0", "javascript:alert(1)")
		status, _, body = a.post("/newsroom/stories/"+itoa(st.ID), bad)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="headline-error"`) ||
			!strings.Contains(body, "http or https URL") {
			t.Fatalf("invalid save: %d", status)
		}
		if again, _ := s.store.StoryByID(context.Background(), st.ID); again.Version != got.Version {
			t.Fatal("an invalid save changed the story")
		}
	})
}

func TestCorrectionsAndRevisions(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		st := s.demo.Stories["lunar"]
		ed := s.session(people.RoleEditor)
		s.clock.Set(s.clock.Now().Add(30 * time.Minute))
		status, _, _ := ed.post(
			"/newsroom/stories/"+itoa(st.ID)+"/notes",
			url.Values{"kind": {"correction"}, "text": {"The test ran 1,000 hours, not 100."}},
		)
		if status != http.StatusSeeOther {
			t.Fatalf("add correction: %d", status)
		}
		_, _, page := s.anonymous().get(publicPath(s, st))
		if !strings.Contains(page, "The test ran 1,000 hours, not 100.") || !strings.Contains(page, "Updated:") {
			t.Fatal("the correction or the Updated stamp is missing from the public page")
		}
		_, _, revs := ed.get("/newsroom/stories/" + itoa(st.ID) + "/revisions")
		if !strings.Contains(revs, "Test editor") {
			t.Fatal("revisions do not say who saved")
		}
		got, _ := s.store.StoryByID(context.Background(), st.ID)
		got.BodyMarkdown = "Replaced body."
		if err := s.store.UpdateStory(context.Background(), &got); err != nil {
			t.Fatal(err)
		}
		_, _, diff := ed.get("/newsroom/stories/" + itoa(st.ID) + "/revisions/1")
		if !strings.Contains(diff, "<ins>+ Replaced body.</ins>") {
			t.Fatal("the revision view has no diff against the current text")
		}
		if status, _, _ := ed.post("/newsroom/stories/"+itoa(st.ID)+"/revisions/1/restore", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("restore: %d", status)
		}
		restored, _ := s.store.StoryByID(context.Background(), st.ID)
		if restored.BodyMarkdown != st.BodyMarkdown {
			t.Fatal("restore did not bring back version 1's body")
		}
	})
}

func publicPath(s *testSite, st story.Story) string {
	loc, _ := time.LoadLocation("America/New_York")
	for _, sec := range s.demo.Sections {
		if sec.ID == st.SectionID {
			path := sec.Slug
			if sec.ParentID != 0 {
				path = "world/" + sec.Slug
			}
			return st.Path(path, loc)
		}
	}
	return ""
}

func multipartPhoto(t *testing.T, fields map[string]string, file []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	if file != nil {
		fw, _ := w.CreateFormFile("file", "photo.bin")
		fw.Write(file)
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestAdminAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		token := s.token(people.RoleEditor)
		status, body := s.api(token, "POST", "/api/admin/v1/stories", `{"headline":"API story","dek":"Via the API","section":"business",
		"dateline_city":"Frankfurt","body_markdown":"Text.\n\n## Part\n\nMore.","topics":["Economy","New topic"],
		"related_sites":[{"title":"ECB","url":"https://www.ecb.europa.eu/"}],"credit_line":"Staff."}`)
		var created struct {
			ID      int64  `json:"id"`
			State   string `json:"state"`
			Version int    `json:"version"`
			URL     string `json:"url"`
			Topics  []string
		}
		json.Unmarshal([]byte(body), &created)
		if status != http.StatusCreated || created.ID == 0 || created.State != "draft" || created.Version != 1 || len(created.Topics) != 2 {
			t.Fatalf("create: %d %s", status, body)
		}
		id := itoa(created.ID)
		if status, body := s.api(token, "PATCH", "/api/admin/v1/stories/"+id,
			`{"version":1,"headline":"API story, edited"}`); status != http.StatusOK ||
			!strings.Contains(body, `"version":2`) {
			t.Fatalf("patch: %d %s", status, body)
		}
		if status, body := s.api(token, "PATCH", "/api/admin/v1/stories/"+id,
			`{"version":1,"headline":"Stale"}`); status != http.StatusConflict ||
			!strings.Contains(body, `"error"`) {
			t.Fatalf("stale patch: %d %s", status, body)
		}
		status, body = s.api(
			token,
			"PATCH",
			"/api/admin/v1/stories/"+id,
			`{"version":2,"section":"nowhere","related_sites":[{"title":"x","url":"ftp://x"}]}`,
		)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"section"`) || !strings.Contains(body, `"related_sites"`) {
			t.Fatalf("invalid patch: %d %s", status, body)
		}
		if status, body := s.api(token, "PATCH", "/api/admin/v1/stories/"+id, `{"version":2,"headlin":"typo"}`); status != http.StatusBadRequest {
			t.Fatalf("unknown field: %d %s", status, body)
		}
		status, body = s.api(token, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"published"}`)
		json.Unmarshal([]byte(body), &created)
		if status != http.StatusOK || created.State != "published" || !strings.Contains(created.URL, "/business/2026/11/20/api-story/") {
			t.Fatalf("publish: %d %s", status, body)
		}
		status, _ = s.api(token, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"scheduled","at":"tomorrow"}`)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad time: %d", status)
		}
		writerToken := s.token(people.RoleWriter)
		status, _ = s.api(writerToken, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"unpublished"}`)
		if status != http.StatusForbidden {
			t.Fatalf("writer unpublishing: %d, want 403", status)
		}

		png, _, _, err := demo.Picture(2, 640, 360)
		if err != nil {
			t.Fatal(err)
		}
		upload := func(fields map[string]string, file []byte) (int, string) {
			ctype, buf := multipartPhoto(t, fields, file)
			req, _ := http.NewRequest("POST", s.http.URL+"/api/admin/v1/media", buf)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", ctype)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out bytes.Buffer
			out.ReadFrom(resp.Body)
			return resp.StatusCode, out.String()
		}
		words := map[string]string{"alt": "A harbour at night", "caption": "The harbour.", "credit": "Photo: Test"}
		if status, body := upload(words, png); status != http.StatusCreated || !strings.Contains(body, `"variants":[480]`) {
			t.Fatalf("upload: %d %s", status, body)
		}
		if status, body := upload(words, []byte("<html>not an image</html>")); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "not a JPEG") {
			t.Fatalf("non-image: %d %s", status, body)
		}
		if status, body := upload(map[string]string{"caption": "c"}, png); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `"alt"`) ||
			!strings.Contains(body, `"credit"`) {
			t.Fatalf("missing words: %d %s", status, body)
		}
		if status, _ := upload(words, png[:200]); status != http.StatusUnprocessableEntity {
			t.Fatalf("truncated image: %d", status)
		}
		if status, _ := upload(words, bytes.Repeat([]byte{0}, 52<<20)); status != http.StatusRequestEntityTooLarge {
			t.Fatalf("oversized upload: %d, want 413", status)
		}
	})
}
