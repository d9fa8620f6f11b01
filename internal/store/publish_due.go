package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dateline/internal/event"
	"dateline/internal/outbox"
	"dateline/internal/story"
)

// PublishDue publishes every scheduled story whose time has come, all claimed in one
// UPDATE inside one transaction. The due rows are read first with a row lock on
// PostgreSQL (SELECT ... FOR UPDATE; SQLite has one writer), so a second node's
// scheduler waits and then finds them published, and an editor's save waits too:
// each story is published exactly once, with the revision of what was scheduled.
// Its first publication time is its scheduled time, the embargo it was held to.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]story.Story, error) {
	var claimed []story.Story
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		due, err := scanStoriesFrom(
			ctx,
			tx,
			"SELECT "+fullColumns+" FROM stories WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id"+s.engine.forUpdate,
			micros(now),
		)
		if err != nil || len(due) == 0 {
			return err
		}
		ids := make([]int64, len(due))
		for i, st := range due {
			ids[i] = st.ID
		}
		at := micros(s.clock())
		res, err := tx.ExecContext(ctx, `UPDATE stories SET state = 'published', published_at = COALESCE(published_at, scheduled_at),
			updated_at = CASE WHEN published_at IS NULL THEN updated_at ELSE scheduled_at END,
			scheduled_at = NULL, version = version + 1, modified_at = ?, modified_by = NULL
			WHERE state = 'scheduled' AND id IN (`+placeholders(len(ids))+")", append([]any{at}, int64Args(ids)...)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); int(n) != len(due) {
			return fmt.Errorf("claimed %d of %d due stories under lock", n, len(due))
		}
		for _, st := range due {
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_revisions (story_id, version, headline, dek, body_markdown, state,
				saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				st.ID, st.Version, st.Headline, st.Dek, st.BodyMarkdown, string(st.State), nullID(st.ModifiedBy), micros(st.ModifiedAt)); err != nil {
				return err
			}
			if _, err = tx.ExecContext(ctx, "INSERT INTO audit_log (at, person_id, action, story_id, detail, ip) VALUES (?, NULL, ?, ?, ?, '')",
				at, event.StoryMoved(string(story.StatePublished)), st.ID, "scheduled → published by the scheduler"); err != nil {
				return err
			}
			indexed := st
			indexed.State = story.StatePublished
			if err := s.indexStory(ctx, tx, indexed); err != nil {
				return err
			}
			if err := s.AddEvent(ctx, event.RefreshRelated, outbox.StoryID{StoryID: st.ID}); err != nil {
				return err
			}
		}
		// Readers on every node see them once this commits; related stories follow.
		tags := []string{TagStories}
		for _, st := range due {
			tags = append(tags, TagStory(st.ID))
		}
		s.changed(ctx, tags...)
		claimed = due
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: publish due stories: %w", err)
	}
	published := make([]story.Story, 0, len(claimed))
	for _, st := range claimed {
		fresh, err := s.StoryByID(ctx, st.ID)
		if err != nil {
			return published, err
		}
		published = append(published, fresh)
	}
	return published, nil
}

// NextDue is the earliest time a scheduled story falls due; ok is false when none is
// scheduled.
func (s *Store) NextDue(ctx context.Context) (at time.Time, ok bool, err error) {
	var v sql.NullInt64
	err = s.rd(ctx).QueryRowContext(ctx, "SELECT MIN(scheduled_at) FROM stories WHERE state = 'scheduled'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !v.Valid {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: next due: %w", err)
	}
	return fromMicros(v.Int64), true, nil
}
