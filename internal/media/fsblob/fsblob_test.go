package fsblob

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/media"
)

func TestPutOpen(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Put("2026/11/photo.png", strings.NewReader("bytes")); err != nil {
		t.Fatal(err)
	}
	f, err := d.Open("2026/11/photo.png")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if string(b) != "bytes" {
		t.Fatalf("read %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "2026/11/photo.png.tmp")); !errors.Is(err, os.ErrNotExist) {
		t.Error("temporary file left behind")
	}
	if _, err := d.Open("missing.png"); !errors.Is(err, media.ErrNotFound) {
		t.Errorf("missing file: err = %v", err)
	}
	for _, bad := range []string{"../escape.png", "/abs.png", "a/../../b.png", ""} {
		if err := d.Put(bad, strings.NewReader("x")); err == nil {
			t.Errorf("Put(%q) escaped the directory", bad)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.png")); err == nil {
		t.Error("a file was written outside the directory")
	}
}
