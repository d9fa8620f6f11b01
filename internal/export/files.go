package export

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// fileFor is where a site path's file goes, relative to the export's directory and
// slash-separated: a page at .../slug/ is .../slug/index.html, so nginx, a plain
// file server or a bucket's website hosting serves it at its address as is. The
// name is the path unescaped, as servers look files up.
func fileFor(sitePath string) (string, error) {
	p, err := url.PathUnescape(sitePath)
	if err != nil {
		return "", err
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	clean := path.Clean(p)
	if clean != p || !strings.HasPrefix(clean, "/") || strings.Contains(clean, "\x00") || strings.Contains(clean, "\\") {
		return "", fmt.Errorf("export: %q is not a path a file can have", sitePath)
	}
	return strings.TrimPrefix(clean, "/"), nil
}

// writeFile writes b to name through a temporary file in the same directory and a
// rename, so a file is either the old one or the new one, and a failure (a full
// disk) leaves no partial file behind.
func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return replaceFile(name, b)
}

// replaceFile is writeFile in a directory known to exist.
func replaceFile(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".export-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// removeFile removes a page's file that no longer exists on the site, and the
// directories it leaves empty up to the export's root.
func removeFile(dir, rel string) error {
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for d := filepath.Dir(name); d != filepath.Clean(dir) && strings.HasPrefix(d, filepath.Clean(dir)); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			break // not empty
		}
	}
	return nil
}

// emptyDir empties a directory this export filled from nothing, after a failure.
func emptyDir(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}

// dirs remembers the directories an export has made, so each file does not ask
// the file system for its whole path again.
type dirs struct{ made sync.Map }

func (d *dirs) ensure(dir string) error {
	if _, ok := d.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.made.Store(dir, true)
	return nil
}

// createFile writes a file that did not exist (a first export): no temporary file
// is needed, since a failed first export removes everything it wrote.
func createFile(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	if err := errors.Join(werr, f.Close()); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
