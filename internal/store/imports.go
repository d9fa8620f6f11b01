package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"dateline/internal/origin"
)

// ImportLink returns the link for an old item, or false when it was never imported.
func (s *Store) ImportLink(ctx context.Context, source, kind, oldID string) (origin.Link, bool, error) {
	l := origin.Link{Source: source, Kind: kind, OldID: oldID}
	err := s.wr(ctx).QueryRowContext(ctx, `SELECT new_id, digest, version FROM import_links WHERE source = ? AND kind = ? AND old_id = ?`,
		source, kind, oldID).Scan(&l.NewID, &l.Digest, &l.Version)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return l, false, nil
	case err != nil:
		return l, false, fmt.Errorf("store: import link: %w", err)
	}
	return l, true, nil
}

// ImportLinks returns every link of one kind from a source, by old ID: the small
// kinds (people, sections, topics, photos) an import resolves references with.
func (s *Store) ImportLinks(ctx context.Context, source, kind string) (map[string]origin.Link, error) {
	rows, err := s.wr(ctx).QueryContext(ctx, `SELECT old_id, new_id, digest, version FROM import_links WHERE source = ? AND kind = ?`,
		source, kind)
	if err != nil {
		return nil, fmt.Errorf("store: import links: %w", err)
	}
	defer rows.Close()
	out := map[string]origin.Link{}
	for rows.Next() {
		l := origin.Link{Source: source, Kind: kind}
		if err := rows.Scan(&l.OldID, &l.NewID, &l.Digest, &l.Version); err != nil {
			return nil, fmt.Errorf("store: import links: %w", err)
		}
		out[l.OldID] = l
	}
	return out, rows.Err()
}

// ImportLinksFor returns the links of some old items of one kind, in one query: a
// batch of an import looks its items up at once.
func (s *Store) ImportLinksFor(ctx context.Context, source, kind string, oldIDs []string) (map[string]origin.Link, error) {
	out := map[string]origin.Link{}
	for start := 0; start < len(oldIDs); start += 500 {
		part := oldIDs[start:min(start+500, len(oldIDs))]
		args := []any{source, kind}
		for _, id := range part {
			args = append(args, id)
		}
		rows, err := s.wr(ctx).QueryContext(ctx, `SELECT old_id, new_id, digest, version FROM import_links
			WHERE source = ? AND kind = ? AND old_id IN (?`+strings.Repeat(", ?", len(part)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: import links: %w", err)
		}
		for rows.Next() {
			l := origin.Link{Source: source, Kind: kind}
			if err := rows.Scan(&l.OldID, &l.NewID, &l.Digest, &l.Version); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: import links: %w", err)
			}
			out[l.OldID] = l
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: import links: %w", err)
		}
	}
	return out, nil
}

// SaveImportLink records (or updates) what an old item became.
func (s *Store) SaveImportLink(ctx context.Context, l origin.Link) error {
	_, err := s.wr(ctx).ExecContext(ctx, `INSERT INTO import_links (source, kind, old_id, new_id, digest, version)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, kind, old_id) DO UPDATE SET new_id = excluded.new_id,
		digest = excluded.digest, version = excluded.version`, l.Source, l.Kind, l.OldID, l.NewID, l.Digest, l.Version)
	if err != nil {
		return fmt.Errorf("store: save import link: %w", err)
	}
	return nil
}

// AddStoryRedirect sends an old address to a story wherever it is now: the public
// site answers 301 to its current address while it is published, and 404 while it
// is not. A path that is a story's own address is not taken.
// All of a story's old addresses go in one statement: an import writes several
// for every story.
func (s *Store) AddStoryRedirects(ctx context.Context, from []string, storyID int64) error {
	if len(from) == 0 {
		return nil
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		values := strings.Repeat("(?, '', ?, ?), ", len(from))
		args := make([]any, 0, 3*len(from))
		now := micros(s.clock())
		for _, f := range from {
			args = append(args, f, now, storyID)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO redirects (from_path, to_path, created_at, story_id) VALUES `+values[:len(values)-2]+`
			ON CONFLICT (from_path) DO UPDATE SET to_path = '', story_id = excluded.story_id`, args...)
		if err != nil {
			return fmt.Errorf("store: redirects to story %d: %w", storyID, err)
		}
		s.changed(ctx, TagSite)
		return nil
	})
}
