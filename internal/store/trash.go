package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/story"
)

// TrashStory moves a story that is not published or scheduled to the trash.
func (s *Store) TrashStory(ctx context.Context, id int64, at time.Time) error {
	res, err := s.wr(ctx).ExecContext(ctx, `UPDATE stories SET trashed_at = ? WHERE id = ? AND trashed_at IS NULL
		AND state NOT IN ('published', 'scheduled')`, micros(at), id)
	if err != nil {
		return fmt.Errorf("store: trash story %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	st, err := s.StoryByID(ctx, id)
	switch {
	case err != nil:
		return err
	case !st.TrashedAt.IsZero():
		return story.ErrInTrash
	}
	return story.ErrNotTrash
}

// RestoreStory takes a story out of the trash, as it was.
func (s *Store) RestoreStory(ctx context.Context, id int64) error {
	res, err := s.wr(ctx).ExecContext(ctx, "UPDATE stories SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL", id)
	return affected(res, err, story.ErrNotFound, "restore story")
}

// DeleteStory deletes a story for good: its revisions, notes, lists, wire uses and
// search entry go with it, pinned links to it and its place on fronts too. A story
// that was ever published leaves tombstones for its slugs, so its URLs answer 410.
func (s *Store) DeleteStory(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		st, err := scanStory(tx.QueryRowContext(ctx, "SELECT "+fullColumns+" FROM stories WHERE id = ?"+s.engine.forUpdate, id))
		if errors.Is(err, sql.ErrNoRows) {
			return story.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: delete story %d: %w", id, err)
		}
		// Pages that list it (pinned as related) change too.
		linked, err := s.ids(ctx, `SELECT story_id FROM story_related WHERE related_id = ?
			UNION SELECT story_id FROM story_related_auto WHERE related_id = ?`, id, id)
		if err != nil {
			return err
		}
		if !st.PublishedAt.IsZero() {
			at := micros(s.clock())
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_tombstones (slug, story_id, deleted_at)
				SELECT slug, story_id, ? FROM story_old_slugs WHERE story_id = ?`, at, id); err != nil {
				return fmt.Errorf("store: delete story %d: %w", id, err)
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO story_tombstones (slug, story_id, deleted_at) VALUES (?, ?, ?)",
				st.Slug, id, at); err != nil {
				return fmt.Errorf("store: delete story %d: %w", id, err)
			}
		}
		if err := leaveFronts(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.engine.search.indexDelete, id); err != nil {
			return fmt.Errorf("store: delete story %d from the index: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM stories WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete story %d: %w", id, err)
		}
		tags := []string{TagStories, TagStory(id), TagStoryComments(id)}
		for _, other := range linked {
			tags = append(tags, TagStory(other))
		}
		s.changed(ctx, tags...)
		return nil
	})
}

// StoryGone reports whether a slug belonged to a published story deleted for good.
func (s *Store) StoryGone(ctx context.Context, slug string) (bool, error) {
	var id int64
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT story_id FROM story_tombstones WHERE slug = ?", slug).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: tombstone %s: %w", slug, err)
	}
	return true, nil
}

// TrashedBefore lists the stories that went to the trash before a time, for the
// retention job to delete for good.
func (s *Store) TrashedBefore(ctx context.Context, before time.Time) ([]int64, error) {
	return s.ids(ctx, "SELECT id FROM stories WHERE trashed_at IS NOT NULL AND trashed_at < ? ORDER BY id", micros(before))
}

// DeleteMessage deletes a reader's message for good.
func (s *Store) DeleteMessage(ctx context.Context, id int64) error {
	var storyID sql.NullInt64
	err := s.wr(ctx).QueryRowContext(ctx, "DELETE FROM messages WHERE id = ? RETURNING story_id", id).Scan(&storyID)
	if errors.Is(err, sql.ErrNoRows) {
		return letters.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: delete message %d: %w", id, err)
	}
	if storyID.Valid {
		s.changed(ctx, TagComments, TagStoryComments(storyID.Int64))
	}
	return nil
}

// DeleteMedia deletes a photo's record when no story, in any state, uses it.
func (s *Store) DeleteMedia(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		var users int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stories WHERE lead_media_id = ? OR id IN
			(SELECT story_id FROM story_media WHERE media_id = ?)`, id, id).Scan(&users); err != nil {
			return fmt.Errorf("store: delete media %d: %w", id, err)
		}
		if users > 0 {
			return fmt.Errorf("%w: %d stories use this photo; remove it from them first", media.ErrInvalid, users)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM media WHERE id = ?", id)
		return affected(res, err, media.ErrNotFound, "delete media")
	})
}
