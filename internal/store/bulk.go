package store

import (
	"context"
	"fmt"
	"maps"

	"dateline/internal/search"
	"dateline/internal/store/sqlite"
	"dateline/internal/story"
)

// ImportStories inserts many new stories in one transaction, for generated archives.
// Either all are stored or none. The published ones are indexed for search in the
// same transaction: indexing them afterwards read every story back.
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
		const perStatement = 500 // rows of three values
		topics := newRowBatch(tx, "INSERT INTO story_topics (story_id, topic_id, position) VALUES ", 3, perStatement)
		authors := newRowBatch(tx, "INSERT INTO story_authors (story_id, person_id, position) VALUES ", 3, perStatement)
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
				if err := topics.add(ctx, st.ID, id, i); err != nil {
					return err
				}
			}
			for i, id := range dedupe(st.AuthorIDs) {
				if err := authors.add(ctx, st.ID, id, i); err != nil {
					return err
				}
			}
		}
		if err := topics.flush(ctx); err != nil {
			return err
		}
		if err := authors.flush(ctx); err != nil {
			return err
		}
		return s.indexImported(ctx, tx, list)
	})
	if err == nil {
		s.changed(ctx, TagStories)
	}
	return err
}

// indexImported adds the published stories of list to the search index.
func (s *Store) indexImported(ctx context.Context, tx *Tx, list []*story.Story) error {
	var ids []int64
	for _, st := range list {
		if st.State == story.StatePublished {
			ids = append(ids, st.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	names := map[int64][]string{}
	const perStatement = 5000 // IDs, within both engines' limits on parameters
	for start := 0; start < len(ids); start += perStatement {
		part, err := topicNamesFrom(ctx, tx, ids[start:min(start+perStatement, len(ids))])
		if err != nil {
			return err
		}
		maps.Copy(names, part)
	}
	ins, err := tx.PrepareContext(ctx, s.engine.search.indexInsert)
	if err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	defer ins.Close()
	for _, st := range list {
		if st.State != story.StatePublished {
			continue
		}
		d := search.NewDocument(*st, names[st.ID])
		if _, err := ins.ExecContext(ctx, st.ID, d.Headline, d.Dek, d.Body, d.Topics); err != nil {
			return fmt.Errorf("store: index story %d: %w", st.ID, err)
		}
	}
	return nil
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
