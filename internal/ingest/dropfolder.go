package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DropFolder ingests the files put in a folder: agencies' FTP drops, or an editor
// saving a file there. A file is taken once it has stopped changing between two
// scans (so half-written uploads wait), then moved to done/ or, with a note of why,
// to failed/. Scanning works on every file system, network mounts included, where
// change notifications do not.
type DropFolder struct {
	In       *Ingester
	Dir      string
	Interval time.Duration // between scans; 2 s when 0
	seen     map[string]fileSig
}

type fileSig struct {
	size int64
	mod  time.Time
}

// Run scans the folder until ctx ends.
func (d *DropFolder) Run(ctx context.Context) error {
	if err := d.Prepare(); err != nil {
		return err
	}
	every := d.Interval
	if every <= 0 {
		every = 2 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		d.Scan(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Prepare makes the folder and its done/ and failed/ subfolders.
func (d *DropFolder) Prepare() error {
	for _, dir := range []string{d.Dir, filepath.Join(d.Dir, "done"), filepath.Join(d.Dir, "failed")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("wire drop folder: %w", err)
		}
	}
	return nil
}

// Scan ingests the files that have not changed since the previous scan.
func (d *DropFolder) Scan(ctx context.Context) []Report {
	if err := d.Prepare(); err != nil {
		return []Report{{Source: d.Dir, Err: err}}
	}
	entries, err := os.ReadDir(d.Dir)
	if err != nil {
		return []Report{{Source: d.Dir, Err: err}}
	}
	last := d.seen
	d.seen = map[string]fileSig{}
	var reports []Report
	for _, ent := range entries {
		name := ent.Name()
		if ent.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		info, err := ent.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		sig := fileSig{info.Size(), info.ModTime()}
		if prev, ok := last[name]; !ok || prev != sig {
			d.seen[name] = sig // still arriving, or new: look again next time
			continue
		}
		path := filepath.Join(d.Dir, name)
		got := d.In.File(ctx, path, FolderChannel(d.Dir))
		reports = append(reports, got...)
		d.file(path, name, got)
	}
	return reports
}

// file moves an ingested file out of the way, keeping failures with their reasons.
func (d *DropFolder) file(path, name string, reports []Report) {
	stamp := time.Now().UTC().Format("20060102T150405.000000000-")
	to := filepath.Join(d.Dir, "done", stamp+name)
	var why []string
	for _, r := range reports {
		if r.Err != nil {
			why = append(why, r.Item.ID+" "+r.Err.Error())
		}
	}
	if len(why) > 0 {
		to = filepath.Join(d.Dir, "failed", stamp+name)
		note := strings.TrimSpace(strings.Join(why, "\n")) + "\n"
		if err := os.WriteFile(to+".why.txt", []byte(note), 0o644); err != nil && d.In.Log != nil {
			d.In.Log.Warn("wire drop folder: cannot write failure note", "file", name, "err", err)
		}
	}
	// Another node sharing the folder may have taken the file first; that is fine.
	if err := os.Rename(path, to); err != nil && !errors.Is(err, os.ErrNotExist) && d.In.Log != nil {
		d.In.Log.Warn("wire drop folder: cannot move file", "file", name, "err", err)
	}
}
