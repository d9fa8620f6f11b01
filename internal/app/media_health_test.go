package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"dateline/internal/app"
	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestMissingMediaIsLoud: a node whose media directory lacks the site's photos says
// so: /readyz answers "not ready" (only that), the reason is logged once, the
// dateline_ready{check="media"} gauge is 0, and each missing photo a reader asks
// for is logged once. Photos carry the purge tags of the stories that use them.
func TestMissingMediaIsLoud(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ferries := s.Demo.Stories["ferries"]
		m, err := s.Store.MediaByID(t.Context(), ferries.LeadMediaID)
		if err != nil {
			t.Fatal(err)
		}
		photo := "/media/" + sitetest.Itoa(m.ID) + "/" + filepath.Base(m.FileName)
		// The site with its media: a photo is tagged with the stories leading with it.
		resp, err := http.Get(s.HTTP.URL + photo)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(" "+resp.Header.Get("Surrogate-Key")+" ", " story:"+sitetest.Itoa(ferries.ID)+" ") {
			t.Fatalf("photo: %d, Surrogate-Key %q", resp.StatusCode, resp.Header.Get("Surrogate-Key"))
		}
		if status, _, _ := s.Anonymous().Get("/readyz"); status != 200 {
			t.Fatalf("readyz with the media in place: %d", status)
		}

		// A node started on an empty media directory.
		var logs sitetest.LockedBuffer
		reg := prometheus.NewRegistry()
		handler, _, err := app.Assemble(s.Store, sitetest.MustBlobs(t, t.TempDir()), filepath.Join(t.TempDir(), "theme"),
			slog.New(slog.NewTextHandler(&logs, nil)), s.Clock.Now, app.Options{MinFillTime: -1, Registry: reg})
		if err != nil {
			t.Fatal(err)
		}
		node := httptest.NewServer(handler)
		defer node.Close()
		for range 3 {
			resp, err := http.Get(node.URL + "/readyz")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusServiceUnavailable || strings.TrimSpace(string(body)) != "not ready" {
				t.Fatalf("readyz without media: %d %q", resp.StatusCode, body)
			}
			if resp, _ := http.Get(node.URL + photo); resp.StatusCode != http.StatusNotFound {
				t.Fatalf("a missing photo: %d", resp.StatusCode)
			}
		}
		if n := strings.Count(logs.String(), "media store unreadable"); n != 1 {
			t.Errorf("the media reason was logged %d times, want once:\n%s", n, logs.String())
		}
		if n := strings.Count(logs.String(), "missing on this node"); n != 1 {
			t.Errorf("the missing file was logged %d times, want once", n)
		}
		families, _ := reg.Gather()
		found := false
		for _, f := range families {
			for _, metric := range f.GetMetric() {
				if f.GetName() == "dateline_ready" && metric.GetLabel()[0].GetValue() == "media" {
					found = metric.GetGauge().GetValue() == 0
				}
			}
		}
		if !found {
			t.Error(`dateline_ready{check="media"} is not 0`)
		}

		// Unpublished, the photo is gone, and the purge of the story's tag covers it.
		token := s.Token(people.RoleEditor)
		s.API(token, "POST", "/api/admin/v1/stories/"+sitetest.Itoa(ferries.ID)+"/transition", `{"to":"unpublished"}`)
		if resp, _ := http.Get(s.HTTP.URL + photo); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("the photo of an unpublished story: %d", resp.StatusCode)
		}
	})
}
