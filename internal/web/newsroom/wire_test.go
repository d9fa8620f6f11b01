package newsroom_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/wire"
)

// A wire story is used, updated and withdrawn end to end in the newsroom.
func TestWireStoryUsedUpdatedWithdrawn(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		first := s.IngestFile("../../ingest/testdata/storm-v1.json")
		e, err := s.Store.WireEntryByKey(context.Background(), "Harbour Wire", first.Item.ID)
		if err != nil {
			t.Fatal(err)
		}
		item := fmt.Sprintf("/newsroom/wire/%d", e.ID)
		editor, writer := s.SignIn(people.RoleEditor), s.SignIn(people.RoleWriter)

		// The queue and its filters.
		for query, want := range map[string]bool{"": true, "?agency=Harbour+Wire&urgency=3&hours=24": true, "?kind=picture": false,
			"?urgency=1": false, "?q=storm+ports": true, "?q=election": false} {
			_, _, body := editor.Get("/newsroom/wire" + query)
			if strings.Contains(body, "Storm closes two ports") != want {
				t.Errorf("queue%s lists the item: %v, want %v", query, !want, want)
			}
		}
		_, _, body := editor.Get(item)
		for _, want := range []string{"Gale-force winds closed the ports", "Publish as is", "Use as a draft",
			"&#34;pubstatus&#34;: &#34;usable&#34;"} {
			if !strings.Contains(body, want) {
				t.Errorf("item preview lacks %q", want)
			}
		}
		// A writer may take the copy as a draft but not publish it untouched.
		if _, _, body := writer.Get(item); strings.Contains(body, "Publish as is") {
			t.Error("a writer is offered Publish as is")
		}
		if status, _, _ := writer.Post(item+"/use", url.Values{"section": {"world"}, "mode": {"publish"}}); status != http.StatusForbidden {
			t.Errorf("writer publishing as is: %d", status)
		}
		status, _, _ := editor.Post(item+"/use", url.Values{"section": {"world"}, "mode": {"draft"}, "csrf": {"forged"}})
		if status != http.StatusForbidden {
			t.Errorf("use without the CSRF token: %d", status)
		}
		if status, _, _ := s.Anonymous().Post(item+"/use", url.Values{"section": {"world"}}); status != http.StatusUnauthorized {
			t.Errorf("use signed out: %d", status)
		}

		draft := sitetest.UseWire(t, writer, e.ID, "draft")
		asIs := sitetest.UseWire(t, editor, e.ID, "publish")
		_, _, body = editor.Get(draft)
		for _, want := range []string{"Ines Marlow of Harbour Wire contributed to this report.", "Kellmouth on Sunday morning.",
			"NORTH BAY", "From the wire"} {
			if !strings.Contains(body, want) {
				t.Errorf("draft editor lacks %q", want)
			}
		}
		_, _, body = editor.Get(asIs)
		m := sitetest.PublicLink.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the story published as is has no public page link")
		}
		public := m[1]
		reader := s.Anonymous()
		status, _, page := reader.Get(public)
		if status != http.StatusOK || !strings.Contains(page, "Storm closes two ports on the north coast") ||
			!strings.Contains(page, "Harbour Wire contributed to this report.") {
			t.Fatalf("public page of the story published as is: %d", status)
		}
		if !strings.Contains(page, `"author":{"@type":"Organization","name":"Harbour Wire"}`) {
			t.Error("the NewsArticle data does not name the agency as the author of its copy")
		}

		// Version 2 flags both stories, with the difference, until taken or checked.
		s.IngestFile("../../ingest/testdata/storm-v2.json")
		_, _, body = editor.Get(draft)
		for _, want := range []string{"Wire update available", "<ins>+ Ferry crossings were cancelled until Monday, and the port of Sandwick shut at 7 a.m.</ins>",
			"<del>- Ferry crossings were cancelled until at least noon.</del>", "<ins>+ Storm closes three ports on the north coast</ins>"} {
			if !strings.Contains(body, want) {
				t.Errorf("draft after version 2 lacks %q", want)
			}
		}
		if _, _, list := editor.Get("/newsroom/"); strings.Count(list, "Wire update available") != 2 {
			t.Errorf("story list flags %d stories, want 2", strings.Count(list, "Wire update available"))
		}
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body)[1]
		if status, _, _ := writer.Post(draft+"/wire", url.Values{"action": {"take"}, "version": {version}}); status != http.StatusSeeOther {
			t.Fatalf("take the update: %d", status)
		}
		_, _, body = editor.Get(draft)
		if strings.Contains(body, "Wire update available") || !strings.Contains(body, "Sandwick") ||
			!strings.Contains(body, "Storm closes three ports") {
			t.Error("the draft did not take version 2")
		}

		// The kill takes the story published as is off the site (cached page included)
		// and flags the draft loudly.
		kill := s.IngestFile("../../ingest/testdata/storm-kill.json")
		if len(kill.TakenDown) != 1 {
			t.Fatalf("kill took down %v", kill.TakenDown)
		}
		if status, _, _ := reader.Get(public); status != http.StatusGone {
			t.Errorf("public page after the kill: %d, want 410", status)
		}
		_, _, body = editor.Get(asIs)
		if !strings.Contains(body, "WITHDRAWN BY Harbour Wire") || !strings.Contains(body, "taken down automatically") {
			t.Error("the story published as is does not say it was withdrawn and taken down")
		}
		_, _, body = editor.Get(draft)
		if !strings.Contains(body, "WITHDRAWN BY Harbour Wire") || !strings.Contains(body, "Do not publish it") {
			t.Error("the draft is not flagged as withdrawn")
		}
		if _, _, body := editor.Get("/newsroom/wire"); !strings.Contains(body, "WITHDRAWN (canceled)") {
			t.Error("the queue does not mark the item withdrawn")
		}
		if status, _, _ := editor.Post(item+"/use", url.Values{"section": {"world"}, "mode": {"draft"}}); status != http.StatusConflict {
			t.Errorf("using a killed item: %d, want 409", status)
		}
	})
}

// A package's photo, fetched from the agency, leads the story made from it; the
// picture's caption and credit come with it.
func TestWirePackagePhotoLeadsTheStory(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		img := image.NewRGBA(image.Rect(0, 0, 640, 400))
		for x := range 640 {
			for y := range 400 {
				img.Set(x, y, color.RGBA{uint8(x / 3), uint8(y / 2), 120, 255})
			}
		}
		var jpg bytes.Buffer
		jpeg.Encode(&jpg, img, nil)
		agency := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/photos/harbour.jpg" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(jpg.Bytes())
		}))
		defer agency.Close()
		pkg := `{"uri": "urn:harbourwire:pkg:1", "type": "composite", "version": "1", "copyrightholder": "Harbour Wire",
			"headlines": [{"value": "Harbour flooded after the storm"}],
			"bodies": [{"contenttype": "text/plain", "value": "Water stood a metre deep on the quay.\nShops stayed shut."}],
			"associations": [{"name": "photo", "uri": "urn:harbourwire:photo:1", "type": "picture", "headlines": [{"value": "Flooded quay"}],
				"descriptions": [{"role": "caption", "value": "The flooded quay at North Bay on Sunday."}], "copyrightholder": "Harbour Wire",
				"renditions": [{"name": "original", "href": "` + agency.URL + `/photos/harbour.jpg", "contenttype": "image/jpeg", "width": 640, "height": 400}]}]}`
		path := t.TempDir() + "/pkg.json"
		os.WriteFile(path, []byte(pkg), 0o644)
		r := s.IngestFile(path)
		if r.Item.Kind != wire.KindPackage {
			t.Fatalf("package ingested as %s", r.Item.Kind)
		}
		e, _ := s.Store.WireEntryByKey(context.Background(), "Harbour Wire", "urn:harbourwire:pkg:1")
		editor := s.SignIn(people.RoleEditor)
		storyPath := sitetest.UseWire(t, editor, e.ID, "draft")
		_, _, body := editor.Get(storyPath)
		if !strings.Contains(body, "The flooded quay at North Bay on Sunday.") ||
			!strings.Contains(body, "Water stood a metre deep on the quay.") {
			t.Fatalf("draft from the package lacks the photo caption or the copy:\n%.2000s", body)
		}
		id := strings.TrimPrefix(storyPath, "/newsroom/stories/")
		var n int64
		fmt.Sscan(id, &n)
		st, _ := s.Store.StoryByID(context.Background(), n)
		m, err := s.Store.MediaByID(context.Background(), st.LeadMediaID)
		if err != nil || m.Width != 640 || m.Credit != "Harbour Wire" {
			t.Fatalf("lead photo %+v: %v", m, err)
		}
	})
}
