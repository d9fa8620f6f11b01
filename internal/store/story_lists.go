package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"dateline/internal/story"
)

// storyColumns lists the columns scanStory reads, qualified by alias (e.g. "s.").
// Lists leave the body out: they never show it.
func storyColumns(alias string, withBody bool) string {
	body := alias + "body_markdown"
	if !withBody {
		body = "''"
	}
	return strings.NewReplacer("@", alias, "BODY", body).Replace(`@id, @slug, @headline, @dek, @language, @section_id,
	@dateline_city, COALESCE(@bureau_id, 0), BODY, COALESCE(@lead_media_id, 0), @credit_line, @comments_open, @state,
	@published_at, @updated_at, @scheduled_at, @source_agency, @source_item_id, @source_version, @version,
	@created_at, @modified_at, COALESCE(@modified_by, 0), @trashed_at`)
}

var (
	fullColumns  = storyColumns("", true)
	listColumns  = storyColumns("", false)
	listColumnsS = storyColumns("s.", false)
)

func scanStory(row interface{ Scan(...any) error }) (story.Story, error) {
	var st story.Story
	var state string
	var published, updated, scheduled, trashed sql.NullInt64
	var created, modified int64
	err := row.Scan(&st.ID, &st.Slug, &st.Headline, &st.Dek, &st.Language, &st.SectionID, &st.DatelineCity, &st.BureauID,
		&st.BodyMarkdown, &st.LeadMediaID, &st.CreditLine, &st.CommentsOpen, &state, &published, &updated,
		&scheduled, &st.Source.Agency, &st.Source.ItemID, &st.Source.Version, &st.Version, &created, &modified, &st.ModifiedBy, &trashed)
	st.TrashedAt = fromNullMicros(trashed)
	st.State = story.State(state)
	st.PublishedAt, st.UpdatedAt, st.ScheduledAt = fromNullMicros(published), fromNullMicros(updated), fromNullMicros(scheduled)
	st.CreatedAt, st.ModifiedAt = fromMicros(created), fromMicros(modified)
	return st, err
}

func (s *Store) scanStories(ctx context.Context, query string, args ...any) ([]story.Story, error) {
	return scanStoriesFrom(ctx, s.rd(ctx), query, args...)
}

// scanStoriesFrom runs a story query on a pool or inside a transaction.
func scanStoriesFrom(ctx context.Context, q execer, query string, args ...any) ([]story.Story, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	var out []story.Story
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// Stories lists stories matching q, published only unless q.AnyState, newest first.
func (s *Store) Stories(ctx context.Context, q story.Query) ([]story.Story, int, error) {
	var where []string
	var args []any
	switch {
	case !q.AnyState:
		where = append(where, "state = 'published'")
	case q.State != "":
		where, args = append(where, "state = ?"), append(args, string(q.State))
	}
	switch {
	case q.Trashed:
		where = append(where, "trashed_at IS NOT NULL")
	case q.AnyState:
		where = append(where, "trashed_at IS NULL")
	default:
		// Published stories are never in the trash (TrashStory refuses them, the
		// desk refuses to publish from it), and leaving trashed_at out lets the
		// indexes alone count and order a list: it is not in them, and it sits
		// after the body in the row, so each test read the whole story.
	}
	if q.Headline != "" {
		where, args = append(where, "LOWER(headline) LIKE ? ESCAPE '\\'"), append(args, "%"+likeEscape(strings.ToLower(q.Headline))+"%")
	}
	if q.SectionID != 0 {
		// The section's own id and its children's, as values: a subquery here makes
		// PostgreSQL scan every story to count a front.
		ids, err := s.ids(ctx, "SELECT id FROM sections WHERE id = ? OR parent_id = ?", q.SectionID, q.SectionID)
		if err != nil {
			return nil, 0, err
		}
		if len(ids) == 0 {
			return nil, 0, nil
		}
		where, args = append(where, "section_id IN ("+placeholders(len(ids))+")"), append(args, int64Args(ids)...)
	}
	// A topic's or an author's stories are matched against the list's index, "+id"
	// keeping SQLite from looking each of them up by id instead: that reads every
	// story's row (state and date sit after the body) to count and order a list.
	if q.TopicID != 0 {
		where = append(where, "+id IN (SELECT story_id FROM story_topics WHERE topic_id = ?)")
		args = append(args, q.TopicID)
	}
	if q.AuthorID != 0 {
		where = append(where, "+id IN (SELECT story_id FROM story_authors WHERE person_id = ?)")
		args = append(args, q.AuthorID)
	}
	if !q.PublishedFrom.IsZero() {
		where = append(where, "published_at >= ?")
		args = append(args, micros(q.PublishedFrom))
	}
	if !q.PublishedTo.IsZero() {
		where = append(where, "published_at < ?")
		args = append(args, micros(q.PublishedTo))
	}
	if !q.ScheduledBefore.IsZero() {
		where = append(where, "state = 'scheduled' AND scheduled_at < ?")
		args = append(args, micros(q.ScheduledBefore))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM stories"+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count stories: %w", err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 200)
	order := " ORDER BY published_at DESC, id DESC"
	switch {
	case !q.ScheduledBefore.IsZero():
		order = " ORDER BY scheduled_at, id"
	case q.AnyState:
		order = " ORDER BY modified_at DESC, id DESC"
	}
	// The page's rows are found by their IDs first, from the indexes alone, and only
	// then read: OFFSET otherwise reads every whole row it skips, and walking a
	// list's 500 pages (a crawler, a static export) read the list 250 times over.
	list, err := s.scanStories(ctx, "SELECT "+listColumns+" FROM stories WHERE id IN (SELECT id FROM stories"+cond+order+
		" LIMIT ? OFFSET ?)"+order, append(args, limit, max(q.Offset, 0))...)
	return list, total, err
}

// StoryAuthorIDs returns the authors of each of the stories, in byline order, in one
// statement: a newsroom list's author column.
func (s *Store) StoryAuthorIDs(ctx context.Context, ids []int64) (map[int64][]int64, error) {
	out := make(map[int64][]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT story_id, person_id FROM story_authors WHERE story_id IN ("+placeholders(len(ids))+
		") ORDER BY story_id, position", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: story authors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var story, person int64
		if err := rows.Scan(&story, &person); err != nil {
			return nil, fmt.Errorf("store: story authors: %w", err)
		}
		out[story] = append(out[story], person)
	}
	return out, rows.Err()
}

// StoriesByID returns the published stories among ids, in the order of ids.
// The state is checked here rather than in SQL: with "state = 'published'" in the
// query, SQLite prefers the state index and scans every published story.
func (s *Store) StoriesByID(ctx context.Context, ids []int64) ([]story.Story, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := s.scanStories(ctx, "SELECT "+listColumns+" FROM stories WHERE id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]story.Story, len(list))
	for _, st := range list {
		if st.State == story.StatePublished {
			byID[st.ID] = st
		}
	}
	return inOrder(ids, byID), nil
}

// relatedWindow bounds how many of each topic's latest stories RelatedByTopic
// considers, so its cost does not grow with the archive.
const relatedWindow = 200

// RelatedByTopic finds published stories sharing the most topics with story id,
// among the latest stories of each of its topics; ties go to the newer story.
func (s *Store) RelatedByTopic(ctx context.Context, id int64, exclude []int64, limit int) ([]story.Story, error) {
	topics, err := s.ids(ctx, "SELECT topic_id FROM story_topics WHERE story_id = ?", id)
	if err != nil || len(topics) == 0 || limit <= 0 {
		return nil, err
	}
	skip := map[int64]bool{id: true}
	for _, x := range exclude {
		skip[x] = true
	}
	shared := map[int64]int{}
	for _, topic := range topics {
		ids, err := s.ids(ctx, "SELECT story_id FROM story_topics WHERE topic_id = ? ORDER BY story_id DESC LIMIT ?", topic, relatedWindow)
		if err != nil {
			return nil, err
		}
		for _, c := range ids {
			if !skip[c] {
				shared[c]++
			}
		}
	}
	if len(shared) == 0 {
		return nil, nil
	}
	candidates := make([]int64, 0, len(shared))
	for c := range shared {
		candidates = append(candidates, c)
	}
	// Rank on two narrow columns first; load whole rows only for the winners.
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT id, state, published_at FROM stories WHERE id IN ("+
		placeholders(len(candidates))+")", int64Args(candidates)...)
	if err != nil {
		return nil, fmt.Errorf("store: related to %d: %w", id, err)
	}
	defer rows.Close()
	type ranked struct{ id, published int64 }
	var list []ranked
	for rows.Next() {
		var r ranked
		var state string
		var published sql.NullInt64
		if err := rows.Scan(&r.id, &state, &published); err != nil {
			return nil, fmt.Errorf("store: related to %d: %w", id, err)
		}
		if state == string(story.StatePublished) {
			r.published = published.Int64
			list = append(list, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(list, func(a, b ranked) int {
		if d := shared[b.id] - shared[a.id]; d != 0 {
			return d
		}
		if c := cmp.Compare(b.published, a.published); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id)
	})
	top := make([]int64, 0, limit)
	for _, r := range list[:min(limit, len(list))] {
		top = append(top, r.id)
	}
	return s.StoriesByID(ctx, top)
}

// likeEscape escapes LIKE's wildcards so user text matches literally.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// PublishedAround finds the nearest first-publication times of published stories
// before from and at or after to (zero when there is none), so a date archive can
// link to the neighbouring periods that have stories.
func (s *Store) PublishedAround(ctx context.Context, from, to time.Time) (prev, next time.Time, err error) {
	var before, after sql.NullInt64
	err = s.rd(ctx).QueryRowContext(ctx, `SELECT
		(SELECT MAX(published_at) FROM stories WHERE state = 'published' AND published_at < ?),
		(SELECT MIN(published_at) FROM stories WHERE state = 'published' AND published_at >= ?)`, micros(from), micros(to)).
		Scan(&before, &after)
	if err != nil {
		return prev, next, fmt.Errorf("store: archive neighbours: %w", err)
	}
	return fromNullMicros(before), fromNullMicros(after), nil
}

// PublishedLocations lists published stories, newest first, with only what their
// addresses and a sitemap's dates need (ID, slug, section, first publication and
// update): one statement per sitemap file, not a page of whole rows at a time.
func (s *Store) PublishedLocations(ctx context.Context, offset, limit int) ([]story.Story, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT id, slug, section_id, published_at, updated_at FROM stories
		WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: story locations: %w", err)
	}
	defer rows.Close()
	out := make([]story.Story, 0, limit)
	for rows.Next() {
		st := story.Story{State: story.StatePublished}
		var published, updated sql.NullInt64
		if err := rows.Scan(&st.ID, &st.Slug, &st.SectionID, &published, &updated); err != nil {
			return nil, fmt.Errorf("store: story locations: %w", err)
		}
		st.PublishedAt, st.UpdatedAt = fromNullMicros(published), fromNullMicros(updated)
		out = append(out, st)
	}
	return out, rows.Err()
}
