package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"dateline/internal/people"
	"dateline/internal/section"
)

// Names reach the public only through published stories: a topic typed on an
// embargoed draft ("Acme Globex merger") must not show in a topic list, a search
// filter, a sitemap or a URL that answers. These are the public site's and the
// Content API's views of sections, topics, bureaus and people.

// PublishedSections returns the sections that hold a published story, directly or
// in a subsection (a parent is listed with its child), in Sections' order.
func (s *Store) PublishedSections(ctx context.Context) ([]section.Section, error) {
	all, err := s.Sections(ctx)
	if err != nil {
		return nil, err
	}
	used, err := s.ids(ctx, `SELECT c.id FROM sections c
		WHERE EXISTS (SELECT 1 FROM stories s WHERE s.section_id = c.id AND s.state = 'published')`)
	if err != nil {
		return nil, err
	}
	public := map[int64]bool{}
	parent := map[int64]int64{}
	for _, sec := range all {
		parent[sec.ID] = sec.ParentID
	}
	for _, id := range used {
		public[id] = true
		if p := parent[id]; p != 0 {
			public[p] = true
		}
	}
	out := all[:0]
	for _, sec := range all {
		if public[sec.ID] {
			out = append(out, sec)
		}
	}
	return out, nil
}

// PublishedTopics returns the topics at least one published story carries.
func (s *Store) PublishedTopics(ctx context.Context) ([]section.Topic, error) {
	return s.topics(ctx, `SELECT t.id, t.slug, t.name FROM topics t WHERE EXISTS (SELECT 1 FROM story_topics x
		JOIN stories s ON s.id = x.story_id WHERE x.topic_id = t.id AND s.state = 'published') ORDER BY t.name, t.id`)
}

// PublishedTopicBySlug returns a topic a published story carries, or ErrNotFound.
func (s *Store) PublishedTopicBySlug(ctx context.Context, slug string) (section.Topic, error) {
	t := section.Topic{Slug: slug}
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT t.id, t.name FROM topics t WHERE t.slug = ? AND EXISTS (SELECT 1 FROM story_topics x
		JOIN stories s ON s.id = x.story_id WHERE x.topic_id = t.id AND s.state = 'published')`, slug).Scan(&t.ID, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, section.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("store: topic %q: %w", slug, err)
	}
	return t, nil
}

// PublishedPersonBySlug returns an author of a published story, or ErrNotFound: staff
// without a published byline (admins, new hires) have no public page.
func (s *Store) PublishedPersonBySlug(ctx context.Context, slug string) (people.Person, error) {
	p, err := scanPerson(
		s.rd(ctx).QueryRowContext(ctx, "SELECT "+personColumns+` FROM people WHERE slug = ? AND EXISTS (SELECT 1 FROM story_authors a
		JOIN stories s ON s.id = a.story_id WHERE a.person_id = people.id AND s.state = 'published')`, slug),
	)
	return p, personErr(err, slug)
}

// PublishedBureau returns a bureau a published story carries, or ErrNotFound.
func (s *Store) PublishedBureau(ctx context.Context, id int64) (people.Bureau, error) {
	b := people.Bureau{ID: id}
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT name, city, time_zone FROM bureaus b WHERE id = ? AND EXISTS (SELECT 1 FROM stories s
		WHERE s.bureau_id = b.id AND s.state = 'published')`, id).Scan(&b.Name, &b.City, &b.TimeZone)
	if errors.Is(err, sql.ErrNoRows) {
		return b, people.ErrNotFound
	}
	if err != nil {
		return b, fmt.Errorf("store: bureau %d: %w", id, err)
	}
	return b, nil
}
