package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/internal/store"
	"dateline/internal/store/storetest"
)

func TestSQLiteConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "site.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = store.Open(context.Background(), path)
	if !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "999") {
		t.Fatalf("opening a newer database: err = %v, want ErrNewerSchema naming the path and version", err)
	}
}

// TestOpenAcceptsANewerReleasesExpansion: a newer release's expand migrations
// (recorded in schema_migrations only) leave the database usable by this one, as a
// rolling upgrade needs; the existing baseline and this release's own expand
// migration are recorded where older and newer programs look.
func TestOpenAcceptsANewerReleasesExpansion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "site.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var required, newest int
	if err := db.QueryRow("SELECT MAX(version) FROM schema_version").Scan(&required); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT MAX(version) FROM schema_migrations").Scan(&newest); err != nil {
		t.Fatal(err)
	}
	if required != 8 || newest < 9 {
		t.Fatalf("schema_version %d, schema_migrations up to %d: the outbox (9) is an expansion older releases live with", required, newest)
	}
	if _, err := db.Exec("CREATE TABLE future_things (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)"); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("a newer release's expansion: %v", err)
	}
	s.Close()
}

func TestOpenCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "site.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 500), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("opening a corrupt file: err = %v, want an error naming %s", err, path)
	}
	data, _ := os.ReadFile(path)
	if !bytes.HasPrefix(data, []byte("not a database")) {
		t.Fatal("opening a corrupt file changed it")
	}
}
