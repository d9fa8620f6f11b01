package newsroom_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestReaderDataExportAndErasure: an editor downloads everything kept about one
// reader, then erases them: name, place, email and address go from every message
// of theirs, published comments say "A reader" (the cached story page too), or are
// deleted when asked; erasing twice changes nothing.
func TestReaderDataExportAndErasure(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		st := s.Demo.Stories["ferries"]
		add := func(kind letters.Kind, name, email, text string, state letters.State) {
			t.Helper()
			m := letters.Message{StoryID: st.ID, Kind: kind, Name: name, Place: "Port of " + name, Email: email, Text: text, State: state,
				IPHash: "hash-" + name, CreatedAt: s.Clock.Now()}
			if err := s.Store.CreateMessage(ctx, &m); err != nil {
				t.Fatal(err)
			}
		}
		add(letters.KindComment, "Rosa Quill", "rosa@example.com", "Keep the night ferry running.", letters.StatePublished)
		add(letters.KindPrivate, "Rosa Quill", "ROSA@example.com", "My phone number is 555-0100.", letters.StatePending)
		add(letters.KindComment, "Ivo Brandt", "ivo@example.com", "The timetable is too thin.", letters.StatePublished)
		page := s.PublicPath(st)
		if _, _, body := s.Content(page); !strings.Contains(body, "Rosa Quill") {
			t.Fatal("the published comment is not on the story page")
		}
		editor := s.Session(people.RoleEditor)

		status, h, body := editor.Get("/newsroom/letters/export?email=" + url.QueryEscape("rosa@EXAMPLE.com"))
		var export struct {
			Messages []struct {
				Kind, Name, Email, Text, State string
			}
		}
		decodeErr := json.Unmarshal([]byte(body), &export)
		if status != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), "attachment") || decodeErr != nil {
			t.Fatalf("export: %d %s", status, body)
		}
		if len(export.Messages) != 2 || !strings.Contains(body, "555-0100") || strings.Contains(body, "Ivo") {
			t.Fatalf("export of one reader: %s", body)
		}

		erase := func(email string, remove bool) string {
			t.Helper()
			form := url.Values{"email": {email}, "confirm": {"1"}}
			if remove {
				form.Set("remove_comments", "on")
			}
			status, h, _ := editor.Post("/newsroom/letters/erase", form)
			if status != http.StatusSeeOther {
				t.Fatalf("erase %s: %d", email, status)
			}
			return h.Get("Location")
		}
		if got := erase("rosa@example.com", false); !strings.HasSuffix(got, "erased=2") {
			t.Fatalf("erasing Rosa: %s", got)
		}
		_, _, body = s.Content(page)
		if strings.Contains(body, "Rosa Quill") || !strings.Contains(body, "A reader") ||
			!strings.Contains(body, "Keep the night ferry running.") {
			t.Fatal("the story page still shows Rosa's name or place, or lost her comment")
		}
		all, _, err := s.Store.Messages(ctx, letters.Query{StoryID: st.ID, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		rosas := 0
		for _, m := range all {
			if m.Text != "Keep the night ferry running." && m.Text != "My phone number is 555-0100." {
				continue
			}
			rosas++
			if m.Name != letters.ErasedName || m.Place != "" || m.Email != "" || m.IPHash != "" {
				t.Fatalf("a message keeps Rosa's details: %+v", m)
			}
		}
		if rosas != 2 {
			t.Fatalf("%d of Rosa's 2 messages kept", rosas)
		}
		if got := erase("rosa@example.com", false); !strings.HasSuffix(got, "erased=0") {
			t.Fatalf("erasing Rosa twice: %s", got)
		}
		if got := erase("ivo@example.com", true); !strings.HasSuffix(got, "erased=1") {
			t.Fatalf("erasing Ivo with his comments: %s", got)
		}
		if _, _, body := s.Content(page); strings.Contains(body, "The timetable is too thin.") {
			t.Fatal("Ivo's deleted comment is still on the page")
		}
		if status, _, _ := s.Session(people.RoleWriter).Get("/newsroom/letters/export?email=rosa@example.com"); status != http.StatusForbidden {
			t.Fatalf("a writer exporting a reader's data: %d", status)
		}
	})
}
