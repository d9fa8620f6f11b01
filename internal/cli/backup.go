package cli

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// backupCmd writes a consistent copy of a running SQLite site (database and media)
// to a .tar.gz file.
func backupCmd(ctx context.Context, env Env, args []string) error {
	flags := flag.NewFlagSet("backup", flag.ContinueOnError)
	st := addStorageFlags(flags, env)
	flags.SetOutput(env.Stderr)
	if err := flags.Parse(args); err != nil {
		return errUsage
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "Usage: dateline backup [--data DIR] FILE.tar.gz")
		return errUsage
	}
	out := flags.Arg(0)
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	blobs.Close()
	tmpDir, err := os.MkdirTemp(filepath.Dir(out), ".dateline-backup-")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	snapshot := filepath.Join(tmpDir, "dateline.db")
	if err := s.Snapshot(ctx, snapshot); err != nil {
		return err
	}
	partial := out + ".partial"
	files, err := writeArchive(partial, snapshot, filepath.Join(st.data, "media"))
	if err != nil {
		os.Remove(partial)
		return err
	}
	if err := os.Rename(partial, out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	info, _ := os.Stat(out)
	fmt.Fprintf(env.Stdout, "Backed up the database and %d media files to %s (%.1f MB).\n", files, out, float64(info.Size())/1e6)
	return nil
}

// writeArchive puts the database snapshot and the media tree into a gzipped tar.
func writeArchive(path, database, mediaDir string) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	add := func(name, src string) error {
		in, err := os.Open(src)
		if err != nil {
			return err
		}
		defer in.Close()
		info, err := in.Stat()
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: info.Size(), ModTime: info.ModTime()}); err != nil {
			return err
		}
		_, err = io.Copy(tw, in)
		return err
	}
	if err := add("dateline.db", database); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	files := 0
	err = filepath.WalkDir(mediaDir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".tmp") {
			return err
		}
		rel, _ := filepath.Rel(mediaDir, p)
		files++
		return add("media/"+filepath.ToSlash(rel), p)
	})
	if err != nil {
		return files, fmt.Errorf("backup: %w", err)
	}
	if err := tw.Close(); err != nil {
		return files, err
	}
	if err := gz.Close(); err != nil {
		return files, err
	}
	return files, f.Sync()
}

// restoreCmd brings a backup back into a data directory, refusing to replace a site
// that has content unless --force is given.
func restoreCmd(ctx context.Context, env Env, args []string) error {
	flags := flag.NewFlagSet("restore", flag.ContinueOnError)
	force := flags.Bool("force", false, "replace the site in the data directory even if it has content")
	st := addStorageFlags(flags, env)
	flags.SetOutput(env.Stderr)
	if err := flags.Parse(args); err != nil {
		return errUsage
	}
	if flags.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "Usage: dateline restore [--data DIR] [--force] FILE.tar.gz")
		return errUsage
	}
	if strings.Contains(st.dsn(), "://") {
		return errors.New("restore brings back SQLite sites; restore PostgreSQL with pg_restore (see docs/deploy.md)")
	}
	if err := checkDataDir(st.data); err != nil {
		return err
	}
	lock, err := lockData(st.data, true)
	if err != nil {
		return err
	}
	defer lock.Release()
	if _, err := os.Stat(st.dsn()); err == nil && !*force {
		s, err := openExisting(ctx, st.dsn())
		if err != nil {
			return err
		}
		empty, err := s.IsEmpty(ctx)
		s.Close()
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("the site in %s has content; restore with --force to replace it", st.data)
		}
	}
	staging, err := os.MkdirTemp(st.data, ".restore-")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(staging)
	files, err := extractArchive(flags.Arg(0), staging)
	if err != nil {
		return err
	}
	// Check the restored database opens before anything is replaced.
	s, err := openExisting(ctx, filepath.Join(staging, "dateline.db"))
	if err != nil {
		return fmt.Errorf("the backup's database cannot be opened: %w", err)
	}
	s.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(st.dsn() + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.RemoveAll(filepath.Join(st.data, "media")); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(filepath.Join(staging, "dateline.db"), st.dsn()); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(filepath.Join(staging, "media"), filepath.Join(st.data, "media")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(env.Stdout, "Restored the database and %d media files into %s.\n", files, st.data)
	return nil
}

// extractArchive unpacks a backup into dir, refusing entries that would land outside it.
func extractArchive(path, dir string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return 0, fmt.Errorf("restore: %s is not a dateline backup (not gzip): %w", path, err)
	}
	tr := tar.NewReader(gz)
	files, sawDB := 0, false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return files, fmt.Errorf("restore: %s is damaged: %w", path, err)
		}
		if !fs.ValidPath(h.Name) || (h.Name != "dateline.db" && !strings.HasPrefix(h.Name, "media/")) || h.Typeflag != tar.TypeReg {
			return files, fmt.Errorf("restore: %s has an unexpected entry %q", path, h.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return files, err
		}
		out, err := os.Create(target)
		if err != nil {
			return files, err
		}
		_, err = io.Copy(out, tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return files, fmt.Errorf("restore: %w", err)
		}
		if h.Name == "dateline.db" {
			sawDB = true
		} else {
			files++
		}
	}
	if !sawDB {
		return files, fmt.Errorf("restore: %s has no database", path)
	}
	return files, nil
}
