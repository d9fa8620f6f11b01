// Package pgtest gives tests their own PostgreSQL database. The server comes from
// DATELINE_TEST_POSTGRES_URL; without it the test is skipped with a message, unless
// DATELINE_REQUIRE_POSTGRES=1 (set in CI), where a skip would hide a failure and so
// fails instead. Each test gets a fresh database cloned from a migrated template
// (cloning is much faster than migrating) and dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection

	"dateline/internal/store"
	"dateline/internal/store/postgres"
)

// Available reports whether PostgreSQL tests can run, and why not.
func Available() (string, bool) {
	u := os.Getenv("DATELINE_TEST_POSTGRES_URL")
	if u == "" {
		return "DATELINE_TEST_POSTGRES_URL is not set (for example postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable); PostgreSQL tests skipped", false
	}
	return u, true
}

// URL returns the URL of a new, migrated, empty database for this test.
func URL(t testing.TB) string {
	t.Helper()
	base, ok := Available()
	if !ok {
		if os.Getenv("DATELINE_REQUIRE_POSTGRES") == "1" {
			t.Fatal(base)
		}
		t.Skip(base)
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		t.Fatalf("PostgreSQL at DATELINE_TEST_POSTGRES_URL: %v", err)
	}
	defer conn.Close()
	// One test at a time builds the template or clones it: CREATE DATABASE ... TEMPLATE
	// needs the template to have no other sessions.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(74110002)"); err != nil {
		t.Fatalf("PostgreSQL at DATELINE_TEST_POSTGRES_URL: %v", err)
	}
	defer func() { _, _ = conn.ExecContext(ctx, "SELECT pg_advisory_unlock(74110002)") }() // closing the session unlocks too
	tmpl := "dateline_tmpl_" + schemaHash(t)
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tmpl).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if !exists {
		if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+tmpl); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(ctx, withDatabase(t, base, tmpl))
		if err != nil {
			_, _ = conn.ExecContext(ctx, "DROP DATABASE "+tmpl) // the next run builds it again
			t.Fatalf("migrating the template database: %v", err)
		}
		st.Close()
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "dateline_test_" + hex.EncodeToString(b)
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tmpl); err != nil {
		t.Fatalf("cloning the template database: %v", err)
	}
	t.Logf("PostgreSQL test database %s", name) // .ci/run counts these lines
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	return withDatabase(t, base, name)
}

func withDatabase(t testing.TB, base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("DATELINE_TEST_POSTGRES_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// schemaHash names the template after the migrations, so a new migration gets a
// new template instead of a stale one.
func schemaHash(t testing.TB) string {
	h := sha256.New()
	// How migrations are recorded matters as much as what they are: the rolling
	// upgrade rule keeps expansions out of schema_version.
	fmt.Fprintln(h, "recorded: schema_version for the baseline and contractions, schema_migrations for all")
	err := fs.WalkDir(postgres.Migrations, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(postgres.Migrations, path)
		fmt.Fprintf(h, "%s\n%s\n", path, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
