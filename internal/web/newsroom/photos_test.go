package newsroom_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/demo"
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

// TestEditPhotoTextInTheNewsroom: the photo list finds photos by caption, credit or
// alt text; a photo's page lists the stories using it and edits its alt text,
// caption and credit, which the public page then shows; an edit over a newer one is
// refused, not a silent overwrite; markup in the search is only text.
func TestEditPhotoTextInTheNewsroom(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		corals := s.Demo.Stories["corals"]
		id := sitetest.Itoa(corals.LeadMediaID)
		writer := s.Session(people.RoleWriter)
		m, err := s.Store.MediaByID(context.Background(), corals.LeadMediaID)
		if err != nil {
			t.Fatal(err)
		}
		word := strings.Fields(m.Caption)[1]
		if _, _, list := writer.Get("/newsroom/media?q=" + url.QueryEscape(word)); !strings.Contains(list, `href="/newsroom/media/`+id+`"`) {
			t.Fatalf("searching for %q does not find the photo", word)
		}
		if _, _, list := writer.Get("/newsroom/media?q=zzzunmatched"); strings.Contains(list, `href="/newsroom/media/`+id+`"`) {
			t.Fatal("a search for nothing lists the photo")
		}
		if status, _, list := writer.Get("/newsroom/media?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"); status != http.StatusOK ||
			strings.Contains(list, "<script>alert(1)") {
			t.Fatalf("markup in the search: %d", status)
		}
		_, _, page := writer.Get("/newsroom/media/" + id)
		if !strings.Contains(page, corals.Headline) || !strings.Contains(page, `name="caption"`) {
			t.Fatal("the photo's page lacks the story using it or the form")
		}
		form := url.Values{"alt": {"Corals under the pier, bleached white"}, "caption": {"Bleached corals under the north pier."},
			"credit": {"Photo: Harbour Lab"}, "version": {sitetest.Itoa(int64(m.Version))}}
		if status, _, body := writer.Post("/newsroom/media/"+id, form); status != http.StatusSeeOther {
			t.Fatalf("saving the photo's text: %d %.300s", status, body)
		}
		if _, _, story := s.Content(s.PublicPath(corals)); !strings.Contains(story, "Bleached corals under the north pier.") ||
			!strings.Contains(story, `alt="Corals under the pier, bleached white"`) {
			t.Fatal("the story page does not show the new caption and alt text")
		}
		form.Set("caption", "An older edit")
		if status, _, body := writer.Post("/newsroom/media/"+id, form); status != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "saved by someone else") {
			t.Fatalf("an edit over a newer one: %d", status)
		}
		if got, _ := s.Store.MediaByID(context.Background(), corals.LeadMediaID); got.Caption != "Bleached corals under the north pier." {
			t.Fatalf("the stale edit overwrote the caption: %q", got.Caption)
		}
		form.Set("alt", "")
		form.Set("version", sitetest.Itoa(int64(m.Version+1)))
		if status, _, _ := writer.Post("/newsroom/media/"+id, form); status != http.StatusUnprocessableEntity {
			t.Fatalf("a photo without alt text: %d", status)
		}
	})
}

// TestUploadSeveralPhotos: the library takes several photos in one plain form
// (no JavaScript), each checked on its own; more than 20 at once is refused with
// the reason; a writer may upload.
func TestUploadSeveralPhotos(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		writer := s.Session(people.RoleWriter)
		picture, _, _, err := demo.Picture(1, 640, 360)
		if err != nil {
			t.Fatal(err)
		}
		post := func(files map[string][]byte) (int, http.Header) {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			for k, v := range map[string]string{"alt": "A harbour", "caption": "The harbour.", "credit": "Photo: Test", "csrf": writer.CSRF} {
				w.WriteField(k, v)
			}
			for name, data := range files {
				fw, _ := w.CreateFormFile("photos", name)
				fw.Write(data)
			}
			w.Close()
			req, _ := http.NewRequest("POST", s.HTTP.URL+"/newsroom/media", &buf)
			req.Header.Set("Content-Type", w.FormDataContentType())
			status, h, _ := writer.Do(req)
			return status, h
		}
		before, _ := s.Store.MediaWithUses(context.Background(), "", 1000)
		status, h := post(map[string][]byte{"one.png": picture, "two.png": picture, "notes.txt": []byte("not a photo")})
		if status != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "2+photos+added") ||
			!strings.Contains(h.Get("Location"), "notes.txt") {
			t.Fatalf("two photos and a text file: %d %s", status, h.Get("Location"))
		}
		after, _ := s.Store.MediaWithUses(context.Background(), "", 1000)
		if len(after) != len(before)+2 {
			t.Fatalf("%d photos before, %d after", len(before), len(after))
		}
		many := map[string][]byte{}
		for i := range 21 {
			many[fmt.Sprintf("p%d.png", i)] = picture
		}
		if status, _ := post(many); status != http.StatusUnprocessableEntity {
			t.Fatalf("21 photos at once: %d", status)
		}
	})
}
