package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/sitetest"
)

func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut sitetest.LockedBuffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

func TestServeLoadsDemoAndServes(t *testing.T) {
	data := filepath.Join(t.TempDir(), "site")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut sitetest.LockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errOut,
			func(k string) string { return map[string]string{"DATELINE_DATA": data}[k] })
	}()
	url := waitFor(t, &out, regexp.MustCompile(`serving (http://\S+)`), done, &errOut)
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Harbour ferries return") {
		t.Fatalf("home page: status %d, demo story missing", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(data, "dateline.db")); err != nil {
		t.Fatalf("the database was not created in DATELINE_DATA: %v", err)
	}
	if !strings.Contains(out.String(), "dateline user add --email") {
		t.Fatalf("serve without an admin does not say how to create one: %q", out.String())
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d after shutdown: %s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// waitFor polls w until re matches, failing if the command exits first.
func waitFor(t *testing.T, w interface{ String() string }, re *regexp.Regexp, done chan int, errOut interface{ String() string }) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(w.String()); m != nil {
			return m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("command exited %d early: %s", code, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("waited 30s for %s; output %q", re, w.String())
	return ""
}

func TestBadDataDirectory(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, nil, "migrate", "--data", filepath.Join(file, "data"))
	if code != 1 || !strings.Contains(stderr, filepath.Join(file, "data")) {
		t.Fatalf("data dir under a file: exit %d, stderr %q: want 1 and the path named", code, stderr)
	}

	corrupt := filepath.Join(dir, "corrupt")
	if err := os.MkdirAll(corrupt, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corrupt, "dateline.db"), bytes.Repeat([]byte("garbage!"), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, nil, "serve", "--data", corrupt, "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, filepath.Join(corrupt, "dateline.db")) {
		t.Fatalf("corrupt database: exit %d, stderr %q", code, stderr)
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	envDir, flagDir := t.TempDir(), t.TempDir()
	code, out, stderr := run(t, map[string]string{"DATELINE_DATA": envDir}, "migrate", "--data", flagDir)
	if code != 0 || !strings.Contains(out, "database is at schema version ") {
		t.Fatalf("migrate: exit %d %q %q", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(flagDir, "dateline.db")); err != nil {
		t.Error("--data was not used")
	}
	if _, err := os.Stat(filepath.Join(envDir, "dateline.db")); err == nil {
		t.Error("DATELINE_DATA was used although --data was given")
	}
	dbPath := filepath.Join(t.TempDir(), "elsewhere.db")
	if code, _, stderr := run(t, map[string]string{"DATELINE_DB": dbPath}, "migrate", "--data", flagDir); code != 0 {
		t.Fatalf("migrate with DATELINE_DB: %s", stderr)
	}
	if _, err := os.Stat(dbPath); err != nil {
		t.Error("DATELINE_DB was not used")
	}
}

func TestDemoCommand(t *testing.T) {
	data := t.TempDir()
	code, out, stderr := run(t, nil, "demo", "--data", data, "--stories", "300")
	if code != 0 || !strings.Contains(out, "Loaded the demo newsroom") || !strings.Contains(out, "Added 300 stories") {
		t.Fatalf("demo: exit %d, out %q, err %q", code, out, stderr)
	}
	code, _, stderr = run(t, nil, "demo", "--data", data)
	if code != 1 || !strings.Contains(stderr, "already has content") {
		t.Fatalf("demo into a full site: exit %d %q", code, stderr)
	}
	if code, _, _ := run(t, nil, "demo", "--data", data, "--stories", "-3"); code != 1 {
		t.Fatalf("negative --stories: exit %d", code)
	}
	if code, _, _ := run(t, nil, "demo", "--data", data, "--stories", "many"); code != 2 {
		t.Fatalf("bad --stories: exit %d, want 2", code)
	}
	if code, _, stderr := run(t, nil, "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("unknown command: exit %d %q", code, stderr)
	}
}

// waitServing waits for serve to print its URL.
func waitServing(t *testing.T, out *sitetest.LockedBuffer, done chan int) string {
	t.Helper()
	return waitFor(t, out, regexp.MustCompile(`serving (http://\S+)`), done, out)
}
