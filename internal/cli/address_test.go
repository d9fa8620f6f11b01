package cli

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/sitetest"
)

// serveAndGet starts serve with args and env, fetches the home page and returns
// its stdout, stderr and the page.
func serveAndGet(t *testing.T, env map[string]string, args ...string) (string, string, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut sitetest.LockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, append([]string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""),
			&out, &errOut, func(k string) string { return env[k] })
	}()
	site := waitFor(t, &out, regexp.MustCompile(`serving (http://\S+)`), done, &errOut)
	resp, err := http.Get(site)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	cancel()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	return out.String(), errOut.String(), string(body)
}

// TestSiteAddress: without --base-url a new site's links use the address actually
// served (--addr :0 included); --base-url or DATELINE_BASE_URL wins over the stored
// setting, with a warning when it names another host than the one served; a
// malformed address is refused.
func TestSiteAddress(t *testing.T) {
	out, errOut, page := serveAndGet(t, nil)
	served := regexp.MustCompile(`Site address: (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(out)
	if served == nil || !strings.Contains(out, "serving "+served[1]+"/") {
		t.Fatalf("start-up does not say the served address: %q", out)
	}
	if !strings.Contains(page, `rel="canonical" href="`+served[1]+`/"`) || strings.Contains(page, "localhost:8080") {
		t.Fatal("the home page's canonical link is not the served address")
	}
	if strings.Contains(errOut, "warning") {
		t.Fatalf("a warning for an address that is the served one: %s", errOut)
	}

	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, []string{"--base-url", "https://news.example/"}},
		{map[string]string{"DATELINE_BASE_URL": "https://news.example"}, nil},
		{map[string]string{"DATELINE_BASE_URL": "https://elsewhere.example"}, []string{"--base-url", "https://news.example"}},
	} {
		out, errOut, page := serveAndGet(t, c.env, c.args...)
		if !strings.Contains(out, "Site address: https://news.example\n") || !strings.Contains(page, `href="https://news.example/"`) {
			t.Fatalf("%v %v: %q", c.env, c.args, out)
		}
		if !strings.Contains(errOut, "warning: The site address https://news.example names another host or port") {
			t.Fatalf("%v %v: no warning: %q", c.env, c.args, errOut)
		}
	}

	for _, bad := range []string{"news.example", "https://news.example/news", "ftp://news.example"} {
		code, _, errOut := run(t, nil, "serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--base-url", bad)
		if code == 0 || !strings.Contains(errOut, "--base-url") {
			t.Fatalf("--base-url %q: exit %d, %q", bad, code, errOut)
		}
	}
}
