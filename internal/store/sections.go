package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dateline/internal/section"
)

// CreateSection stores a section; a subsection's parent must be a top-level section.
func (s *Store) CreateSection(ctx context.Context, sec *section.Section) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := sec.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		sec.Path = sec.Slug
		if sec.ParentID != 0 {
			var parentSlug string
			var grandparent sql.NullInt64
			err := tx.QueryRowContext(ctx, "SELECT slug, parent_id FROM sections WHERE id = ?", sec.ParentID).Scan(&parentSlug, &grandparent)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: parent section %d does not exist", section.ErrInvalid, sec.ParentID)
			}
			if err != nil {
				return fmt.Errorf("store: create section: %w", err)
			}
			if grandparent.Valid {
				return fmt.Errorf("%w: sections nest only one level deep", section.ErrInvalid)
			}
			sec.Path = parentSlug + "/" + sec.Slug
		}
		err := tx.QueryRowContext(ctx, "INSERT INTO sections (slug, name, parent_id, position) VALUES (?, ?, ?, ?) RETURNING id",
			sec.Slug, sec.Name, nullID(sec.ParentID), sec.Position).Scan(&sec.ID)
		if s.engine.isUnique(err) {
			return fmt.Errorf("%w: section %q", section.ErrSlugTaken, sec.Slug)
		}
		if err != nil {
			return fmt.Errorf("store: create section: %w", err)
		}
		return nil
	})
}

// Sections returns all sections, top level first, each level in its order.
func (s *Store) Sections(ctx context.Context) ([]section.Section, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT c.id, c.slug, c.name, COALESCE(c.parent_id, 0), c.position,
		COALESCE(p.slug || '/', '') || c.slug
		FROM sections c LEFT JOIN sections p ON p.id = c.parent_id
		ORDER BY COALESCE(p.position, c.position), COALESCE(p.id, c.id), c.parent_id IS NOT NULL, c.position, c.id`)
	if err != nil {
		return nil, fmt.Errorf("store: sections: %w", err)
	}
	defer rows.Close()
	var out []section.Section
	for rows.Next() {
		var v section.Section
		if err := rows.Scan(&v.ID, &v.Slug, &v.Name, &v.ParentID, &v.Position, &v.Path); err != nil {
			return nil, fmt.Errorf("store: sections: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CreateTopic stores a topic.
func (s *Store) CreateTopic(ctx context.Context, t *section.Topic) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := t.Validate(); err != nil {
		return err
	}
	err = s.wr(ctx).QueryRowContext(ctx, "INSERT INTO topics (slug, name) VALUES (?, ?) RETURNING id", t.Slug, t.Name).Scan(&t.ID)
	if s.engine.isUnique(err) {
		return fmt.Errorf("%w: topic %q", section.ErrSlugTaken, t.Slug)
	}
	if err != nil {
		return fmt.Errorf("store: create topic: %w", err)
	}
	return nil
}

// TopicBySlug returns a topic by its slug.
func (s *Store) TopicBySlug(ctx context.Context, slug string) (section.Topic, error) {
	t := section.Topic{Slug: slug}
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT id, name FROM topics WHERE slug = ?", slug).Scan(&t.ID, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, section.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("store: topic %q: %w", slug, err)
	}
	return t, nil
}

// TopicsByID returns topics in the order of ids; unknown ids are skipped.
func (s *Store) TopicsByID(ctx context.Context, ids []int64) ([]section.Topic, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT id, slug, name FROM topics WHERE id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: topics: %w", err)
	}
	defer rows.Close()
	byID := map[int64]section.Topic{}
	for rows.Next() {
		var t section.Topic
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("store: topics: %w", err)
		}
		byID[t.ID] = t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return inOrder(ids, byID), nil
}

// inOrder picks the values of byID in the order of ids, skipping missing ones.
func inOrder[T any](ids []int64, byID map[int64]T) []T {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		if v, ok := byID[id]; ok {
			out = append(out, v)
		}
	}
	return out
}

// Topics returns every topic by name.
func (s *Store) Topics(ctx context.Context) ([]section.Topic, error) {
	return s.topics(ctx, "SELECT id, slug, name FROM topics ORDER BY name, id")
}

// topics runs a query selecting id, slug and name of topics.
func (s *Store) topics(ctx context.Context, query string, args ...any) ([]section.Topic, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: topics: %w", err)
	}
	defer rows.Close()
	var out []section.Topic
	for rows.Next() {
		var t section.Topic
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("store: topics: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// UpdateSection saves a section's name and position.
func (s *Store) UpdateSection(ctx context.Context, sec section.Section) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := sec.Validate(); err != nil {
		return err
	}
	res, err := s.wr(ctx).ExecContext(ctx, "UPDATE sections SET name = ?, slug = ?, position = ? WHERE id = ?", sec.Name, sec.Slug,
		sec.Position, sec.ID)
	if s.engine.isUnique(err) {
		return fmt.Errorf("%w: section %q", section.ErrSlugTaken, sec.Slug)
	}
	return affected(res, err, section.ErrNotFound, "update section")
}

// RenameTopic changes a topic's name and slug.
func (s *Store) RenameTopic(ctx context.Context, t section.Topic) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if err := t.Validate(); err != nil {
		return err
	}
	res, err := s.wr(ctx).ExecContext(ctx, "UPDATE topics SET name = ?, slug = ? WHERE id = ?", t.Name, t.Slug, t.ID)
	if s.engine.isUnique(err) {
		return fmt.Errorf("%w: topic %q", section.ErrSlugTaken, t.Slug)
	}
	return affected(res, err, section.ErrNotFound, "rename topic")
}

// MergeTopics moves topic from's stories onto topic into, then deletes from.
func (s *Store) MergeTopics(ctx context.Context, from, into int64) (err error) {
	defer func() {
		if err == nil {
			s.changed(ctx, TagSite)
		}
	}()
	if from == into {
		return fmt.Errorf("%w: a topic cannot be merged into itself", section.ErrInvalid)
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM topics WHERE id IN (?, ?)", from, into).Scan(&n); err != nil {
			return fmt.Errorf("store: merge topics: %w", err)
		}
		if n != 2 {
			return section.ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_topics (story_id, topic_id, position)
			SELECT story_id, ?, position FROM story_topics WHERE topic_id = ?
			AND story_id NOT IN (SELECT story_id FROM story_topics WHERE topic_id = ?)`, into, from, into); err != nil {
			return fmt.Errorf("store: merge topics: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM topics WHERE id = ?", from); err != nil {
			return fmt.Errorf("store: merge topics: %w", err)
		}
		return nil
	})
}
