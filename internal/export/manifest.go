package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ManifestName is the file an export keeps beside the site: every page's address,
// file, content hash and the tags of what it was built from. It marks the
// directory as an export (so a later one may replace its files) and lets
// --incremental rewrite only what changed.
const ManifestName = ".dateline-export.json"

type manifest struct {
	Version int              `json:"version"`
	BaseURL string           `json:"base_url"`
	Pages   map[string]entry `json:"pages"` // by site path
}

type entry struct {
	File string   `json:"file"` // relative to the directory, slash-separated
	Hash string   `json:"sha256"`
	Tags []string `json:"tags,omitempty"`
	size int64
}

// ErrNotAnExport refuses a directory that holds files but no export's manifest:
// an export replaces and removes files, and these are someone else's.
var ErrNotAnExport = errors.New("the directory holds other files and no previous export: export into an empty or new directory")

// openDir checks dir and reads the manifest of the export it holds; an empty or
// missing directory has none.
func openDir(dir string) (prev *manifest, fresh bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, true, os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return nil, false, err
	}
	if len(entries) == 0 {
		return nil, true, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("%s: %w", dir, ErrNotAnExport)
	}
	if err != nil {
		return nil, false, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Version != 1 {
		return nil, false, fmt.Errorf("%s: its %s is not a Dateline export's manifest", dir, ManifestName)
	}
	return &m, false, nil
}

// save writes the manifest last, through a temporary file: a run that failed
// midway leaves the previous one in place.
func (m *manifest) save(dir string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, ManifestName), b)
}
