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
