package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestTrashInTheNewsroom: a writer's draft goes to the trash after a confirmation
// page, shows in the trash, comes back; an admin deletes a trashed story for good
// after another confirmation; the audit log has each step.
func TestTrashInTheNewsroom(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		draft := s.Demo.Stories["draft"]
		id := sitetest.Itoa(draft.ID)
		editor, admin := s.Session(people.RoleEditor), s.Session(people.RoleAdmin)
		if _, _, page := editor.Get("/newsroom/stories/" + id); !strings.Contains(page, `href="/newsroom/stories/`+id+`/trash"`) {
			t.Fatal("the editor offers no Move to the trash")
		}
		if _, _, page := editor.Get("/newsroom/stories/" + id + "/trash"); !strings.Contains(page, "Move to the trash") {
			t.Fatal("no confirmation page")
		}
		if status, _, _ := editor.Post("/newsroom/stories/"+id+"/trash", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("trash: %d", status)
		}
		if _, _, page := editor.Get("/newsroom/trash"); !strings.Contains(page, draft.Headline) {
			t.Fatal("the trash does not list the story")
		}
		if _, _, page := editor.Get("/newsroom/"); strings.Contains(page, draft.Headline) {
			t.Fatal("the story list still shows the trashed story")
		}
		if status, _, _ := editor.Post("/newsroom/trash/"+id+"/restore", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("restore: %d", status)
		}
		if status, _, _ := editor.Post("/newsroom/stories/"+id+"/trash", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("trash again: %d", status)
		}
		if status, _, _ := editor.Get("/newsroom/trash/" + id + "/delete"); status != http.StatusForbidden {
			t.Fatalf("an editor at the delete confirmation: %d", status)
		}
		if _, _, page := admin.Get("/newsroom/trash/" + id + "/delete"); !strings.Contains(page, "cannot be undone") {
			t.Fatal("no delete confirmation for the admin")
		}
		if status, _, _ := admin.Post("/newsroom/trash/"+id+"/delete", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("delete for good: %d", status)
		}
		if status, _, _ := editor.Get("/newsroom/stories/" + id); status != http.StatusNotFound {
			t.Fatalf("the deleted story's editor: %d", status)
		}
		_, _, audit := admin.Get("/newsroom/audit")
		for _, action := range []string{"story.trash", "story.untrash", "story.delete"} {
			if !strings.Contains(audit, action) {
				t.Errorf("the audit log lacks %s", action)
			}
		}
	})
}

// TestDeleteMessagesFromTheDesk: an admin deletes ticked reader messages for good
// once they confirm; an editor cannot.
func TestDeleteMessagesFromTheDesk(t *testing.T) {
	s := sitetest.New(t)
	editor, admin := s.Session(people.RoleEditor), s.Session(people.RoleAdmin)
	list, _, err := s.Store.Messages(context.Background(), sitetest.LettersPending(s.Demo.Stories["ferries"].ID))
	if err != nil || len(list) == 0 {
		t.Fatalf("no pending message to delete: %v", err)
	}
	id := sitetest.Itoa(list[0].ID)
	form := url.Values{"id": {id}, "delete": {"yes"}}
	if status, _, _ := editor.Post("/newsroom/letters", form); status != http.StatusForbidden {
		t.Fatalf("an editor asking to delete: %d", status)
	}
	// The first step asks, on a page that carries the messages forward.
	form.Del("csrf") // each session sends its own
	status, _, page := admin.Post("/newsroom/letters", form)
	if status != http.StatusOK || !strings.Contains(page, "Delete 1 message for good?") ||
		!strings.Contains(page, `name="id" value="`+id+`"`) {
		t.Fatalf("deleting without confirming: %d", status)
	}
	if _, err := s.Store.MessageByID(context.Background(), list[0].ID); err != nil {
		t.Fatal("the first step deleted the message")
	}
	form.Set("confirm", "1")
	form.Del("csrf")
	if status, _, _ := editor.Post("/newsroom/letters", form); status != http.StatusForbidden {
		t.Fatalf("an editor deleting: %d", status)
	}
	form.Del("csrf")
	if status, _, _ := admin.Post("/newsroom/letters", form); status != http.StatusSeeOther {
		t.Fatalf("an admin deleting: %d", status)
	}
	if _, err := s.Store.MessageByID(context.Background(), list[0].ID); err == nil {
		t.Fatal("the message is still there")
	}
}
