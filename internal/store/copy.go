package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// copyOrder lists every table in an order that satisfies foreign keys, with the
// ORDER BY that keeps parents before children within a table.
var copyOrder = []struct{ table, order string }{
	{"site_settings", "id"}, {"sections", "parent_id IS NOT NULL, id"}, {"topics", "id"}, {"bureaus", "id"},
	{"people", "id"}, {"media", "id"}, {"stories", "id"}, {"story_topics", "story_id, topic_id"},
	{
		"story_authors",
		"story_id, person_id",
	}, {"story_related", "story_id, related_id"}, {"story_related_auto", "story_id, related_id"}, {"story_sites", "story_id, position"},
	{"story_notes", "story_id, position"}, {"story_old_slugs", "slug"}, {"story_revisions", "story_id, version"},
	{"fronts", "section_id, position"}, {"messages", "id"}, {"sessions", "token_hash"}, {"api_tokens", "token_hash"},
	{"invites", "token_hash"}, {"attempt_counters", "key"}, {"audit_log", "id"}, {"story_autosaves", "person_id, story_id"},
	{"rate_events", "key, at"}, {"site_secret", "id"}, {"wire_items", "id"}, {"wire_versions", "wire_id, seq"},
	{"wire_uses", "story_id"}, {"outbox", "id"}, {"story_tombstones", "slug"}, {"redirects", "from_path"}, {"site_pages", "id"},
	{"site_page_revisions", "page_id, version"}, {"story_media", "story_id, media_id"},
	{"import_links", "source, kind, old_id"},
	{"front_versions", "section_id"},
}

// identityTables have an id column whose sequence must continue after the copy.
var identityTables = []string{"sections", "topics", "bureaus", "people", "media", "stories", "messages", "audit_log", "wire_items",
	"outbox", "site_pages"}

// seeded are the rows migrations give every new database (the terms page, as
// long as no one has edited it): they do not make a target "not empty", and the
// copy replaces them with the source's.
var seeded = map[string]string{"site_pages": "slug = 'terms' AND version = 1 AND modified_by IS NULL"}

// seed is the condition matching a table's seeded rows (none: FALSE).
func seed(table string) string {
	if cond, ok := seeded[table]; ok {
		return cond
	}
	return "1 = 0"
}

// TableReport is one table's copy: rows and a checksum, equal on both sides.
type TableReport struct {
	Table    string
	Rows     int
	Checksum string
}

// ErrTargetNotEmpty refuses a copy into a database that already has content.
var ErrTargetNotEmpty = errors.New("the target database already has content")

// CopyTo copies the whole site from s into the empty store to, in one transaction
// on the target: it either has everything, with every table's row count and
// checksum verified against the source, or nothing.
func (s *Store) CopyTo(ctx context.Context, to *Store) ([]TableReport, error) {
	if v1, err := s.SchemaVersion(ctx); err != nil {
		return nil, err
	} else if v2, err := to.SchemaVersion(ctx); err != nil || v1 != v2 {
		return nil, fmt.Errorf("store: copy: schema versions differ (%d and %d); run both with this dateline", v1, v2)
	}
	for _, t := range copyOrder {
		var n int
		if err := to.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.table+" WHERE NOT ("+seed(t.table)+")").Scan(&n); err != nil {
			return nil, fmt.Errorf("store: copy: %w", err)
		}
		if n > 0 {
			return nil, fmt.Errorf("%w: table %s has %d rows", ErrTargetNotEmpty, t.table, n)
		}
	}
	var reports []TableReport
	err := to.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		for _, t := range copyOrder {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.table+" WHERE "+seed(t.table)); err != nil {
				return fmt.Errorf("table %s: %w", t.table, err)
			}
			rep, err := copyTable(ctx, s.read, tx, t.table, t.order)
			if err != nil {
				return fmt.Errorf("table %s: %w", t.table, err)
			}
			check, err := checksum(ctx, tx, t.table, t.order)
			if err != nil {
				return fmt.Errorf("table %s: %w", t.table, err)
			}
			if check.Rows != rep.Rows || check.Checksum != rep.Checksum {
				return fmt.Errorf("table %s: copied %d rows (checksum %s) but the target has %d (checksum %s)",
					t.table, rep.Rows, rep.Checksum, check.Rows, check.Checksum)
			}
			reports = append(reports, rep)
		}
		if to.engine.name == "postgres" {
			for _, table := range identityTables {
				_, err := tx.ExecContext(
					ctx,
					"SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), COALESCE((SELECT MAX(id) FROM "+table+"), 0) + 1, false)",
				)
				if err != nil {
					return fmt.Errorf("table %s: sequence: %w", table, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: copy: %w", err)
	}
	// The search index is each engine's own; build the target's from the copied stories.
	if err := to.Reindex(ctx); err != nil {
		return reports, fmt.Errorf("store: copy: search index: %w", err)
	}
	return reports, nil
}

// copyTable streams a table's rows into the target and returns the source's count
// and checksum.
func copyTable(ctx context.Context, from *sql.DB, tx *Tx, table, order string) (TableReport, error) {
	rows, err := from.QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY "+order)
	if err != nil {
		return TableReport{}, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return TableReport{}, err
	}
	bools, err := booleanColumns(ctx, tx, table)
	if err != nil {
		return TableReport{}, err
	}
	ins, err := tx.PrepareContext(ctx, "INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") VALUES ("+placeholders(len(cols))+")")
	if err != nil {
		return TableReport{}, err
	}
	defer ins.Close()
	sum := sha256.New()
	rep := TableReport{Table: table}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return rep, err
		}
		args := make([]any, len(vals))
		for i, v := range vals {
			args[i] = v
			if bools[cols[i]] {
				args[i] = truthy(v) // SQLite keeps booleans as 0 and 1
			}
		}
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return rep, err
		}
		writeRow(sum, vals)
		rep.Rows++
	}
	rep.Checksum = hex.EncodeToString(sum.Sum(nil))[:16]
	return rep, rows.Err()
}

// checksum reads a table back and hashes it the way copyTable hashed the source.
func checksum(ctx context.Context, q querier, table, order string) (TableReport, error) {
	rows, err := q.QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY "+order)
	if err != nil {
		return TableReport{}, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	sum := sha256.New()
	rep := TableReport{Table: table}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return rep, err
		}
		writeRow(sum, vals)
		rep.Rows++
	}
	rep.Checksum = hex.EncodeToString(sum.Sum(nil))[:16]
	return rep, rows.Err()
}

// writeRow hashes values in an engine-neutral form: booleans as 0/1, numbers as
// integers, text as text.
func writeRow(h hash.Hash, vals []any) {
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
			h.Write([]byte("\x00N"))
		case bool:
			if x {
				h.Write([]byte("\x001"))
			} else {
				h.Write([]byte("\x000"))
			}
		case []byte:
			fmt.Fprintf(h, "\x00%s", x)
		default:
			fmt.Fprintf(h, "\x00%v", x)
		}
	}
	h.Write([]byte("\n"))
}

func truthy(v any) any {
	switch x := v.(type) {
	case int64:
		return x != 0
	case bool:
		return x
	}
	return v
}

// booleanColumns names a target table's BOOLEAN columns (PostgreSQL; none in SQLite).
func booleanColumns(ctx context.Context, tx *Tx, table string) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := tx.QueryContext(
		ctx,
		"SELECT column_name FROM information_schema.columns WHERE table_name = ? AND data_type = 'boolean'",
		table,
	)
	if err != nil {
		return out, nil // SQLite has no information_schema: no boolean columns to convert
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}
