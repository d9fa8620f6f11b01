package api_test

import (
	"net/http"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestTrashAndDeletion: writers trash their own drafts and editors any unpublished
// story, restorable; published stories are refused; admins delete for good, and a
// once-published story's URL then answers 410; pinned links and fronts let go of
// it; photos in use cannot be deleted; the same rules hold for messages.
func TestTrashAndDeletion(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		writer, editor, admin := s.Token(people.RoleWriter), s.Token(people.RoleEditor), s.Token(people.RoleAdmin)
		status, body := s.API(writer, "POST", "/api/admin/v1/stories", `{"headline":"A draft to throw away","section":"world"}`)
		if status != http.StatusCreated {
			t.Fatalf("create: %d %s", status, body)
		}
		id := body[strings.Index(body, `"id":`)+5 : strings.Index(body, ",")]
		if status, body := s.API(writer, "DELETE", "/api/admin/v1/stories/"+id, ""); status != http.StatusOK {
			t.Fatalf("a writer trashing their draft: %d %s", status, body)
		}
		if _, body := s.API(editor, "GET", "/api/admin/v1/stories?q=throw", ""); strings.Contains(body, "A draft to throw away") {
			t.Fatal("a trashed story is still in the newsroom's list")
		}
		if _, body := s.API(editor, "GET", "/api/admin/v1/stories?trashed=true", ""); !strings.Contains(body, "A draft to throw away") {
			t.Fatal("the trash does not list the story")
		}
		if status, _ := s.API(editor, "PATCH", "/api/admin/v1/stories/"+id,
			`{"version":1,"headline":"Edited in the trash"}`); status != http.StatusUnprocessableEntity {
			t.Fatalf("editing a trashed story: %d", status)
		}
		if status, _ := s.API(writer, "POST", "/api/admin/v1/stories/"+id+"/restore", ""); status != http.StatusOK {
			t.Fatalf("restoring: %d", status)
		}

		// A published story cannot go to the trash; an admin deletes it for good.
		ferries := s.Demo.Stories["ferries"]
		fid := sitetest.Itoa(ferries.ID)
		if status, _ := s.API(editor, "DELETE", "/api/admin/v1/stories/"+fid, ""); status != http.StatusUnprocessableEntity {
			t.Fatalf("trashing a published story: %d", status)
		}
		if status, _ := s.API(editor, "DELETE", "/api/admin/v1/stories/"+fid+"?permanent=true", ""); status != http.StatusForbidden {
			t.Fatalf("an editor deleting for good: %d", status)
		}
		path := s.PublicPath(ferries)
		if status, _ := s.API(admin, "DELETE", "/api/admin/v1/stories/"+fid+"?permanent=true", ""); status != http.StatusOK {
			t.Fatalf("an admin deleting for good: %d", status)
		}
		if status, _, _ := s.Content(path); status != http.StatusGone {
			t.Fatalf("the deleted story's page: %d, want 410", status)
		}
		if _, _, home := s.Content("/"); strings.Contains(home, ferries.Headline) {
			t.Fatal("the home front still shows the deleted story")
		}
		if status, _ := s.API(admin, "DELETE", "/api/admin/v1/stories/"+fid+"?permanent=true", ""); status != http.StatusNotFound {
			t.Fatalf("deleting twice: %d", status)
		}

		// A photo in use stays.
		photo := sitetest.Itoa(s.Demo.Stories["corals"].LeadMediaID)
		if status, body := s.API(admin, "DELETE", "/api/admin/v1/media/"+photo, ""); status != http.StatusUnprocessableEntity {
			t.Fatalf("deleting a photo in use: %d %s", status, body)
		}
		if status, _ := s.API(editor, "DELETE", "/api/admin/v1/messages/1", ""); status != http.StatusForbidden {
			t.Fatalf("an editor deleting a message: %d", status)
		}
		if status, _ := s.API(admin, "DELETE", "/api/admin/v1/messages/1", ""); status != http.StatusOK {
			t.Fatalf("an admin deleting a message: %d", status)
		}
	})
}
