package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestDeletePhotosInTheNewsroom: the newsroom lists the photos with the stories
// using each; an admin deletes an unused one after a confirmation page; a photo
// in use offers no deletion and is refused if asked; an editor may not delete.
func TestDeletePhotosInTheNewsroom(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		spare := media.Media{FileName: "2026/11/spare.png", ContentType: "image/png", Width: 10, Height: 10,
			Alt: "An unused picture of the harbour", Caption: "Spare harbour view", Clean: true}
		if err := s.Store.CreateMedia(ctx, &spare); err != nil {
			t.Fatal(err)
		}
		spareID, usedID := sitetest.Itoa(spare.ID), sitetest.Itoa(s.Demo.Stories["corals"].LeadMediaID)
		editor, admin := s.Session(people.RoleEditor), s.Session(people.RoleAdmin)

		_, _, list := admin.Get("/newsroom/media")
		if !strings.Contains(list, "Spare harbour view") || !strings.Contains(list, `href="/newsroom/media/`+spareID+`/delete"`) {
			t.Fatal("the photo list lacks the unused photo or its Delete link")
		}
		if strings.Contains(list, `href="/newsroom/media/`+usedID+`/delete"`) {
			t.Fatal("a photo in use offers deletion")
		}
		if _, _, list := editor.Get("/newsroom/media"); strings.Contains(list, "/delete\"") {
			t.Fatal("an editor is offered deletion")
		}
		if status, _, _ := editor.Post("/newsroom/media/"+spareID+"/delete", url.Values{}); status != http.StatusForbidden {
			t.Fatalf("an editor deleting a photo: %d", status)
		}
		if _, _, confirm := admin.Get("/newsroom/media/" + spareID + "/delete"); !strings.Contains(confirm, "cannot be undone") {
			t.Fatal("no confirmation page")
		}
		if status, _, body := admin.Post("/newsroom/media/"+usedID+"/delete", url.Values{}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "use this photo") {
			t.Fatalf("deleting a photo in use: %d", status)
		}
		if status, _, _ := admin.Post("/newsroom/media/"+spareID+"/delete", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("deleting the unused photo: %d", status)
		}
		if _, err := s.Store.MediaByID(ctx, spare.ID); err != media.ErrNotFound {
			t.Fatalf("the photo is still there: %v", err)
		}
		if _, err := s.Store.MediaByID(ctx, s.Demo.Stories["corals"].LeadMediaID); err != nil {
			t.Fatalf("the photo in use went: %v", err)
		}
		if _, _, audit := admin.Get("/newsroom/audit"); !strings.Contains(audit, "media.delete") {
			t.Fatal("the audit log lacks the deletion")
		}
	})
}
