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
	"dateline/internal/store/pgtest"
)

// TestServeOnPostgres: serve seeds PostgreSQL only when asked with --demo.
func TestServeOnPostgres(t *testing.T) {
	for _, withDemo := range []bool{false, true} {
		dsn := pgtest.URL(t)
		args := []string{"serve", "--data", t.TempDir(), "--addr", "127.0.0.1:0", "--db", dsn}
		if withDemo {
			args = append(args, "--demo")
		}
		ctx, cancel := context.WithCancel(context.Background())
		var out, errOut sitetest.LockedBuffer
		done := make(chan int, 1)
		go func() {
			done <- Run(ctx, args, strings.NewReader(""), &out, &errOut, func(k string) string {
				return map[string]string{"DATELINE_SECRET_KEY": "a test key that is long enough for the rule"}[k]
			})
		}()
		url := waitFor(t, &out, regexp.MustCompile(`serving (http://\S+)`), done, &errOut)
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "Harbour ferries return") != withDemo {
			t.Fatalf("--demo %v: demo stories present = %v", withDemo, !withDemo)
		}
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Fatalf("serve exited %d: %s", code, errOut.String())
			}
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
}

// TestUnreachablePostgres: a clear error naming the host, never the password.
func TestUnreachablePostgres(t *testing.T) {
	var out, errOut strings.Builder
	code := Run(
		context.Background(),
		[]string{"migrate", "--data", t.TempDir(), "--db", "postgres://editor:s3cret-pw@127.0.0.1:1/news?sslmode=disable&connect_timeout=3"},
		strings.NewReader(""),
		&out,
		&errOut,
		func(string) string { return "" },
	)
	msg := errOut.String()
	if code != 1 || !strings.Contains(msg, "127.0.0.1:1/news") || !strings.Contains(msg, `"editor"`) || strings.Contains(msg, "s3cret-pw") {
		t.Fatalf("exit %d, stderr %q: want 1, naming host, database and user, without the password", code, msg)
	}
	if _, ok := pgtest.Available(); !ok {
		return
	}
	code = Run(
		context.Background(),
		[]string{"migrate", "--data", t.TempDir(), "--db", "postgres://nobody:wrong-pw@127.0.0.1:5432/postgres?sslmode=disable"},
		strings.NewReader(""),
		&out,
		&errOut,
		func(string) string { return "" },
	)
	if code != 1 || strings.Contains(errOut.String(), "wrong-pw") {
		t.Fatalf("wrong credentials: exit %d, stderr %q", code, errOut.String())
	}
}
