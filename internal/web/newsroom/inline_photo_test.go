package newsroom_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dateline/internal/demo"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestInlinePhotosStayPrivateUntilPublished: a photo a draft puts in its text is
// not public; published, the story shows it as a figure with its caption and
// credit, in the page and the feed, and its file is public; unpublished, private
// again. A photo a story uses in its text cannot be deleted and lists the story;
// a reference to a photo that does not exist shows nothing.
func TestInlinePhotosStayPrivateUntilPublished(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		editor, admin := s.Token(people.RoleEditor), s.Session(people.RoleAdmin)
		id := strconv.FormatInt(uploadPhoto(t, s, editor, "The pier at dawn"), 10)
		body := "The pier was quiet.\\n\\n![The pier at dawn](media:" + id + " \\\"The north pier before the ferries.\\\")\\n\\n" +
			"![missing](media:999999)\\n\\nThat was all."
		storyID := strconv.FormatInt(createStory(t, s, editor, `{"headline": "Dawn at the pier", "section": "world", "body_markdown": "`+body+`"}`), 10)

		if _, _, edit := admin.Get("/newsroom/stories/" + storyID); !strings.Contains(edit, "media:999999") ||
			!strings.Contains(edit, "photo that does not exist") {
			t.Error("the editor does not flag the reference to a missing photo")
		}
		_, _, page := admin.Get("/newsroom/media/" + id)
		file := regexp.MustCompile(`/newsroom/media/` + id + `/([^"/]+\.png)`).FindStringSubmatch(page)
		if file == nil || !strings.Contains(page, "Dawn at the pier") || !strings.Contains(page, "![The pier at dawn](media:"+id+")") {
			t.Fatalf("the photo's page lacks its file or the draft using it: %.3000s", page)
		}
		public := "/media/" + id + "/" + file[1]
		if status, _, _ := s.Content(public); status != http.StatusNotFound {
			t.Fatalf("a draft's inline photo is public: %d", status)
		}
		if status, _ := s.API(editor, "POST", "/api/admin/v1/stories/"+storyID+"/transition", `{"to": "published"}`); status != http.StatusOK {
			t.Fatalf("publish: %d", status)
		}
		_, out := s.API(editor, "GET", "/api/admin/v1/stories/"+storyID, "")
		var got struct {
			URL string `json:"url"`
		}
		json.Unmarshal([]byte(out), &got)
		u, err := url.Parse(got.URL)
		if err != nil {
			t.Fatal(err)
		}
		path := u.Path
		_, _, story := s.Content(path)
		if !strings.Contains(story, `<figure class="inline-photo"><img src="/media/`+id+`/`) ||
			!strings.Contains(story, `alt="The pier at dawn"`) ||
			!strings.Contains(story, `<figcaption>The north pier before the ferries. <span class="photo-credit">Photo: Lab</span></figcaption>`) {
			t.Fatalf("the story page lacks the figure (%s)", path)
		}
		if strings.Contains(story, "999999") || strings.Contains(story, "data-media-ref") {
			t.Error("a reference to a missing photo left a trace")
		}
		if status, _, _ := s.Content(public); status != http.StatusOK {
			t.Fatalf("a published story's inline photo: %d", status)
		}
		if _, _, feed := s.Content("/feed.xml"); !strings.Contains(feed, "/media/"+id+"/") {
			t.Error("the feed lacks the inline photo")
		}
		if status, _, _ := admin.Post("/newsroom/media/"+id+"/delete", url.Values{}); status != http.StatusUnprocessableEntity {
			t.Errorf("deleting a photo a story uses in its text: %d", status)
		}
		if status, _ := s.API(editor, "POST", "/api/admin/v1/stories/"+storyID+"/transition", `{"to": "unpublished"}`); status != http.StatusOK {
			t.Fatalf("unpublish: %d", status)
		}
		if status, _, _ := s.Content(public); status != http.StatusNotFound {
			t.Fatalf("an unpublished story's inline photo is still public: %d", status)
		}
	})
}

// TestAnotherDraftsPhotoIsHeldBack: a photo that leads a story not yet published
// is that story's: another, published story putting it in its text shows nothing
// there (and its file stays private) until the first is published; the second's
// editor says why.
func TestAnotherDraftsPhotoIsHeldBack(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		editor := s.Token(people.RoleEditor)
		photo := uploadPhoto(t, s, editor, "The embargoed launch")
		id := strconv.FormatInt(photo, 10)
		if status, out := s.API(editor, "POST", "/api/admin/v1/stories",
			`{"headline": "Launch under embargo", "section": "world", "body_markdown": "Soon.", "lead_media_id": `+id+`}`); status != http.StatusCreated {
			t.Fatalf("the draft leading with the photo: %d %s", status, out)
		}
		body := "Earlier today.\\n\\n![Borrowed](media:" + id + ")\\n\\nThe end."
		storyID := createStory(t, s, editor, `{"headline": "Borrowing a photo", "section": "world", "body_markdown": "`+body+`"}`)
		sid := strconv.FormatInt(storyID, 10)
		if status, _ := s.API(editor, "POST", "/api/admin/v1/stories/"+sid+"/transition", `{"to": "published"}`); status != http.StatusOK {
			t.Fatalf("publish: %d", status)
		}
		published, _ := s.Store.StoryByID(context.Background(), storyID)
		if _, _, page := s.Content(s.PublicPath(published)); strings.Contains(page, "/media/"+id+"/") {
			t.Fatal("a published story shows another draft's lead photo")
		}
		m, _ := s.Store.MediaByID(context.Background(), photo)
		if status, _, _ := s.Content("/media/" + id + "/" + m.FileName[strings.LastIndexByte(m.FileName, '/')+1:]); status != http.StatusNotFound {
			t.Fatalf("the draft's photo is public: %d", status)
		}
		_, _, edit := s.Session(people.RoleEditor).Get("/newsroom/stories/" + sid)
		if !strings.Contains(edit, "another story not yet published") {
			t.Error("the editor does not say why the photo is left out")
		}
	})
}

// uploadPhoto adds a generated photo through the Admin API and returns its id.
func uploadPhoto(t *testing.T, s *sitetest.Site, token, alt string) int64 {
	t.Helper()
	picture, _, _, err := demo.Picture(3, 640, 360)
	if err != nil {
		t.Fatal(err)
	}
	ctype, buf := sitetest.MultipartPhoto(t, map[string]string{"alt": alt, "caption": "Dawn.", "credit": "Photo: Lab"}, picture)
	req, _ := http.NewRequest("POST", s.HTTP.URL+"/api/admin/v1/media", buf)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var photo struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&photo); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, err)
	}
	return photo.ID
}

// createStory files a draft through the Admin API and returns its id.
func createStory(t *testing.T, s *sitetest.Site, token, body string) int64 {
	t.Helper()
	status, out := s.API(token, "POST", "/api/admin/v1/stories", body)
	var st struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &st); status != http.StatusCreated || err != nil {
		t.Fatalf("create: %d %s", status, out)
	}
	return st.ID
}
