package cli

import (
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/sitetest"
)

// TestServerLimits: a client that sends headers too slowly is cut off, and one that
// sends huge headers gets 431, so neither can tie up the server.
func TestServerLimits(t *testing.T) {
	srv := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }), sitetest.DiscardLog(),
		serverLimits{readHeader: 300 * time.Millisecond, maxHeaderBytes: 4 << 10})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	slow, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")) // and then nothing
	slow.SetReadDeadline(time.Now().Add(15 * time.Second))
	if _, err := io.ReadAll(slow); err != nil {
		t.Fatalf("a slow client was not cut off within 15 s: %v", err)
	}

	req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/", nil)
	req.Header.Set("X-Huge", strings.Repeat("a", 16<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("huge headers: %d, want 431", resp.StatusCode)
	}
}

// TestOperationsEndpoints: health checks on the site's port, metrics on their own.
func TestOperationsEndpoints(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut sitetest.LockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"},
			strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	}()
	site := waitFor(t, &out, regexp.MustCompile(`serving (http://\S+)`), done, &errOut)
	metrics := waitFor(t, &out, regexp.MustCompile(`Metrics at (http://\S+)`), done, &errOut)
	for _, path := range []string{"healthz", "readyz", "", ""} {
		resp, err := http.Get(site + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET /%s: %d", path, resp.StatusCode)
		}
	}
	resp, err := http.Get(metrics)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`dateline_http_requests_total{route="home",status="200"} 2`, "dateline_http_request_seconds_bucket",
		"dateline_cache_hits_total 1", "dateline_cache_misses_total", `go_sql_max_open_connections{db_name="dateline"}`,
		`dateline_outbox_backlog{kind="story.related"} 0`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if resp, err := http.Get(site + "metrics"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Fatal("metrics are on the public port")
		}
	}
}
