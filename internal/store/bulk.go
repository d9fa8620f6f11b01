package store

import (
	"context"
	"fmt"

	"dateline/internal/store/sqlite"
	"dateline/internal/story"
)

// ImportStories inserts many new stories in one transaction, for demo archives and
// imports. Either all are stored or none. They are not searchable until IndexMissing
// runs (the bulk loader does it as its own phase; Open does it too).
func (s *Store) ImportStories(ctx context.Context, list []*story.Story) error {
	now := s.clock()
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO stories (slug, headline, dek, language, section_id, dateline_city,
			bureau_id, body_markdown, lead_media_id, credit_line, comments_open, state, published_at, updated_at,
			scheduled_at, source_agency, source_item_id, source_version, version, created_at, modified_at, modified_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`)
		if err != nil {
			return fmt.Errorf("store: import: %w", err)
		}
		defer ins.Close()
		topic, err := tx.PrepareContext(ctx, "INSERT INTO story_topics (story_id, topic_id, position) VALUES (?, ?, ?)")
		if err != nil {
			return fmt.Errorf("store: import: %w", err)
		}
		defer topic.Close()
		author, err := tx.PrepareContext(ctx, "INSERT INTO story_authors (story_id, person_id, position) VALUES (?, ?, ?)")
		if err != nil {
			return fmt.Errorf("store: import: %w", err)
		}
		defer author.Close()
		for _, st := range list {
			if err := st.Validate(); err != nil {
				return err
			}
			if st.CreatedAt.IsZero() {
				st.CreatedAt = now
			}
			st.ModifiedAt, st.Version = st.CreatedAt, 1
			err := ins.QueryRowContext(ctx, st.Slug, st.Headline, st.Dek, st.Language, st.SectionID, st.DatelineCity,
				nullID(st.BureauID), st.BodyMarkdown, nullID(st.LeadMediaID), st.CreditLine, st.CommentsOpen, string(st.State),
				nullMicros(st.PublishedAt), nullMicros(st.UpdatedAt), nullMicros(st.ScheduledAt),
				st.Source.Agency, st.Source.ItemID, st.Source.Version, micros(st.CreatedAt), micros(st.ModifiedAt), nullID(st.ModifiedBy)).Scan(&st.ID)
			if s.engine.isUnique(err) {
				return fmt.Errorf("%w: %s", story.ErrSlugTaken, st.Slug)
			}
			if err != nil {
				return fmt.Errorf("store: import %s: %w", st.Slug, err)
			}
			for i, id := range dedupe(st.TopicIDs) {
				if _, err := topic.ExecContext(ctx, st.ID, id, i); err != nil {
					return fmt.Errorf("store: import %s topics: %w", st.Slug, err)
				}
			}
			for i, id := range dedupe(st.AuthorIDs) {
				if _, err := author.ExecContext(ctx, st.ID, id, i); err != nil {
					return fmt.Errorf("store: import %s authors: %w", st.Slug, err)
				}
			}
		}
		return nil
	})
	if err == nil {
		s.changed(ctx, TagStories)
	}
	return err
}

// IsEmpty reports whether the site has no sections and no stories yet: a new site.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.rd(ctx).QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM stories)").Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return n == 0, nil
}

// BulkLoad raises the SQLite writer's page cache for a bulk load (an import, a
// generated archive), which touches index pages all over the file; done sets it back
// to its everyday bound. PostgreSQL's caches are the server's: nothing to do.
func (s *Store) BulkLoad(ctx context.Context) (done func(), err error) {
	if s.engine.name != "sqlite" {
		return func() {}, nil
	}
	if _, err := s.write.ExecContext(ctx, sqlite.CacheSizePragma(sqlite.BulkCacheBytes)); err != nil {
		return nil, fmt.Errorf("store: bulk load: %w", err)
	}
	return func() {
		// A failure keeps the larger cache.
		_, _ = s.write.ExecContext(context.WithoutCancel(ctx), sqlite.CacheSizePragma(sqlite.WriterCacheBytes))
	}, nil
}

// PageCacheBytes is the most the database's page caches in this process hold: the
// SQLite connections' together; 0 on PostgreSQL, whose caches are the server's.
func (s *Store) PageCacheBytes() int {
	if s.engine.name != "sqlite" {
		return 0
	}
	return sqlite.CacheBytes()
}
