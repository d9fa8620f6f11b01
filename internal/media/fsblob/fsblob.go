// Package fsblob stores media files in a directory on the local disk.
package fsblob

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"dateline/internal/media"
)

// Dir is a media.Blobs rooted at a directory.
type Dir struct {
	root *os.Root
	path string
}

// Open creates (if needed) and opens the blob directory.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("media directory %s: %w", path, err)
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, fmt.Errorf("media directory %s: %w", path, err)
	}
	return &Dir{root: root, path: path}, nil
}

// Close releases the directory.
func (d *Dir) Close() error { return d.root.Close() }

// Put writes r to a temporary file and renames it into place, so readers never see
// half a file. os.Root keeps names from escaping the directory.
func (d *Dir) Put(name string, r io.Reader) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("%w: bad file name %q", media.ErrInvalid, name)
	}
	if dir := filepath.Dir(name); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("media: %w", err)
		}
	}
	tmp := name + ".tmp"
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("media: %w", err)
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		_ = d.root.Remove(tmp) // best effort: the write already failed
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		_ = d.root.Remove(tmp) // best effort: the write already failed
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err := d.root.Rename(tmp, name); err != nil {
		return fmt.Errorf("media: %w", err)
	}
	return nil
}

// Remove deletes a stored file; one already gone is not an error.
func (d *Dir) Remove(name string) error {
	if err := d.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("media: %w", err)
	}
	return nil
}

// Open returns the stored file.
func (d *Dir) Open(name string) (io.ReadSeekCloser, error) {
	f, err := d.root.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, media.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("media: %w", err)
	}
	return f, nil
}
