package store

import (
	"context"
	"fmt"
	"strings"

	"dateline/internal/letters"
)

// CreateMessage stores a reader message.
func (s *Store) CreateMessage(ctx context.Context, m *letters.Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = s.clock()
	}
	err := s.write.QueryRowContext(ctx, `INSERT INTO messages (story_id, kind, name, place, email, text, state,
		featured_rank, edited, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		nullID(m.StoryID), string(m.Kind), m.Name, m.Place, m.Email, m.Text, string(m.State), m.FeaturedRank, m.Edited,
		micros(m.CreatedAt)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("store: create message: %w", err)
	}
	return nil
}

// SetMessageState moves a message to another state.
func (s *Store) SetMessageState(ctx context.Context, id int64, to letters.State, featuredRank int) error {
	if !to.Valid() {
		return fmt.Errorf("%w: unknown state %q", letters.ErrInvalid, to)
	}
	res, err := s.write.ExecContext(ctx, "UPDATE messages SET state = ?, featured_rank = ? WHERE id = ?", string(to), featuredRank, id)
	if err != nil {
		return fmt.Errorf("store: message %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return letters.ErrNotFound
	}
	return nil
}

// PublishedComments returns the story's public comments: featured in rank order,
// then published, newest first.
func (s *Store) PublishedComments(ctx context.Context, storyID int64, limit, offset int) ([]letters.Message, int, error) {
	const where = " FROM messages WHERE story_id = ? AND kind = 'comment' AND state IN ('published', 'featured')"
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*)"+where, storyID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: comments of %d: %w", storyID, err)
	}
	out, err := s.scanMessages(ctx, `SELECT `+messageColumns+where+`
		ORDER BY CASE WHEN state = 'featured' THEN 0 ELSE 1 END, CASE WHEN state = 'featured' THEN featured_rank ELSE 0 END,
		created_at DESC, id DESC LIMIT ? OFFSET ?`, storyID, limit, offset)
	return out, total, err
}

const messageColumns = "id, COALESCE(story_id, 0), kind, name, place, email, text, state, featured_rank, edited, created_at"

func (s *Store) scanMessages(ctx context.Context, query string, args ...any) ([]letters.Message, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	defer rows.Close()
	var out []letters.Message
	for rows.Next() {
		var m letters.Message
		var kind, state string
		var created int64
		if err := rows.Scan(&m.ID, &m.StoryID, &kind, &m.Name, &m.Place, &m.Email, &m.Text, &state, &m.FeaturedRank, &m.Edited, &created); err != nil {
			return nil, fmt.Errorf("store: messages: %w", err)
		}
		m.Kind, m.State, m.CreatedAt = letters.Kind(kind), letters.State(state), fromMicros(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Messages lists messages for the letters desk, newest first.
func (s *Store) Messages(ctx context.Context, q letters.Query) ([]letters.Message, int, error) {
	var where []string
	var args []any
	if q.StoryID != 0 {
		where, args = append(where, "story_id = ?"), append(args, q.StoryID)
	}
	if q.State != "" {
		where, args = append(where, "state = ?"), append(args, string(q.State))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM messages"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count messages: %w", err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	out, err := s.scanMessages(ctx, "SELECT "+messageColumns+" FROM messages"+cond+" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
		append(args, min(limit, 500), max(q.Offset, 0))...)
	return out, total, err
}
