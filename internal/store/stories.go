package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"dateline/internal/event"
	"dateline/internal/outbox"
	"dateline/internal/story"
)

// CreateStory stores a new story with version 1.
func (s *Store) CreateStory(ctx context.Context, st *story.Story) error {
	return s.createStory(ctx, st, nil)
}

// createStory stores a new story and runs also, when given, in the same transaction.
func (s *Store) createStory(ctx context.Context, st *story.Story, also func(tx *Tx) error) error {
	if err := st.Validate(); err != nil {
		return err
	}
	now := s.clock()
	if st.CreatedAt.IsZero() {
		st.CreatedAt = now
	}
	st.CreatedAt = fromMicros(micros(st.CreatedAt))
	st.ModifiedAt = st.CreatedAt
	st.Version = 1
	if st.Language == "" {
		st.Language = "en"
	}
	assign := st.Slug == "" // nothing usable in the headline: the story is named story-<id>
	if assign {
		st.Slug = "story-new-" + newNodeID()
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		// A slug another story once had still redirects there: it is taken.
		var owner int64
		err := tx.QueryRowContext(ctx, "SELECT story_id FROM story_old_slugs WHERE slug = ?", st.Slug).Scan(&owner)
		if err == nil {
			return fmt.Errorf("%w: %s was used by another story", story.ErrSlugTaken, st.Slug)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: create story: %w", err)
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO stories (slug, headline, dek, language, section_id, dateline_city,
			bureau_id, body_markdown, lead_media_id, credit_line, comments_open, state, published_at, updated_at,
			scheduled_at, source_agency, source_item_id, source_version, version, created_at, modified_at, modified_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			st.Slug, st.Headline, st.Dek, st.Language, st.SectionID, st.DatelineCity, nullID(st.BureauID),
			st.BodyMarkdown, nullID(st.LeadMediaID), st.CreditLine, st.CommentsOpen, string(st.State),
			nullMicros(st.PublishedAt), nullMicros(st.UpdatedAt), nullMicros(st.ScheduledAt),
			st.Source.Agency, st.Source.ItemID, st.Source.Version, st.Version, micros(st.CreatedAt), micros(st.ModifiedAt),
			nullID(st.ModifiedBy)).Scan(&st.ID)
		if s.engine.isUnique(err) {
			return fmt.Errorf("%w: %s", story.ErrSlugTaken, st.Slug)
		}
		if err != nil {
			return fmt.Errorf("store: create story: %w", err)
		}
		if assign {
			st.Slug = "story-" + strconv.FormatInt(st.ID, 10)
			if _, err := tx.ExecContext(ctx, "UPDATE stories SET slug = ? WHERE id = ?", st.Slug, st.ID); err != nil {
				if s.engine.isUnique(err) {
					return fmt.Errorf("%w: %s", story.ErrSlugTaken, st.Slug)
				}
				return fmt.Errorf("store: create story: %w", err)
			}
		}
		if err := writeStoryLists(ctx, tx, st); err != nil {
			return err
		}
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		if err := s.indexNew(ctx, tx, *st); err != nil {
			return err
		}
		if st.State == story.StateScheduled {
			s.changed(ctx, TagSchedule)
		}
		if !st.Visible() {
			return nil
		}
		s.changed(ctx, TagStories, TagStory(st.ID))
		return s.AddEvent(ctx, event.RefreshRelated, outbox.StoryID{StoryID: st.ID})
	})
}

// UpdateStory saves st when st.Version is current, keeping the previous version as a
// revision. The first publication time, once stored, is never overwritten.
func (s *Store) UpdateStory(ctx context.Context, st *story.Story) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		// The row is locked (PostgreSQL; SQLite has one writer) and what the save
		// must keep is read: the slug for redirects, the state, the first
		// publication time. The version is checked once, by the UPDATE below.
		version := st.Version
		var oldSlug, oldState string
		var oldPublished sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT slug, state, published_at FROM stories WHERE id = ?`+s.engine.forUpdate,
			st.ID).Scan(&oldSlug, &oldState, &oldPublished)
		if errors.Is(err, sql.ErrNoRows) {
			return story.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: update story %d: %w", st.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_revisions (story_id, version, headline, dek, body_markdown, state,
			saved_by, saved_at) SELECT id, version, headline, dek, body_markdown, state, modified_by, modified_at
			FROM stories WHERE id = ?`, st.ID); err != nil {
			return fmt.Errorf("store: keep revision of story %d: %w", st.ID, err)
		}
		wasPublic := oldState == string(story.StatePublished)
		wasScheduled := oldState == string(story.StateScheduled)
		if oldPublished.Valid {
			st.PublishedAt = fromMicros(oldPublished.Int64)
		}
		if oldSlug != st.Slug {
			if err := moveSlug(ctx, tx, st.ID, oldSlug, st.Slug); err != nil {
				return err
			}
		}
		st.ModifiedAt = s.clock()
		res, err := tx.ExecContext(ctx, `UPDATE stories SET slug = ?, headline = ?, dek = ?, language = ?, section_id = ?,
			dateline_city = ?, bureau_id = ?, body_markdown = ?, lead_media_id = ?, credit_line = ?, comments_open = ?,
			state = ?, published_at = ?, updated_at = ?, scheduled_at = ?, source_agency = ?, source_item_id = ?,
			source_version = ?, version = ?, modified_at = ?, modified_by = ? WHERE id = ? AND version = ?`,
			st.Slug, st.Headline, st.Dek, st.Language, st.SectionID, st.DatelineCity, nullID(st.BureauID),
			st.BodyMarkdown, nullID(st.LeadMediaID), st.CreditLine, st.CommentsOpen, string(st.State),
			nullMicros(st.PublishedAt), nullMicros(st.UpdatedAt), nullMicros(st.ScheduledAt),
			st.Source.Agency, st.Source.ItemID, st.Source.Version, version+1, micros(st.ModifiedAt), nullID(st.ModifiedBy), st.ID, version)
		if s.engine.isUnique(err) {
			return fmt.Errorf("%w: %s", story.ErrSlugTaken, st.Slug)
		}
		if err != nil {
			return fmt.Errorf("store: update story %d: %w", st.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return s.stale(ctx, tx, st.ID, version)
		}
		for _, table := range []string{"story_topics", "story_authors", "story_related", "story_sites", "story_notes", "story_media"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE story_id = ?", st.ID); err != nil {
				return fmt.Errorf("store: update story %d: %w", st.ID, err)
			}
		}
		if err := writeStoryLists(ctx, tx, st); err != nil {
			return err
		}
		if wasPublic && st.State != story.StatePublished {
			if err := leaveFronts(ctx, tx, st.ID); err != nil {
				return err
			}
		}
		if err := s.indexStory(ctx, tx, *st); err != nil {
			return err
		}
		st.Version = version + 1
		if wasScheduled || st.State == story.StateScheduled {
			s.changed(ctx, TagSchedule) // the next embargo may have moved: wake the schedulers
		}
		if !wasPublic && !st.Visible() {
			return nil
		}
		s.changed(ctx, TagStories, TagStory(st.ID))
		return s.AddEvent(ctx, event.RefreshRelated, outbox.StoryID{StoryID: st.ID})
	})
}

// stale explains a save refused for its version: which one has been saved since.
func (s *Store) stale(ctx context.Context, tx *Tx, id int64, version int) error {
	var current int
	if err := tx.QueryRowContext(ctx, "SELECT version FROM stories WHERE id = ?", id).Scan(&current); err != nil {
		return fmt.Errorf("%w: story %d changed while saving", story.ErrConflict, id)
	}
	return fmt.Errorf("%w: you edited version %d, and version %d has been saved since", story.ErrConflict, version, current)
}

// moveSlug remembers the old slug for redirects, refusing a new slug that another
// story once had.
func moveSlug(ctx context.Context, tx *Tx, id int64, from, to string) error {
	var owner int64
	err := tx.QueryRowContext(ctx, "SELECT story_id FROM story_old_slugs WHERE slug = ?", to).Scan(&owner)
	switch {
	case err == nil && owner != id:
		return fmt.Errorf("%w: %s was used by another story", story.ErrSlugTaken, to)
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: slug %s: %w", to, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM story_old_slugs WHERE slug = ?", to); err != nil {
		return fmt.Errorf("store: slug %s: %w", to, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO story_old_slugs (slug, story_id) VALUES (?, ?)", from, id); err != nil {
		return fmt.Errorf("store: slug %s: %w", from, err)
	}
	return nil
}

// writeStoryLists inserts the story's topics, authors, related stories, sites and notes.
func writeStoryLists(ctx context.Context, tx *Tx, st *story.Story) error {
	exec := func(query string, args ...any) error {
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("store: story %d lists: %w", st.ID, err)
		}
		return nil
	}
	for i, id := range dedupe(st.TopicIDs) {
		if err := exec("INSERT INTO story_topics (story_id, topic_id, position) VALUES (?, ?, ?)", st.ID, id, i); err != nil {
			return err
		}
	}
	for i, id := range dedupe(st.AuthorIDs) {
		if err := exec("INSERT INTO story_authors (story_id, person_id, position) VALUES (?, ?, ?)", st.ID, id, i); err != nil {
			return err
		}
	}
	for i, id := range dedupe(st.RelatedIDs) {
		if err := exec("INSERT INTO story_related (story_id, related_id, position) VALUES (?, ?, ?)", st.ID, id, i); err != nil {
			return err
		}
	}
	for i, l := range st.RelatedSites {
		if err := exec("INSERT INTO story_sites (story_id, position, title, url) VALUES (?, ?, ?, ?)", st.ID, i, l.Title, l.URL); err != nil {
			return err
		}
	}
	for i, n := range st.Notes {
		if err := exec("INSERT INTO story_notes (story_id, position, kind, text, at) VALUES (?, ?, ?, ?, ?)", st.ID, i, string(n.Kind), n.Text, micros(n.At)); err != nil {
			return err
		}
	}
	for _, id := range st.InlineMediaIDs() {
		if err := exec("INSERT INTO story_media (story_id, media_id) VALUES (?, ?)", st.ID, id); err != nil {
			return err
		}
	}
	return nil
}

func dedupe(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// StoryByID returns a story in any state with all its lists.
func (s *Store) StoryByID(ctx context.Context, id int64) (story.Story, error) {
	st, err := scanStory(s.rd(ctx).QueryRowContext(ctx, "SELECT "+fullColumns+" FROM stories WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, story.ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("store: story %d: %w", id, err)
	}
	return st, s.readStoryLists(ctx, &st)
}

// StoryBySlug returns the story that has, or once had, the slug.
func (s *Store) StoryBySlug(ctx context.Context, slug string) (story.Story, error) {
	st, err := scanStory(s.rd(ctx).QueryRowContext(ctx, "SELECT "+fullColumns+` FROM stories WHERE id = (SELECT id FROM stories WHERE slug = ?
		UNION ALL SELECT story_id FROM story_old_slugs WHERE slug = ? LIMIT 1)`, slug, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return st, story.ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("store: story %q: %w", slug, err)
	}
	return st, s.readStoryLists(ctx, &st)
}

// storyListsQuery reads all of a story's lists in one statement, each row tagged
// with its list: a cold story page is read in two statements, not seven.
const storyListsQuery = `SELECT 0, topic_id, position, '', '', 0 FROM story_topics WHERE story_id = ?
	UNION ALL SELECT 1, person_id, position, '', '', 0 FROM story_authors WHERE story_id = ?
	UNION ALL SELECT 2, related_id, position, '', '', 0 FROM story_related WHERE story_id = ?
	UNION ALL SELECT 3, 0, position, title, url, 0 FROM story_sites WHERE story_id = ?
	UNION ALL SELECT 4, 0, position, kind, text, at FROM story_notes WHERE story_id = ?
	ORDER BY 1, 3`

func (s *Store) readStoryLists(ctx context.Context, st *story.Story) error {
	rows, err := s.rd(ctx).QueryContext(ctx, storyListsQuery, st.ID, st.ID, st.ID, st.ID, st.ID)
	if err != nil {
		return fmt.Errorf("store: story %d lists: %w", st.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var list, id, position, at int64
		var a, b string
		if err := rows.Scan(&list, &id, &position, &a, &b, &at); err != nil {
			return fmt.Errorf("store: story %d lists: %w", st.ID, err)
		}
		switch list {
		case 0:
			st.TopicIDs = append(st.TopicIDs, id)
		case 1:
			st.AuthorIDs = append(st.AuthorIDs, id)
		case 2:
			st.RelatedIDs = append(st.RelatedIDs, id)
		case 3:
			st.RelatedSites = append(st.RelatedSites, story.Link{Title: a, URL: b})
		case 4:
			st.Notes = append(st.Notes, story.Note{Kind: story.NoteKind(a), Text: b, At: fromMicros(at)})
		}
	}
	return rows.Err()
}

func (s *Store) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Revisions lists a story's earlier versions, newest first.
func (s *Store) Revisions(ctx context.Context, id int64) ([]story.Revision, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT version, headline, dek, body_markdown, state, COALESCE(saved_by, 0), saved_at
		FROM story_revisions WHERE story_id = ? ORDER BY version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("store: revisions of %d: %w", id, err)
	}
	defer rows.Close()
	var out []story.Revision
	for rows.Next() {
		r := story.Revision{StoryID: id}
		var at int64
		var state string
		if err := rows.Scan(&r.Version, &r.Headline, &r.Dek, &r.Body, &state, &r.SavedBy, &at); err != nil {
			return nil, fmt.Errorf("store: revisions of %d: %w", id, err)
		}
		r.SavedAt, r.State = fromMicros(at), story.State(state)
		out = append(out, r)
	}
	return out, rows.Err()
}
