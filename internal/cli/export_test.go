package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dateline export writes the site's files and says what it did; it refuses a
// directory of someone else's files with a clear message and a failing exit, and
// a second run into its own export replaces it.
func TestExportCommand(t *testing.T) {
	data := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := run(t, nil, "demo", "--data", data); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "export")
	code, stdout, stderr := run(t, nil, "export", "--data", data, "--base-url", "https://news.example.org", out)
	if code != 0 || !strings.Contains(stdout, "Exported") || !strings.Contains(stdout, "https://news.example.org") {
		t.Fatalf("export: exit %d, %s %s", code, stdout, stderr)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(home), `<link rel="canonical" href="https://news.example.org/">`) {
		t.Fatalf("the exported home page does not name the given address: %v", err)
	}
	code, stdout, stderr = run(t, nil, "export", "--data", data, "--base-url", "https://news.example.org", "--incremental", out)
	if code != 0 || !strings.Contains(stdout, "0 written") {
		t.Errorf("an incremental export of an unchanged site: exit %d, %s %s", code, stdout, stderr)
	}

	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "thesis.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, nil, "export", "--data", data, foreign); code != 1 || !strings.Contains(stderr, "no previous export") {
		t.Errorf("export into someone else's directory: exit %d, %s", code, stderr)
	}
	if code, _, _ := run(t, nil, "export", "--data", data); code != 2 {
		t.Errorf("export without a directory: exit %d, want 2", code)
	}
	if code, _, stderr := run(t, nil, "export", "--data", data, "--live-url", "not a url", out); code != 1 ||
		!strings.Contains(stderr, "--live-url") {
		t.Errorf("a bad --live-url: exit %d, %s", code, stderr)
	}
}
