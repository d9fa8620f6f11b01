// Package sqlite is the embedded SQLite engine: it opens a database file configured
// like a server database and carries the SQLite dialect of the schema. It is a leaf:
// it imports no other Dateline package.
package sqlite

import (
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"runtime"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Migrations holds the ordered schema migrations, NNNN_name.sql.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Open opens the database file at path as two pools: a single-connection pool for
// writes (SQLite allows one writer; queuing in Go avoids SQLITE_BUSY) and a pool of
// readers that never block the writer thanks to WAL.
func Open(path string) (read, write *sql.DB, err error) {
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)"
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	// The page caches are bounded so a crawl of the whole archive cannot grow the
	// process past its settings (see CacheBytes): the kernel keeps the file's pages
	// anyway, so a miss here costs a read from memory, not from disk. Bulk loads, which
	// touch index pages all over the file, raise the writer's (see BulkCacheSize).
	// Statement journals stay in memory: they hold the pages one statement changed,
	// and as temporary files every multi-index insert of a bulk load wrote them out.
	write, err = sql.Open("sqlite", base+"&_txlock=immediate&_pragma=temp_store(MEMORY)&_pragma=cache_size("+kib(WriterCacheBytes)+")")
	if err != nil {
		return nil, nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err = sql.Open("sqlite", base+"&_pragma=query_only(ON)&_pragma=cache_size("+kib(ReaderCacheBytes)+")")
	if err != nil {
		write.Close()
		return nil, nil, err
	}
	n := Readers()
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return read, write, nil
}

// The page cache bounds, per connection. CacheBytes is what they allow together.
const (
	WriterCacheBytes = 4 << 20
	ReaderCacheBytes = 2 << 20
	// BulkCacheBytes is the writer's while a bulk load runs.
	BulkCacheBytes = 64 << 20
)

// Readers is the size of the reader pool.
func Readers() int { return max(4, runtime.GOMAXPROCS(0)*2) }

// CacheBytes is the most the page caches of all connections hold together.
func CacheBytes() int { return WriterCacheBytes + Readers()*ReaderCacheBytes }

// CacheSizePragma sets a connection's page cache to n bytes.
func CacheSizePragma(n int) string { return "PRAGMA cache_size = " + kib(n) }

// kib is a cache size in SQLite's negative-KiB form.
func kib(n int) string { return fmt.Sprint(-n >> 10) }

// IsUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY constraint failure.
// Its message names the table and column, e.g. "UNIQUE constraint failed: people.email".
func IsUniqueViolation(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// Version returns the SQLite library version, for diagnostics.
func Version(db *sql.DB) (string, error) {
	var v string
	if err := db.QueryRow("SELECT sqlite_version()").Scan(&v); err != nil {
		return "", fmt.Errorf("sqlite version: %w", err)
	}
	return v, nil
}

// Search SQL: the store writes the rest of each search query around these.
const (
	// IndexDelete removes a story from the index.
	IndexDelete = "DELETE FROM story_fts WHERE rowid = ?"
	// IndexInsert adds a story: id, headline, dek, body, topics.
	IndexInsert = "INSERT INTO story_fts (rowid, headline, dek, body, topics) VALUES (?, ?, ?, ?, ?)"
	// Match selects (id, score) of matching stories, higher scores better; its one
	// parameter is an FTS5 expression. Headline and topics weigh most.
	Match = "SELECT rowid AS id, -bm25(story_fts, 10.0, 4.0, 1.0, 6.0) AS score FROM story_fts WHERE story_fts MATCH ?"
	// IndexCount counts indexed stories.
	IndexCount = "SELECT COUNT(*) FROM story_fts"
	// Unindexed lists published stories missing from the index.
	Unindexed = "SELECT id FROM stories WHERE state = 'published' AND id NOT IN (SELECT rowid FROM story_fts) ORDER BY id"
)

// IsOutage reports a database too busy to answer in time (SQLITE_BUSY or
// SQLITE_LOCKED after the busy timeout): the same request may succeed later.
func IsOutage(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code()&0xff == sqlite3.SQLITE_BUSY || e.Code()&0xff == sqlite3.SQLITE_LOCKED
}
