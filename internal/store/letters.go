package store

import (
	"context"
	"fmt"

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
	rows, err := s.read.QueryContext(ctx, `SELECT id, kind, name, place, email, text, state, featured_rank, edited, created_at`+where+`
		ORDER BY CASE WHEN state = 'featured' THEN 0 ELSE 1 END, CASE WHEN state = 'featured' THEN featured_rank ELSE 0 END,
		created_at DESC, id DESC LIMIT ? OFFSET ?`, storyID, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: comments of %d: %w", storyID, err)
	}
	defer rows.Close()
	var out []letters.Message
	for rows.Next() {
		m := letters.Message{StoryID: storyID}
		var kind, state string
		var created int64
		if err := rows.Scan(&m.ID, &kind, &m.Name, &m.Place, &m.Email, &m.Text, &state, &m.FeaturedRank, &m.Edited, &created); err != nil {
			return nil, 0, fmt.Errorf("store: comments of %d: %w", storyID, err)
		}
		m.Kind, m.State, m.CreatedAt = letters.Kind(kind), letters.State(state), fromMicros(created)
		out = append(out, m)
	}
	return out, total, rows.Err()
}
