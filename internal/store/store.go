// Package store implements every domain Store contract over database/sql. The SQL is
// written once in portable form with ? placeholders; the engine packages own what
// differs (driver, pool setup, schema dialect, error codes).
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"dateline/internal/search"
	"dateline/internal/store/postgres"
	"dateline/internal/store/sqlite"
)

// Store is the one database behind a Dateline site.
type Store struct {
	read    *sql.DB
	write   *sql.DB
	engine  engine
	now     func() time.Time
	changes changeHub
	feed    feedState
	node    string // this process, so it can ignore its own notifications
	purges  atomic.Bool
	address siteAddress
	dsn     string
	// readStmts are the read pool's prepared statements (SQLite only).
	readStmts *readStmts
}

// engine is what differs between SQLite and PostgreSQL.
type engine struct {
	name       string
	migrations fs.FS
	isUnique   func(error) bool
	isOutage   func(error) bool // the server cannot be reached or cannot serve now
	// lock and unlock bracket migrations so that nodes starting together take
	// turns (PostgreSQL advisory lock); SQLite's single writer needs none.
	lock, unlock string
	search       searchSQL
	notify       string // SQL that tells other nodes of a change; "" on SQLite
	forUpdate    string // row locks for a read inside a write transaction; "" on SQLite (one writer)
	skipLocked   string // the same, skipping rows another transaction holds
}

// ErrNewerSchema means the database was written by a newer Dateline.
var ErrNewerSchema = errors.New("database schema is newer than this program")

// Open opens (creating if needed) the database named by dsn, applies pending migrations
// and returns the store. A dsn without a URL scheme is a SQLite file path.
func Open(ctx context.Context, dsn string) (*Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case strings.Contains(dsn, "://"):
		return nil, fmt.Errorf("store: unsupported database %q: use a SQLite file path or a postgres:// URL", redact(dsn))
	}
	return openSQLite(ctx, dsn)
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s := &Store{read: db, write: db, now: time.Now, node: newNodeID(), dsn: dsn,
		engine: engine{
			name:       "postgres",
			migrations: mustSub(postgres.Migrations, "migrations"),
			isUnique:   postgres.IsUniqueViolation,
			isOutage:   postgres.IsOutage,
			lock:       "SELECT pg_advisory_lock(74110001)",
			unlock:     "SELECT pg_advisory_unlock(74110001)",
			notify:     postgres.Notify,
			forUpdate:  " FOR UPDATE",
			skipLocked: " FOR UPDATE SKIP LOCKED",
			search: searchSQL{indexDelete: postgres.IndexDelete, indexInsert: postgres.IndexInsert, match: postgres.Match,
				indexCount: postgres.IndexCount, unindexed: postgres.Unindexed, all: search.Websearch, any: search.AnyWebsearch},
		}}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: %s: %w", redact(dsn), err)
	}
	if err := s.reindexIfStale(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: %s: %w", redact(dsn), err)
	}
	return s, nil
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: cannot create data directory %s: %w", dir, err)
		}
	}
	read, write, err := sqlite.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{
		read: read, write: write, now: time.Now, node: newNodeID(), readStmts: &readStmts{db: read, stmts: map[string]*sql.Stmt{}},
		engine: engine{
			name:       "sqlite",
			migrations: mustSub(sqlite.Migrations, "migrations"),
			isUnique:   sqlite.IsUniqueViolation,
			isOutage:   sqlite.IsOutage,
			search: searchSQL{indexDelete: sqlite.IndexDelete, indexInsert: sqlite.IndexInsert, match: sqlite.Match,
				indexCount: sqlite.IndexCount, unindexed: sqlite.Unindexed, all: search.FTS5, any: search.AnyFTS5},
		},
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if err := s.dropValueStats(ctx); err != nil { // a site analysed by an earlier release
		s.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if err := s.reindexIfStale(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return s, nil
}

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// redact hides a password in a database URL so it can be shown in an error.
func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return dsn
	}
	return dsn[:scheme+3] + "…" + dsn[at:]
}

// newNodeID names this process among the nodes sharing a database.
func newNodeID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ListenForChanges delivers other nodes' changes to OnChange listeners until ctx
// ends (PostgreSQL; SQLite has one node). While the change feed is lost, ChangeFeed
// says since when; once it is back, a change to everything is reported (every
// cached page may show what changed meanwhile) before the feed counts as live.
func (s *Store) ListenForChanges(ctx context.Context) {
	if s.engine.name != "postgres" {
		s.watchOtherProcesses(ctx, time.Second)
		return
	}
	s.feed.lose(s.now()) // not live until the first connection
	postgres.Listen(ctx, s.dsn, 250*time.Millisecond, s.received,
		func() { s.feed.lose(s.now()) },
		func() { s.deliver([]string{TagSite}); s.feed.restore() })
}

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.engine.name }

// Close releases both pools.
func (s *Store) Close() error {
	if s.readStmts != nil {
		s.readStmts.close()
	}
	if s.read == s.write {
		return s.write.Close()
	}
	return errors.Join(s.read.Close(), s.write.Close())
}

// SetClock replaces the store's clock, for tests of time-dependent behaviour.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// clock is the store's now at the precision it stores, so what a caller holds after
// a write equals what a later read returns.
func (s *Store) clock() time.Time { return fromMicros(micros(s.now())) }

// Times are stored as microseconds since the epoch (see migration 0001).

func micros(t time.Time) int64 { return t.UTC().UnixMicro() }

func nullMicros(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: micros(t), Valid: true}
}

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

func fromNullMicros(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMicros(v.Int64)
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// Snapshot writes a consistent copy of a SQLite database to path while the site keeps
// running (VACUUM INTO reads one snapshot of the WAL database).
func (s *Store) Snapshot(ctx context.Context, path string) error {
	if s.engine.name != "sqlite" {
		return errors.New("store: snapshots are for SQLite sites; back up PostgreSQL with pg_dump (see docs/deploy.md)")
	}
	if _, err := s.wr(ctx).ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("store: snapshot to %s: %w", path, err)
	}
	return nil
}

// Optimize refreshes the query planner's statistics, as after a bulk load: without
// them PostgreSQL plans a fresh table's queries as if it were empty.
func (s *Store) Optimize(ctx context.Context) error {
	stmt := "ANALYZE"
	if s.engine.name == "postgres" {
		stmt = "VACUUM ANALYZE" // also marks pages all-visible, so counts can use indexes alone
	}
	if _, err := s.wr(ctx).ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	return s.dropValueStats(ctx)
}

// dropValueStats empties SQLite's per-value statistics (sqlite_stat4), keeping the
// per-index ones. With them, SQLite prepares a statement again whenever a new
// value is bound to a parameter that they might plan differently: the prepared
// read statements were parsed again at nearly every call, a fifth of a cold story
// page's time. The indexes our queries use are plain enough to plan without them.
func (s *Store) dropValueStats(ctx context.Context) error {
	if s.engine.name != "sqlite" {
		return nil
	}
	var n int
	if err := s.wr(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'").Scan(&n); err != nil || n == 0 {
		return err
	}
	if _, err := s.wr(ctx).ExecContext(ctx, "DELETE FROM sqlite_stat4"); err != nil {
		return fmt.Errorf("store: statistics: %w", err)
	}
	return nil
}

// Ready reports whether the database answers and its schema is this program's.
func (s *Store) Ready(ctx context.Context) error {
	all, err := readMigrations(s.engine.migrations)
	if err != nil {
		return err
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	if v != len(all) {
		return fmt.Errorf("schema version %d, this program needs %d", v, len(all))
	}
	return nil
}

// DB is the connection pool used for writes, for metrics on its use.
func (s *Store) DB() *sql.DB { return s.write }
