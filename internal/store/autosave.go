package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dateline/internal/story"
)

// SaveAutosave keeps one payload per person and story, replacing the last.
func (s *Store) SaveAutosave(ctx context.Context, personID, storyID int64, payload string) error {
	_, err := s.wr(ctx).ExecContext(ctx, `INSERT INTO story_autosaves (person_id, story_id, payload, saved_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (person_id, story_id) DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at`,
		personID, storyID, payload, micros(s.clock()))
	if err != nil {
		return fmt.Errorf("store: autosave: %w", err)
	}
	return nil
}

// Autosave returns a person's autosaved payload for a story.
func (s *Store) Autosave(ctx context.Context, personID, storyID int64) (string, time.Time, error) {
	var payload string
	var at int64
	err := s.rd(ctx).
		QueryRowContext(ctx, "SELECT payload, saved_at FROM story_autosaves WHERE person_id = ? AND story_id = ?", personID, storyID).
		Scan(&payload, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, story.ErrNotFound
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("store: autosave: %w", err)
	}
	return payload, fromMicros(at), nil
}

// DeleteAutosave empties a person's autosave slot for a story.
func (s *Store) DeleteAutosave(ctx context.Context, personID, storyID int64) error {
	if _, err := s.wr(ctx).ExecContext(ctx, "DELETE FROM story_autosaves WHERE person_id = ? AND story_id = ?", personID, storyID); err != nil {
		return fmt.Errorf("store: autosave: %w", err)
	}
	return nil
}
