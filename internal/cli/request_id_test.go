package cli

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

	"dateline/internal/people"
	"dateline/internal/web"
)

// TestRequestIDs: every response carries a request ID; a trusted proxy's well-formed
// X-Request-ID is kept, anyone else's is replaced; a server error's page quotes the
// ID, and the log line of that request carries it.
func TestRequestIDs(t *testing.T) {
	s := newTestSite(t)
	var logs lockedBuffer
	handler, _, err := assemble(s.store, mustBlobs(t, t.TempDir()), filepath.Join(t.TempDir(), "theme"),
		slog.New(web.LogContext{Handler: slog.NewTextHandler(&logs, nil)}), s.clock.Now, options{minFillTime: -1})
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
	site, _ := s.store.Site(context.Background())
	site.TrustedProxies = "127.0.0.1"
	if err := s.store.SaveSite(context.Background(), site); err != nil {
		t.Fatal(err)
	}
	if id := get("lb-7f3a.9"); id != "lb-7f3a.9" {
		t.Fatalf("a trusted proxy's request ID was replaced by %q", id)
	}
	if id := get("bad id <script>"); !hexID.MatchString(id) {
		t.Fatalf("a malformed request ID was kept: %q", id)
	}

	// A server error: the page quotes the ID and the log line carries it.
	admin := s.session(people.RoleAdmin) // its cookie holds for the node too: cookies ignore ports
	s.store.DB().Close()
	req, _ := http.NewRequest(
		http.MethodPost,
		node.URL+"/newsroom/sections",
		strings.NewReader(url.Values{"slug": {"x"}, "name": {"X"}, "csrf": {admin.csrf}}.Encode()),
	)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	status, header, page := admin.do(req)
	id := header.Get("X-Request-ID")
	if status < 500 || !strings.Contains(page, "Reference: <code>"+id+"</code>") {
		t.Fatalf("server error %d: page does not quote the request ID %q", status, id)
	}
	if !strings.Contains(logs.String(), "request_id="+id) {
		t.Fatalf("the failed request's log line lacks request_id=%s:\n%s", id, logs.String())
	}
}
