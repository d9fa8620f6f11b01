package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dateline/internal/demo"
	"dateline/internal/media/fsblob"
	"dateline/internal/store"
)

// storage is the --data and --db pair every command takes.
type storage struct {
	data string
	db   string
}

// addStorageFlags registers --data and --db, defaulting to DATELINE_DATA and
// DATELINE_DB, then to ./dateline-data and a SQLite file inside it. Flags win over
// the environment.
func addStorageFlags(fs *flag.FlagSet, env Env) *storage {
	s := &storage{}
	fs.StringVar(
		&s.data,
		"data",
		envOr(env, "DATELINE_DATA", "./dateline-data"),
		"data directory for the database, media and theme (env DATELINE_DATA)",
	)
	fs.StringVar(&s.db, "db", env.Getenv("DATELINE_DB"), "database: a SQLite file path; default <data>/dateline.db (env DATELINE_DB)")
	return s
}

func envOr(env Env, key, fallback string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// dsn is the database to open.
func (s *storage) dsn() string {
	if s.db != "" {
		return s.db
	}
	return filepath.Join(s.data, "dateline.db")
}

// open checks the data directory, then opens the store and media directory.
func (s *storage) open(ctx context.Context) (*store.Store, *fsblob.Dir, error) {
	if err := checkDataDir(s.data); err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, s.dsn())
	if err != nil {
		return nil, nil, err
	}
	blobs, err := fsblob.Open(filepath.Join(s.data, "media"))
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, blobs, nil
}

// checkDataDir makes sure the data directory exists and can be written, so a bad
// path fails at start with its name rather than on the first upload.
func checkDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("data directory %s cannot be created: %w", dir, err)
	}
	probe, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return fmt.Errorf("data directory %s is not writable: %w", dir, err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// parseFlags parses args, printing errors and usage to stderr.
func parseFlags(fs *flag.FlagSet, env Env, args []string) error {
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// loadDemoIfEmpty loads the demo newsroom when the site has no content yet, and
// reports whether it did.
func loadDemoIfEmpty(ctx context.Context, s *store.Store, blobs *fsblob.Dir, allowed bool) (bool, error) {
	empty, err := s.IsEmpty(ctx)
	if err != nil || !empty || !allowed {
		return false, err
	}
	if _, err := demo.Load(ctx, s, blobs, time.Now()); err != nil {
		return false, err
	}
	return true, nil
}

// openExisting opens a database file that must already exist.
func openExisting(ctx context.Context, path string) (*store.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return store.Open(ctx, path)
}
