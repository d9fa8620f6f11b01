package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"dateline/internal/search"
	"dateline/internal/story"
)

// searchSQL is an engine's full-text search dialect.
type searchSQL struct {
	indexDelete, indexInsert, match, indexCount, unindexed string
	all, any                                               func([]search.Term) string
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// indexStory puts a published story in the search index, or takes any other out.
// It runs in the transaction that saves the story, so the index never disagrees
// with what is published.
func (s *Store) indexStory(ctx context.Context, tx execer, st story.Story) error {
	if _, err := tx.ExecContext(ctx, s.engine.search.indexDelete, st.ID); err != nil {
		return fmt.Errorf("store: unindex story %d: %w", st.ID, err)
	}
	return s.indexNew(ctx, tx, st)
}

// indexNew indexes a story that has no entry yet (a story just created): SQLite's
// full-text index must write out what it holds in memory before a delete, so a new
// story skips it.
func (s *Store) indexNew(ctx context.Context, tx execer, st story.Story) error {
	if st.State != story.StatePublished {
		return nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT t.name FROM topics t JOIN story_topics x ON x.topic_id = t.id WHERE x.story_id = ?", st.ID)
	if err != nil {
		return fmt.Errorf("store: index story %d: %w", st.ID, err)
	}
	var topics []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		topics = append(topics, name)
	}
	rows.Close()
	d := search.NewDocument(st, topics)
	if _, err := tx.ExecContext(ctx, s.engine.search.indexInsert, st.ID, d.Headline, d.Dek, d.Body, d.Topics); err != nil {
		return fmt.Errorf("store: index story %d: %w", st.ID, err)
	}
	return nil
}

// Search finds published stories matching the query's words and phrases, most
// relevant (or newest) first, with the total number of matches.
func (s *Store) Search(ctx context.Context, q search.Query) ([]search.Hit, int, error) {
	terms := search.Parse(q.Text)
	if len(terms) == 0 {
		return nil, 0, nil
	}
	return s.searchTerms(ctx, s.engine.search.all(terms), q, 0)
}

func (s *Store) searchTerms(ctx context.Context, expr string, q search.Query, exclude int64) ([]search.Hit, int, error) {
	where := []string{"s.state = 'published'"}
	args := []any{expr}
	if exclude != 0 {
		where, args = append(where, "s.id <> ?"), append(args, exclude)
	}
	if q.SectionID != 0 {
		ids, err := s.ids(ctx, "SELECT id FROM sections WHERE id = ? OR parent_id = ?", q.SectionID, q.SectionID)
		if err != nil {
			return nil, 0, err
		}
		if len(ids) == 0 {
			return nil, 0, nil
		}
		where, args = append(where, "s.section_id IN ("+placeholders(len(ids))+")"), append(args, int64Args(ids)...)
	}
	if q.TopicID != 0 {
		where, args = append(where, "s.id IN (SELECT story_id FROM story_topics WHERE topic_id = ?)"), append(args, q.TopicID)
	}
	if !q.From.IsZero() {
		where, args = append(where, "s.published_at >= ?"), append(args, micros(q.From))
	}
	if !q.To.IsZero() {
		where, args = append(where, "s.published_at < ?"), append(args, micros(q.To))
	}
	from := " FROM (" + s.engine.search.match + ") m JOIN stories s ON s.id = m.id WHERE " + strings.Join(where, " AND ")
	// Counting stops at maxCounted: past it, the exact number of matches helps
	// no reader, and counting 100,000 matches of a common word costs more than the page.
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1"+from+" LIMIT ?) c", append(args, search.MaxCounted)...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	order := " ORDER BY m.score DESC, s.published_at DESC, s.id DESC"
	if q.ByDate {
		order = " ORDER BY s.published_at DESC, s.id DESC"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT "+storyColumns("s.", true)+", m.score"+from+order+" LIMIT ? OFFSET ?",
		append(args, min(limit, 100), max(q.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var hits []search.Hit
	for rows.Next() {
		var h search.Hit
		st, err := scanStory(scoreScanner{rows, &h.Score})
		if err != nil {
			return nil, 0, fmt.Errorf("store: search: %w", err)
		}
		h.Story = st
		hits = append(hits, h)
	}
	return hits, total, rows.Err()
}

// scoreScanner scans a story row with one extra trailing column, the score.
type scoreScanner struct {
	rows  *sql.Rows
	score *float64
}

func (s scoreScanner) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.score)...) }

// Reindex rebuilds the search index from the stories, as after a migration or a copy.
func (s *Store) Reindex(ctx context.Context) error {
	ids, err := s.ids(ctx, "SELECT id FROM stories WHERE state = 'published' ORDER BY id")
	if err != nil {
		return err
	}
	const batch = 500
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		list, err := s.scanStories(ctx, "SELECT "+fullColumns+" FROM stories WHERE id IN ("+placeholders(len(part))+")", int64Args(part)...)
		if err != nil {
			return err
		}
		err = s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
			for _, st := range list {
				if err := s.indexStory(ctx, tx, st); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// IndexMissing adds the published stories missing from the search index, in large
// batches: the second phase of a bulk load, and a repair on start. It returns how
// many it indexed.
func (s *Store) IndexMissing(ctx context.Context) (int, error) {
	ids, err := s.ids(ctx, s.engine.search.unindexed)
	if err != nil {
		return 0, err
	}
	const batch = 2000
	for start := 0; start < len(ids); start += batch {
		part := ids[start:min(start+batch, len(ids))]
		list, err := s.scanStories(ctx, "SELECT "+fullColumns+" FROM stories WHERE id IN ("+placeholders(len(part))+")", int64Args(part)...)
		if err != nil {
			return start, err
		}
		topics, err := topicNamesFrom(ctx, s.rd(ctx), part)
		if err != nil {
			return start, err
		}
		err = s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
			ins, err := tx.PrepareContext(ctx, s.engine.search.indexInsert)
			if err != nil {
				return err
			}
			defer ins.Close()
			for _, st := range list {
				d := search.NewDocument(st, topics[st.ID])
				if _, err := ins.ExecContext(ctx, st.ID, d.Headline, d.Dek, d.Body, d.Topics); err != nil {
					return fmt.Errorf("store: index story %d: %w", st.ID, err)
				}
			}
			return nil
		})
		if err != nil {
			return start, err
		}
	}
	return len(ids), nil
}

// topicNamesFrom returns the topic names of each story, in their order.
func topicNamesFrom(ctx context.Context, q execer, ids []int64) (map[int64][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT x.story_id, t.name FROM story_topics x JOIN topics t ON t.id = x.topic_id
		WHERE x.story_id IN (`+placeholders(len(ids))+`) ORDER BY x.story_id, x.position`, int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: topic names: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], name)
	}
	return out, rows.Err()
}

// reindexIfStale completes the index when it lacks published stories, as on a
// database that predates search or after an interrupted bulk load.
func (s *Store) reindexIfStale(ctx context.Context) error {
	var indexed, published int
	if err := s.rd(ctx).QueryRowContext(ctx, s.engine.search.indexCount).Scan(&indexed); err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM stories WHERE state = 'published'").Scan(&published); err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	if indexed == published {
		return nil
	}
	if indexed > published {
		return s.Reindex(ctx)
	}
	_, err := s.IndexMissing(ctx)
	return err
}

// keywords picks the words that best describe a story for finding similar ones: its
// headline words and topics, and the body's most frequent longer words.
func keywords(st story.Story, topics []string) []search.Term {
	count := map[string]int{}
	for _, t := range search.Parse(search.PlainText(st.BodyMarkdown)) {
		if len([]rune(t.Text)) >= 5 || strings.ContainsFunc(t.Text, func(r rune) bool { return r > 0x2e80 }) {
			count[t.Text]++
		}
	}
	type wc struct {
		w string
		n int
	}
	var ranked []wc
	for w, n := range count {
		ranked = append(ranked, wc{w, n})
	}
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].n != ranked[j].n {
			return ranked[i].n > ranked[j].n
		}
		return ranked[i].w < ranked[j].w
	})
	seen := map[string]bool{}
	var out []search.Term
	add := func(w string) {
		if len([]rune(w)) >= 3 && !seen[w] && !common[w] {
			seen[w] = true
			out = append(out, search.Term{Text: w})
		}
	}
	for _, t := range search.Parse(st.Headline + " " + st.Dek + " " + strings.Join(topics, " ")) {
		add(t.Text)
	}
	for i := 0; i < len(ranked) && i < 12; i++ {
		add(ranked[i].w)
	}
	return out
}

// common words say nothing about what a story is about.
var common = map[string]bool{"the": true, "and": true, "for": true, "with": true, "that": true, "this": true, "from": true,
	"said": true, "have": true, "were": true, "their": true, "there": true, "which": true, "would": true, "about": true,
	"after": true, "before": true, "since": true, "more": true, "than": true, "they": true, "them": true, "will": true,
	"been": true, "into": true, "also": true, "other": true, "some": true, "many": true, "most": true, "what": true,
	"when": true, "where": true, "while": true, "could": true, "should": true, "those": true, "these": true, "says": true,
	"year": true, "years": true, "first": true, "last": true, "week": true, "people": true, "over": true, "only": true}
