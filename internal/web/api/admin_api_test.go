package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"dateline/internal/demo"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

func TestAdminAPI(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		token := s.Token(people.RoleEditor)
		status, body := s.API(token, "POST", "/api/admin/v1/stories", `{"headline":"API story","dek":"Via the API","section":"business",
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
		id := sitetest.Itoa(created.ID)
		if status, body := s.API(token, "PATCH", "/api/admin/v1/stories/"+id,
			`{"version":1,"headline":"API story, edited"}`); status != http.StatusOK ||
			!strings.Contains(body, `"version":2`) {
			t.Fatalf("patch: %d %s", status, body)
		}
		if status, body := s.API(token, "PATCH", "/api/admin/v1/stories/"+id,
			`{"version":1,"headline":"Stale"}`); status != http.StatusConflict ||
			!strings.Contains(body, `"error"`) {
			t.Fatalf("stale patch: %d %s", status, body)
		}
		status, body = s.API(
			token,
			"PATCH",
			"/api/admin/v1/stories/"+id,
			`{"version":2,"section":"nowhere","related_sites":[{"title":"x","url":"ftp://x"}]}`,
		)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"section"`) || !strings.Contains(body, `"related_sites"`) {
			t.Fatalf("invalid patch: %d %s", status, body)
		}
		if status, body := s.API(token, "PATCH", "/api/admin/v1/stories/"+id, `{"version":2,"headlin":"typo"}`); status != http.StatusBadRequest {
			t.Fatalf("unknown field: %d %s", status, body)
		}
		status, body = s.API(token, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"published"}`)
		json.Unmarshal([]byte(body), &created)
		if status != http.StatusOK || created.State != "published" || !strings.Contains(created.URL, "/business/2026/11/20/api-story-edited/") {
			t.Fatalf("publish: %d %s", status, body)
		}
		status, _ = s.API(token, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"scheduled","at":"tomorrow"}`)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad time: %d", status)
		}
		writerToken := s.Token(people.RoleWriter)
		status, _ = s.API(writerToken, "POST", "/api/admin/v1/stories/"+id+"/transition", `{"to":"unpublished"}`)
		if status != http.StatusForbidden {
			t.Fatalf("writer unpublishing: %d, want 403", status)
		}

		png, _, _, err := demo.Picture(2, 640, 360)
		if err != nil {
			t.Fatal(err)
		}
		upload := func(fields map[string]string, file []byte) (int, string) {
			ctype, buf := sitetest.MultipartPhoto(t, fields, file)
			req, _ := http.NewRequest("POST", s.HTTP.URL+"/api/admin/v1/media", buf)
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
