package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dateline/internal/story"
)

// SetFront replaces a front's editor-ordered top stories (section 0: the home front)
// if the front is still at version (story.AnyFrontVersion: whatever it is), and
// advances its version. The conditional update of the version row is what makes two
// editors' saves from one version exclusive on both engines: on PostgreSQL the
// second waits for the first's row lock, then finds the version moved on.
func (s *Store) SetFront(ctx context.Context, sectionID int64, ids []int64, version int64) error {
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO front_versions (section_id, version) VALUES (?, 0)
			ON CONFLICT (section_id) DO NOTHING`, sectionID); err != nil {
			return fmt.Errorf("store: set front: %w", err)
		}
		query, args := "UPDATE front_versions SET version = version + 1 WHERE section_id = ?", []any{sectionID}
		if version != story.AnyFrontVersion {
			query, args = query+" AND version = ?", append(args, version)
		}
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("store: set front: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return story.ErrFrontConflict
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM fronts WHERE section_id = ?", sectionID); err != nil {
			return fmt.Errorf("store: set front: %w", err)
		}
		for i, id := range dedupe(ids) {
			if _, err := tx.ExecContext(ctx, "INSERT INTO fronts (section_id, position, story_id) VALUES (?, ?, ?)", sectionID, i, id); err != nil {
				return fmt.Errorf("store: set front: story %d: %w", id, err)
			}
		}
		return nil
	})
	if err == nil {
		s.changed(ctx, TagStories)
	}
	return err
}

// FrontVersion is how many times a front's order has been saved.
func (s *Store) FrontVersion(ctx context.Context, sectionID int64) (int64, error) {
	var v int64
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT version FROM front_versions WHERE section_id = ?", sectionID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: front version: %w", err)
	}
	return v, nil
}

// FrontStories returns a front's published top stories in the editors' order.
func (s *Store) FrontStories(ctx context.Context, sectionID int64) ([]story.Story, error) {
	return s.scanStories(ctx, "SELECT "+listColumnsS+` FROM fronts f JOIN stories s ON s.id = f.story_id
		WHERE f.section_id = ? AND s.state = 'published' ORDER BY f.position`, sectionID)
}

// FrontIDs returns a front's story ids in order, whatever their state.
func (s *Store) FrontIDs(ctx context.Context, sectionID int64) ([]int64, error) {
	return s.ids(ctx, "SELECT story_id FROM fronts WHERE section_id = ? ORDER BY position", sectionID)
}

// leaveFronts takes a story that stops being published off every front it was on,
// in the caller's transaction, and moves those fronts' versions on: an editor
// ordering one of them from the page they loaded before must reload, not put the
// story back. Positions keep their order; the gap is harmless to ORDER BY.
func leaveFronts(ctx context.Context, tx *Tx, storyID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE front_versions SET version = version + 1
		WHERE section_id IN (SELECT section_id FROM fronts WHERE story_id = ?)`, storyID); err != nil {
		return fmt.Errorf("store: story %d leaves its fronts: %w", storyID, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM fronts WHERE story_id = ?", storyID); err != nil {
		return fmt.Errorf("store: story %d leaves its fronts: %w", storyID, err)
	}
	return nil
}
