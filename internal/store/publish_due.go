package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"dateline/internal/story"
)

// PublishDue publishes every scheduled story whose time has come. Each is claimed by
// a conditional UPDATE (state must still be 'scheduled' at the version read): only
// one node's update can match, so a story is published exactly once. Its first
// publication time is its scheduled time, the embargo it was held to.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]story.Story, error) {
	due, err := s.scanStories(ctx, "SELECT "+fullColumns+" FROM stories WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id", micros(now))
	if err != nil {
		return nil, err
	}
	var published []story.Story
	for _, st := range due {
		claimed := false
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			at := st.ScheduledAt
			res, err := tx.ExecContext(ctx, `UPDATE stories SET state = 'published', published_at = COALESCE(published_at, ?),
				updated_at = CASE WHEN published_at IS NULL THEN updated_at ELSE ? END,
				scheduled_at = NULL, version = version + 1, modified_at = ?, modified_by = NULL
				WHERE id = ? AND state = 'scheduled' AND version = ?`,
				micros(at), micros(at), micros(s.clock()), st.ID, st.Version)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return nil // another node got there first, or an editor changed it
			}
			claimed = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO story_revisions (story_id, version, headline, dek, body_markdown, state,
				saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				st.ID, st.Version, st.Headline, st.Dek, st.BodyMarkdown, string(st.State), nullID(st.ModifiedBy), micros(st.ModifiedAt)); err != nil {
				return err
			}
			if _, err = tx.ExecContext(ctx, "INSERT INTO audit_log (at, person_id, action, story_id, detail, ip) VALUES (?, NULL, ?, ?, ?, '')",
				micros(s.clock()), "story.publish", st.ID, "scheduled → published by the scheduler"); err != nil {
				return err
			}
			indexed := st
			indexed.State = story.StatePublished
			return s.indexStory(ctx, tx, indexed)
		})
		if err != nil {
			return published, fmt.Errorf("store: publish due story %d: %w", st.ID, err)
		}
		if claimed {
			s.changed(ctx, TagStories, TagStory(st.ID))
			if err := s.RefreshRelated(ctx, st.ID); err != nil {
				return published, err
			}
			fresh, err := s.StoryByID(ctx, st.ID)
			if err != nil {
				return published, err
			}
			published = append(published, fresh)
		}
	}
	return published, nil
}
