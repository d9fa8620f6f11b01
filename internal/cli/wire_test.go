package cli

import (
	"bytes"
	"context"
	"encoding/json"
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

	"golang.org/x/net/html"

	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/people"
	"dateline/internal/wire"
)

// ingester is the server's ingester for a test site, on its clock.
func (s *testSite) ingester() *ingest.Ingester {
	return &ingest.Ingester{Store: s.store, Withdraw: &desk.Desk{Store: s.store, Now: s.clock.Now}, Now: s.clock.Now}
}

func (s *testSite) ingestFile(path string) ingest.Report {
	s.t.Helper()
	reports := s.ingester().File(context.Background(), path)
	if len(reports) != 1 || reports[0].Err != nil {
		s.t.Fatalf("ingest %s: %v", path, reports)
	}
	return reports[0]
}

var (
	storyLocation = regexp.MustCompile(`^/newsroom/stories/(\d+)\?`)
	publicLink    = regexp.MustCompile(`<a href="([^"]+)">View the public page</a>`)
)

// useWire presses "Use as a draft" or "Publish as is" and returns the new story's
// editor path.
func useWire(t *testing.T, b *browser, entryID int64, mode string) string {
	t.Helper()
	status, h, body := b.post(fmt.Sprintf("/newsroom/wire/%d/use", entryID), url.Values{"section": {"world"}, "mode": {mode}})
	m := storyLocation.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("use wire item as %s: %d %s %.300s", mode, status, h.Get("Location"), body)
	}
	return "/newsroom/stories/" + m[1]
}

// A wire story is used, updated and withdrawn end to end in the newsroom.
func TestWireStoryUsedUpdatedWithdrawn(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		first := s.ingestFile("../ingest/testdata/storm-v1.json")
		e, err := s.store.WireEntryByKey(context.Background(), "Harbour Wire", first.Item.ID)
		if err != nil {
			t.Fatal(err)
		}
		item := fmt.Sprintf("/newsroom/wire/%d", e.ID)
		editor, writer := s.signIn(people.RoleEditor), s.signIn(people.RoleWriter)

		// The queue and its filters.
		for query, want := range map[string]bool{"": true, "?agency=Harbour+Wire&urgency=3&hours=24": true, "?kind=picture": false,
			"?urgency=1": false, "?q=storm+ports": true, "?q=election": false} {
			_, _, body := editor.get("/newsroom/wire" + query)
			if strings.Contains(body, "Storm closes two ports") != want {
				t.Errorf("queue%s lists the item: %v, want %v", query, !want, want)
			}
		}
		_, _, body := editor.get(item)
		for _, want := range []string{"Gale-force winds closed the ports", "Publish as is", "Use as a draft",
			"&#34;pubstatus&#34;: &#34;usable&#34;"} {
			if !strings.Contains(body, want) {
				t.Errorf("item preview lacks %q", want)
			}
		}
		// A writer may take the copy as a draft but not publish it untouched.
		if _, _, body := writer.get(item); strings.Contains(body, "Publish as is") {
			t.Error("a writer is offered Publish as is")
		}
		if status, _, _ := writer.post(item+"/use", url.Values{"section": {"world"}, "mode": {"publish"}}); status != http.StatusForbidden {
			t.Errorf("writer publishing as is: %d", status)
		}
		status, _, _ := editor.post(item+"/use", url.Values{"section": {"world"}, "mode": {"draft"}, "csrf": {"forged"}})
		if status != http.StatusForbidden {
			t.Errorf("use without the CSRF token: %d", status)
		}
		if status, _, _ := s.anonymous().post(item+"/use", url.Values{"section": {"world"}}); status != http.StatusUnauthorized {
			t.Errorf("use signed out: %d", status)
		}

		draft := useWire(t, writer, e.ID, "draft")
		asIs := useWire(t, editor, e.ID, "publish")
		_, _, body = editor.get(draft)
		for _, want := range []string{"Ines Marlow of Harbour Wire contributed to this report.", "Kellmouth on Sunday morning.",
			"NORTH BAY", "From the wire"} {
			if !strings.Contains(body, want) {
				t.Errorf("draft editor lacks %q", want)
			}
		}
		_, _, body = editor.get(asIs)
		m := publicLink.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the story published as is has no public page link")
		}
		public := m[1]
		reader := s.anonymous()
		status, _, page := reader.get(public)
		if status != http.StatusOK || !strings.Contains(page, "Storm closes two ports on the north coast") ||
			!strings.Contains(page, "Harbour Wire contributed to this report.") {
			t.Fatalf("public page of the story published as is: %d", status)
		}
		if !strings.Contains(page, `"author":{"@type":"Organization","name":"Harbour Wire"}`) {
			t.Error("the NewsArticle data does not name the agency as the author of its copy")
		}

		// Version 2 flags both stories, with the difference, until taken or checked.
		s.ingestFile("../ingest/testdata/storm-v2.json")
		_, _, body = editor.get(draft)
		for _, want := range []string{"Wire update available", "<ins>+ Ferry crossings were cancelled until Monday, and the port of Sandwick shut at 7 a.m.</ins>",
			"<del>- Ferry crossings were cancelled until at least noon.</del>", "<ins>+ Storm closes three ports on the north coast</ins>"} {
			if !strings.Contains(body, want) {
				t.Errorf("draft after version 2 lacks %q", want)
			}
		}
		if _, _, list := editor.get("/newsroom/"); strings.Count(list, "Wire update available") != 2 {
			t.Errorf("story list flags %d stories, want 2", strings.Count(list, "Wire update available"))
		}
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body)[1]
		if status, _, _ := writer.post(draft+"/wire", url.Values{"action": {"take"}, "version": {version}}); status != http.StatusSeeOther {
			t.Fatalf("take the update: %d", status)
		}
		_, _, body = editor.get(draft)
		if strings.Contains(body, "Wire update available") || !strings.Contains(body, "Sandwick") ||
			!strings.Contains(body, "Storm closes three ports") {
			t.Error("the draft did not take version 2")
		}

		// The kill takes the story published as is off the site (cached page included)
		// and flags the draft loudly.
		kill := s.ingestFile("../ingest/testdata/storm-kill.json")
		if len(kill.TakenDown) != 1 {
			t.Fatalf("kill took down %v", kill.TakenDown)
		}
		if status, _, _ := reader.get(public); status != http.StatusGone {
			t.Errorf("public page after the kill: %d, want 410", status)
		}
		_, _, body = editor.get(asIs)
		if !strings.Contains(body, "WITHDRAWN BY Harbour Wire") || !strings.Contains(body, "taken down automatically") {
			t.Error("the story published as is does not say it was withdrawn and taken down")
		}
		_, _, body = editor.get(draft)
		if !strings.Contains(body, "WITHDRAWN BY Harbour Wire") || !strings.Contains(body, "Do not publish it") {
			t.Error("the draft is not flagged as withdrawn")
		}
		if _, _, body := editor.get("/newsroom/wire"); !strings.Contains(body, "WITHDRAWN (canceled)") {
			t.Error("the queue does not mark the item withdrawn")
		}
		if status, _, _ := editor.post(item+"/use", url.Values{"section": {"world"}, "mode": {"draft"}}); status != http.StatusConflict {
			t.Errorf("using a killed item: %d, want 409", status)
		}
	})
}

// A package's photo, fetched from the agency, leads the story made from it; the
// picture's caption and credit come with it.
func TestWirePackagePhotoLeadsTheStory(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
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
		r := s.ingestFile(path)
		if r.Item.Kind != wire.KindPackage {
			t.Fatalf("package ingested as %s", r.Item.Kind)
		}
		e, _ := s.store.WireEntryByKey(context.Background(), "Harbour Wire", "urn:harbourwire:pkg:1")
		editor := s.signIn(people.RoleEditor)
		storyPath := useWire(t, editor, e.ID, "draft")
		_, _, body := editor.get(storyPath)
		if !strings.Contains(body, "The flooded quay at North Bay on Sunday.") ||
			!strings.Contains(body, "Water stood a metre deep on the quay.") {
			t.Fatalf("draft from the package lacks the photo caption or the copy:\n%.2000s", body)
		}
		id := strings.TrimPrefix(storyPath, "/newsroom/stories/")
		var n int64
		fmt.Sscan(id, &n)
		st, _ := s.store.StoryByID(context.Background(), n)
		m, err := s.store.MediaByID(context.Background(), st.LeadMediaID)
		if err != nil || m.Width != 640 || m.Credit != "Harbour Wire" {
			t.Fatalf("lead photo %+v: %v", m, err)
		}
	})
}

// Agency copy is untrusted like reader text: every injection payload, in the
// headline, byline and HTML body of wire items, stays inert on the queue, the item
// page, the story editor and the public page of a story published as is.
func TestWireInjectionCorpus(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		ctx := context.Background()
		in := s.ingester()
		var all []string
		for i, p := range injections {
			all = append(all, "<p>"+p+"</p>")
			doc, _ := json.Marshal(map[string]any{"uri": fmt.Sprintf("urn:hostile:%d", i), "type": "text", "version": "1",
				"copyrightholder": "Hostile Wire", "headlines": []map[string]string{{"value": p}}, "by": p, "located": p[:min(len(p), 60)],
				"bodies": []map[string]string{{"contenttype": "text/html", "value": "<p>" + p + "</p><p>Item " + itoa(int64(i)) + "</p>"}}})
			if r := in.Data(ctx, "payload", doc); r[0].Err != nil {
				t.Fatalf("payload %d: %v", i, r[0].Err)
			}
		}
		doc, _ := json.Marshal(map[string]any{"uri": "urn:hostile:all", "type": "text", "version": "1", "copyrightholder": "Hostile Wire",
			"headlines": []map[string]string{
				{"value": "Every payload"},
			}, "bodies": []map[string]string{{"contenttype": "text/html", "value": strings.Join(all, "")}}})
		in.Data(ctx, "all", doc)

		check := func(what, page string) {
			t.Helper()
			parsed, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if bad := unsafe(parsed, ""); bad != "" {
				t.Fatalf("%s carries agency markup: %s", what, bad)
			}
		}
		ed := s.session(people.RoleEditor)
		for _, page := range []string{"/newsroom/wire", "/newsroom/wire?offset=50", "/newsroom/"} {
			_, _, body := ed.get(page)
			check(page, body)
		}
		entries, err := s.store.WireEntries(ctx, wire.Filter{Agency: "Hostile Wire", Limit: 100})
		if err != nil || len(entries) != len(injections)+1 {
			t.Fatalf("%d hostile items queued: %v", len(entries), err)
		}
		for _, e := range entries {
			_, _, body := ed.get(fmt.Sprintf("/newsroom/wire/%d", e.ID))
			check("item "+e.Item.ID, body)
		}
		whole, _ := s.store.WireEntryByKey(ctx, "Hostile Wire", "urn:hostile:all")
		storyPath := useWire(t, ed, whole.ID, "publish")
		_, _, body := ed.get(storyPath)
		check("story editor", body)
		m := publicLink.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no public page")
		}
		status, _, page := s.anonymous().get(m[1])
		if status != http.StatusOK || !strings.Contains(page, "Every payload") {
			t.Fatalf("public page: %d", status)
		}
		check("public page", page)
	})
}

// The Admin API lists and shows the queue and uses an item, with the UI's role rules.
func TestWireAdminAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *testSite) {
		s.ingestFile("../ingest/testdata/storm-v1.json")
		e, _ := s.store.WireEntryByKey(context.Background(), "Harbour Wire", "urn:newsml:harbourwire.example:20261129:storm-ports")
		writer, editor := s.token(people.RoleWriter), s.token(people.RoleEditor)
		status, body := s.api(writer, "GET", "/api/admin/v1/wire?agency=Harbour+Wire&urgency=3", "")
		var list struct {
			Items []struct {
				ID       int64
				Headline string
			}
		}
		json.Unmarshal([]byte(body), &list)
		if status != http.StatusOK || len(list.Items) != 1 || list.Items[0].ID != e.ID {
			t.Fatalf("list: %d %s", status, body)
		}
		if status, _ := s.api(writer, "GET", "/api/admin/v1/wire?kind=video", ""); status != http.StatusBadRequest {
			t.Errorf("unknown kind: %d", status)
		}
		status, body = s.api(writer, "GET", fmt.Sprintf("/api/admin/v1/wire/%d", e.ID), "")
		if status != http.StatusOK || !strings.Contains(body, `"body_markdown":"Gale-force winds`) ||
			!strings.Contains(body, `\"pubstatus\": \"usable\"`) {
			t.Fatalf("show: %d %s", status, body)
		}
		use := fmt.Sprintf("/api/admin/v1/wire/%d/use", e.ID)
		if status, _ := s.api(writer, "POST", use, `{"section": "world", "as_is": true}`); status != http.StatusForbidden {
			t.Errorf("writer publishing as is: %d", status)
		}
		if status, body := s.api(editor, "POST", use, `{"section": "world", "as_is": true}`); status != http.StatusCreated ||
			!strings.Contains(body, `"state":"published"`) {
			t.Errorf("editor publishing as is: %d %s", status, body)
		}
		if status, _ := s.api("", "GET", "/api/admin/v1/wire", ""); status != http.StatusUnauthorized {
			t.Errorf("no token: %d", status)
		}
	})
}
