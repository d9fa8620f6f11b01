package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

type migration struct {
	version int
	name    string
	sql     string
	// contract marks a migration that older programs cannot live with (it drops
	// or renames what they use). Every other migration only expands the schema.
	contract bool
}

// Rolling upgrades: nodes of two releases share a database while the new release
// rolls out, so migrations expand and contract in separate releases. A release adds
// tables and columns (an expand migration) and writes both the old and the new
// shapes; only a later release, once no node runs the old code, removes the old
// shape (a contract migration, whose file starts with "-- contract").
//
// schema_version records the migrations a program must know to use the database:
// the baseline (1 to lastBaseline) and every contract migration. Older programs
// refuse a database whose schema_version is past what they know, so they never run
// against a contracted schema. Expand migrations are recorded in schema_migrations
// only, which older programs do not read: they keep serving and writing beside
// the new release.
const lastBaseline = 8

// contractMarker starts the file of a contract migration.
const contractMarker = "-- contract"

// migrations reads NNNN_name.sql files in version order.
func readMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and an underscore", name)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(body),
			contract: v <= lastBaseline || strings.HasPrefix(string(body), contractMarker)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion returns the latest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.write.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM
		(SELECT version FROM schema_version UNION SELECT version FROM schema_migrations) v`).Scan(&v)
	return v, err
}

// migrate applies pending migrations, each in its own transaction, and refuses a
// database that a newer program has already migrated further.
func (s *Store) migrate(ctx context.Context) error {
	all, err := readMigrations(s.engine.migrations)
	if err != nil {
		return err
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.engine.lock != "" {
		if _, err := conn.ExecContext(ctx, s.engine.lock); err != nil {
			return fmt.Errorf("lock for migrations: %w", err)
		}
		defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), s.engine.unlock) }() // closing the session unlocks too
	}
	for _, table := range []string{"schema_version", "schema_migrations"} {
		if _, err := conn.ExecContext(ctx,
			"CREATE TABLE IF NOT EXISTS "+table+" (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"); err != nil {
			return fmt.Errorf("cannot read the database (is it a %s database?): %w", s.engine.name, err)
		}
	}
	var required int
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&required); err != nil {
		return err
	}
	if required > len(all) {
		return fmt.Errorf("%w: the database is at schema version %d but this dateline knows only up to %d; run a newer dateline",
			ErrNewerSchema, required, len(all))
	}
	applied := map[int]bool{}
	rows, err := conn.QueryContext(ctx, "SELECT version FROM schema_version UNION SELECT version FROM schema_migrations")
	if err != nil {
		return err
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range all {
		if applied[m.version] {
			continue
		}
		if err := applyMigration(ctx, conn, m, micros(s.clock())); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// applyMigration runs one migration and records it, in one transaction.
func applyMigration(ctx context.Context, conn *sql.Conn, m migration, at int64) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", m.version, at); err != nil {
		tx.Rollback()
		return err
	}
	if m.contract {
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", m.version, at); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}
