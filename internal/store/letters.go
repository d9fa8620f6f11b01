package store

import (
	"context"
	"fmt"
	"strings"
	"time"

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
	err := s.wr(ctx).QueryRowContext(ctx, `INSERT INTO messages (story_id, kind, name, place, email, text, state,
		featured_rank, edited, ip_hash, created_at, in_reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		nullID(m.StoryID), string(m.Kind), m.Name, m.Place, m.Email, m.Text, string(m.State), m.FeaturedRank, m.Edited,
		m.IPHash, micros(m.CreatedAt), nullID(m.InReplyTo)).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("store: create message: %w", err)
	}
	if m.State.Public() {
		s.changed(ctx, TagComments, TagStoryComments(m.StoryID))
	}
	return nil
}

// messageChanged tells the cache that a message's story page and the comment counts
// may have changed.
func (s *Store) messageChanged(ctx context.Context, id int64) {
	var storyID int64
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COALESCE(story_id, 0) FROM messages WHERE id = ?", id).Scan(&storyID); err == nil &&
		storyID != 0 {
		s.changed(ctx, TagComments, TagStoryComments(storyID))
	}
}

// SetMessageState moves a message to another state.
func (s *Store) SetMessageState(ctx context.Context, id int64, from, to letters.State, featuredRank int) error {
	if !to.Valid() {
		return fmt.Errorf("%w: unknown state %q", letters.ErrInvalid, to)
	}
	query, args := "UPDATE messages SET state = ?, featured_rank = ? WHERE id = ?", []any{string(to), featuredRank, id}
	if from != "" {
		query, args = query+" AND state = ?", append(args, string(from))
	}
	res, err := s.wr(ctx).ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: message %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.MessageByID(ctx, id); err != nil {
			return err
		}
		return letters.ErrMoved
	}
	s.messageChanged(ctx, id)
	return nil
}

// PublishedComments returns the story's public comments: featured in rank order,
// then published, newest first.
func (s *Store) PublishedComments(ctx context.Context, storyID int64, limit, offset int) ([]letters.Message, int, error) {
	const where = " FROM messages WHERE story_id = ? AND kind = 'comment' AND state IN ('published', 'featured')"
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*)"+where, storyID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: comments of %d: %w", storyID, err)
	}
	if offset >= total {
		return nil, total, nil // most stories have none: no second statement
	}
	out, err := s.scanMessages(ctx, `SELECT `+messageColumns+where+`
		ORDER BY CASE WHEN state = 'featured' THEN 0 ELSE 1 END, CASE WHEN state = 'featured' THEN featured_rank ELSE 0 END,
		created_at DESC, id DESC LIMIT ? OFFSET ?`, storyID, limit, offset)
	return out, total, err
}

const messageColumns = `id, COALESCE(story_id, 0), kind, name, place, email, text, state, featured_rank, edited, ip_hash, created_at,
	COALESCE(in_reply_to, 0), COALESCE((SELECT p.name FROM messages p WHERE p.id = messages.in_reply_to
	AND p.state IN ('published', 'featured')), '')`

func (s *Store) scanMessages(ctx context.Context, query string, args ...any) ([]letters.Message, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	defer rows.Close()
	var out []letters.Message
	for rows.Next() {
		var m letters.Message
		var kind, state string
		var created int64
		err := rows.Scan(&m.ID, &m.StoryID, &kind, &m.Name, &m.Place, &m.Email, &m.Text, &state, &m.FeaturedRank, &m.Edited, &m.IPHash, &created,
			&m.InReplyTo, &m.ReplyToName)
		if err != nil {
			return nil, fmt.Errorf("store: messages: %w", err)
		}
		m.Kind, m.State, m.CreatedAt = letters.Kind(kind), letters.State(state), fromMicros(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Messages lists messages for the letters desk, newest first.
func (s *Store) Messages(ctx context.Context, q letters.Query) ([]letters.Message, int, error) {
	cond, args := messageFilter(q)
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM messages"+cond, args...).Scan(&total); err != nil {
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

// MessageCounts counts the messages in each state that q's other filters match.
func (s *Store) MessageCounts(ctx context.Context, q letters.Query) (map[letters.State]int, error) {
	q.State = ""
	cond, args := messageFilter(q)
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT state, COUNT(*) FROM messages"+cond+" GROUP BY state", args...)
	if err != nil {
		return nil, fmt.Errorf("store: count messages: %w", err)
	}
	defer rows.Close()
	out := map[letters.State]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("store: count messages: %w", err)
		}
		out[letters.State(state)] = n
	}
	return out, rows.Err()
}

// messageFilter is the WHERE clause of a desk query.
func messageFilter(q letters.Query) (string, []any) {
	var where []string
	var args []any
	if q.StoryID != 0 {
		where, args = append(where, "story_id = ?"), append(args, q.StoryID)
	}
	if q.State != "" {
		where, args = append(where, "state = ?"), append(args, string(q.State))
	}
	if q.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, string(q.Kind))
	}
	if q.Email != "" {
		where, args = append(where, "LOWER(email) = LOWER(?)"), append(args, strings.TrimSpace(q.Email))
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// MessageByID returns one message.
func (s *Store) MessageByID(ctx context.Context, id int64) (letters.Message, error) {
	list, err := s.scanMessages(ctx, "SELECT "+messageColumns+" FROM messages WHERE id = ?", id)
	if err != nil {
		return letters.Message{}, err
	}
	if len(list) == 0 {
		return letters.Message{}, letters.ErrNotFound
	}
	return list[0], nil
}

// EditMessageText replaces a message's text and marks it edited.
func (s *Store) EditMessageText(ctx context.Context, id int64, text string) error {
	if text == "" {
		return fmt.Errorf("%w: a message cannot be empty", letters.ErrInvalid)
	}
	res, err := s.wr(ctx).ExecContext(ctx, "UPDATE messages SET text = ?, edited = ? WHERE id = ?", text, true, id)
	if err := affected(res, err, letters.ErrNotFound, "edit message"); err != nil {
		return err
	}
	s.messageChanged(ctx, id)
	return nil
}

// EraseReader removes one reader's details from all their messages (or deletes
// their comments), in one transaction, and drops the pages showing those comments.
func (s *Store) EraseReader(ctx context.Context, email string, removeComments bool) (int, error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return 0, fmt.Errorf("%w: give the reader's email", letters.ErrInvalid)
	}
	var n int64
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		stories, err := s.ids(ctx, "SELECT DISTINCT story_id FROM messages WHERE LOWER(email) = LOWER(?) AND story_id IS NOT NULL", email)
		if err != nil {
			return err
		}
		if removeComments {
			res, err := tx.ExecContext(ctx, "DELETE FROM messages WHERE LOWER(email) = LOWER(?) AND kind = 'comment'", email)
			if err != nil {
				return fmt.Errorf("store: erase reader: %w", err)
			}
			deleted, _ := res.RowsAffected()
			n += deleted
		}
		res, err := tx.ExecContext(ctx, "UPDATE messages SET email = '', ip_hash = '', name = ?, place = '' WHERE LOWER(email) = LOWER(?)",
			letters.ErasedName, email)
		if err != nil {
			return fmt.Errorf("store: erase reader: %w", err)
		}
		updated, _ := res.RowsAffected()
		n += updated
		if len(stories) > 0 {
			tags := []string{TagComments}
			for _, id := range stories {
				tags = append(tags, TagStoryComments(id))
			}
			s.changed(ctx, tags...)
		}
		return nil
	})
	return int(n), err
}

// ExpireReaderData blanks emails and address hashes older than the retention time.
func (s *Store) ExpireReaderData(ctx context.Context, before time.Time) (int, error) {
	res, err := s.wr(ctx).
		ExecContext(ctx, "UPDATE messages SET email = '', ip_hash = '' WHERE created_at < ? AND (email <> '' OR ip_hash <> '')", micros(before))
	if err != nil {
		return 0, fmt.Errorf("store: expire reader data: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// HasDuplicate finds the same text sent to the same story from the same address.
func (s *Store) HasDuplicate(ctx context.Context, storyID int64, text, ipHash string, since time.Time) (bool, error) {
	var n int
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE COALESCE(story_id, 0) = ? AND text = ?
		AND ip_hash = ? AND created_at >= ?`, storyID, text, ipHash, micros(since)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: duplicate check: %w", err)
	}
	return n > 0, nil
}

// CommentCounts counts published comments per story.
func (s *Store) CommentCounts(ctx context.Context, storyIDs []int64) (map[int64]int, error) {
	out := make(map[int64]int, len(storyIDs))
	if len(storyIDs) == 0 {
		return out, nil
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT story_id, COUNT(*) FROM messages WHERE kind = 'comment'
		AND state IN ('published', 'featured') AND story_id IN (`+placeholders(len(storyIDs))+`) GROUP BY story_id`, int64Args(storyIDs)...)
	if err != nil {
		return nil, fmt.Errorf("store: comment counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: comment counts: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}
