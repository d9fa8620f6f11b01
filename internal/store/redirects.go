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
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
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

// Redirect is where a moved site path went, if it moved: a path, or a story (its
// ID, with to empty) whose address the caller works out, since it may have
// changed and the story may not be published.
func (s *Store) Redirect(ctx context.Context, path string) (to string, storyID int64, ok bool, err error) {
	var id sql.NullInt64
	err = s.rd(ctx).QueryRowContext(ctx, "SELECT to_path, story_id FROM redirects WHERE from_path = ?", path).Scan(&to, &id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", 0, false, nil
	case err != nil:
		return "", 0, false, fmt.Errorf("store: redirect %s: %w", path, err)
	}
	return to, id.Int64, true, nil
}
