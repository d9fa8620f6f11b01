package theme

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOverrideDirectoryWins(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "static", "site.css"), []byte("body{color:red}"), 0o644)
	os.WriteFile(filepath.Join(dir, "templates", "page.html"), []byte(`{{define "main"}}<p>Our own page</p>{{end}}`), 0o644)
	def, err := Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	th, err := Load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	u1, _ := def.AssetURL("site.css")
	u2, _ := th.AssetURL("site.css")
	if u1 == u2 {
		t.Fatal("overridden CSS kept the default fingerprint")
	}
	a, ok := th.Asset(strings.TrimPrefix(u2, "/static/"))
	if !ok || string(a.Body) != "body{color:red}" || a.ContentType != "text/css; charset=utf-8" {
		t.Fatalf("overridden asset = %q %q", a.Body, a.ContentType)
	}
	if _, err := th.AssetURL("logo.svg"); err != nil {
		t.Error("files not overridden must still come from the default theme")
	}
	var buf bytes.Buffer
	data := map[string]any{"Lang": "en", "Title": "T", "Site": map[string]string{"Name": "N", "CopyrightHolder": "C"}}
	if err := th.Render(&buf, "en", "page", data); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Our own page") {
		t.Fatal("overridden template not used")
	}
}

func TestBrokenOverrideFailsAtLoad(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	os.WriteFile(filepath.Join(dir, "templates", "story.html"), []byte(`{{define "main"}}{{.Oops`), 0o644)
	if _, err := Load(dir, nil); err == nil || !strings.Contains(err.Error(), "story") {
		t.Fatalf("a broken template: err = %v, want a load error naming the page", err)
	}
}
