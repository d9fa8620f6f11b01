package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// AddRedirect records that a site path moved to another, in one hop: redirects
// that led to from now lead to to, and none leaves from to (the new address is a
// page again).
func (s *Store) AddRedirect(ctx context.Context, from, to string) error {
	if from == to {
		return nil
	}
	return s.inTx(ctx, func(ctx context.Context, tx *sql.Tx) error {
		now := micros(s.clock())
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"UPDATE redirects SET to_path = ? WHERE to_path = ?", []any{to, from}},
			{"DELETE FROM redirects WHERE from_path = ? OR from_path = ?", []any{to, from}},
			{"INSERT INTO redirects (from_path, to_path, created_at) VALUES (?, ?, ?)", []any{from, to, now}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return fmt.Errorf("store: redirect %s: %w", from, err)
			}
		}
		s.changed(ctx, TagSite)
		return nil
	})
}

// Redirect is where a moved site path went, if it moved.
func (s *Store) Redirect(ctx context.Context, path string) (string, bool, error) {
	var to string
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT to_path FROM redirects WHERE from_path = ?", path).Scan(&to)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("store: redirect %s: %w", path, err)
	}
	return to, true, nil
}
