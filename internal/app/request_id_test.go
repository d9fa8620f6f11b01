package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dateline/internal/app"
	"dateline/internal/people"
	"dateline/internal/sitetest"
	"dateline/internal/web"
)

// TestRequestIDs: every response carries a request ID; a trusted proxy's well-formed
// X-Request-ID is kept, anyone else's is replaced; a server error's page quotes the
// ID, and the log line of that request carries it.
func TestRequestIDs(t *testing.T) {
	s := sitetest.New(t)
	var logs sitetest.LockedBuffer
	handler, _, err := app.Assemble(s.Store, sitetest.MustBlobs(t, t.TempDir()), filepath.Join(t.TempDir(), "theme"),
		slog.New(web.LogContext{Handler: slog.NewTextHandler(&logs, nil)}), s.Clock.Now, app.Options{MinFillTime: -1})
	if err != nil {
		t.Fatal(err)
	}
	node := httptest.NewServer(handler)
	defer node.Close()
	get := func(id string) string {
		req, _ := http.NewRequest(http.MethodGet, node.URL+"/", nil)
		if id != "" {
			req.Header.Set("X-Request-ID", id)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("X-Request-ID")
	}
	hexID := regexp.MustCompile(`^[0-9a-f]{16}$`)
	if id := get(""); !hexID.MatchString(id) {
		t.Fatalf("generated request ID %q", id)
	}
	if id := get("from-anyone"); id == "from-anyone" || !hexID.MatchString(id) {
		t.Fatalf("an untrusted client chose its request ID: %q", id)
	}
	site, _ := s.Store.Site(context.Background())
	site.TrustedProxies = "127.0.0.1"
	if err := s.Store.SaveSite(context.Background(), site); err != nil {
		t.Fatal(err)
	}
	if id := get("lb-7f3a.9"); id != "lb-7f3a.9" {
		t.Fatalf("a trusted proxy's request ID was replaced by %q", id)
	}
	if id := get("bad id <script>"); !hexID.MatchString(id) {
		t.Fatalf("a malformed request ID was kept: %q", id)
	}

	// A server error: the page quotes the ID and the log line carries it.
	admin := s.Session(people.RoleAdmin) // its cookie holds for the node too: cookies ignore ports
	s.Store.DB().Close()
	req, _ := http.NewRequest(
		http.MethodPost,
		node.URL+"/newsroom/sections",
		strings.NewReader(url.Values{"slug": {"x"}, "name": {"X"}, "csrf": {admin.CSRF}}.Encode()),
	)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, header, page := admin.Do(req)
	id := header.Get("X-Request-ID")
	if status < 500 || !strings.Contains(page, "Reference: <code>"+id+"</code>") {
		t.Fatalf("server error %d: page does not quote the request ID %q", status, id)
	}
	if !strings.Contains(logs.String(), "request_id="+id) {
		t.Fatalf("the failed request's log line lacks request_id=%s:\n%s", id, logs.String())
	}
}
