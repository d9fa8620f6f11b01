package store

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"dateline/internal/search"
	"dateline/internal/story"
)

// relatedCount is how many automatic related stories are kept per story.
const relatedCount = 6

// RefreshRelated recomputes a published story's automatic related stories: the
// published stories most similar in text (its headline, topics and main words,
// searched with BM25 or ts_rank), with a bonus for each shared topic. It runs when a
// story is published or changed, never per request; an unpublished story keeps none.
func (s *Store) RefreshRelated(ctx context.Context, id int64) error {
	st, err := s.StoryByID(ctx, id)
	if err != nil {
		return err
	}
	var list []int64
	if st.Visible() {
		if list, err = s.similar(ctx, st); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		old, err := s.ids(ctx, "SELECT related_id FROM story_related_auto WHERE story_id = ? ORDER BY position", id)
		if err != nil {
			return err
		}
		if slices.Equal(old, list) {
			return nil // nothing to write, and no page to refresh
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM story_related_auto WHERE story_id = ?", id); err != nil {
			return fmt.Errorf("store: related of %d: %w", id, err)
		}
		for i, rid := range list {
			if _, err := tx.ExecContext(ctx, "INSERT INTO story_related_auto (story_id, related_id, position) VALUES (?, ?, ?)", id, rid, i); err != nil {
				return fmt.Errorf("store: related of %d: %w", id, err)
			}
		}
		s.changed(ctx, TagStory(id))
		return nil
	})
}

func (s *Store) similar(ctx context.Context, st story.Story) ([]int64, error) {
	topics, err := s.TopicsByID(ctx, st.TopicIDs)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, t := range topics {
		names = append(names, t.Name)
	}
	terms, err := s.distinctive(ctx, keywords(st, names))
	if err != nil {
		return nil, err
	}
	score := map[int64]float64{}
	if len(terms) > 0 {
		shared, err := s.sharedTerms(ctx, terms)
		if err != nil {
			return nil, err
		}
		hits, _, err := s.searchTerms(ctx, s.engine.search.any(terms), search.Query{Limit: 40}, st.ID)
		if err != nil {
			return nil, err
		}
		best := 0.0
		for _, h := range hits {
			best = max(best, h.Score)
		}
		for _, h := range hits {
			// The threshold: a story related by text alone shares at least
			// minSharedTerms of this story's distinctive words. One shared word
			// ("night", "record") is chance, not a subject.
			if best > 0 && shared[h.Story.ID] >= minSharedTerms {
				score[h.Story.ID] = h.Score / best
			}
		}
	}
	if len(st.TopicIDs) > 0 {
		// A shared topic counts as much as a third of the best text match.
		rows, err := s.rd(ctx).QueryContext(ctx, `SELECT x.story_id, COUNT(*) FROM story_topics x JOIN stories s ON s.id = x.story_id
			WHERE x.topic_id IN (`+placeholders(len(st.TopicIDs))+`) AND x.story_id <> ? AND s.state = 'published'
			GROUP BY x.story_id ORDER BY COUNT(*) DESC, x.story_id DESC LIMIT 200`, append(int64Args(st.TopicIDs), st.ID)...)
		if err != nil {
			return nil, fmt.Errorf("store: related: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return nil, err
			}
			score[id] += 0.35 * float64(n)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	ids := make([]int64, 0, len(score))
	for id := range score {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if score[ids[i]] != score[ids[j]] {
			return score[ids[i]] > score[ids[j]]
		}
		return ids[i] > ids[j]
	})
	return ids[:min(relatedCount, len(ids))], nil
}

// minSharedTerms is how many of a story's distinctive words another story must
// share to be related by text alone (a shared topic relates them anyway).
const minSharedTerms = 2

// sharedTerms counts, for every published story, how many of the terms it contains.
func (s *Store) sharedTerms(ctx context.Context, terms []search.Term) (map[int64]int, error) {
	shared := map[int64]int{}
	for _, t := range terms {
		rows, err := s.rd(ctx).QueryContext(ctx, "SELECT m.id FROM ("+s.engine.search.match+") m LIMIT 1000",
			s.engine.search.all([]search.Term{t}))
		if err != nil {
			return nil, fmt.Errorf("store: related: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			shared[id]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return shared, nil
}

// AutoRelated returns a story's computed related stories that are still published.
func (s *Store) AutoRelated(ctx context.Context, id int64) ([]story.Story, error) {
	return s.scanStories(ctx, "SELECT "+listColumnsS+` FROM story_related_auto a JOIN stories s ON s.id = a.related_id
		WHERE a.story_id = ? AND s.state = 'published' ORDER BY a.position`, id)
}

// distinctive drops words that many published stories share ("officials", "week"):
// they say little about what a story is about, and PostgreSQL's ranking, unlike
// BM25, does not discount them by itself.
func (s *Store) distinctive(ctx context.Context, terms []search.Term) ([]search.Term, error) {
	var published int
	if err := s.rd(ctx).QueryRowContext(ctx, s.engine.search.indexCount).Scan(&published); err != nil {
		return nil, fmt.Errorf("store: related: %w", err)
	}
	if published < 8 {
		return terms, nil
	}
	var out []search.Term
	limit := published/5 + 1 // counting stops as soon as a word is too common
	for _, t := range terms {
		var n int
		err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM ("+s.engine.search.match+") m LIMIT ?) c",
			s.engine.search.all([]search.Term{t}), limit).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("store: related: %w", err)
		}
		if n < limit {
			out = append(out, t)
		}
	}
	return out, nil
}

// AddAutoRelated stores automatic related lists computed elsewhere (the archive
// generator ranks its stories by shared topics as it makes them), replacing any the
// stories had, many rows to a statement.
func (s *Store) AddAutoRelated(ctx context.Context, lists map[int64][]int64) error {
	ids := make([]int64, 0, len(lists))
	for id := range lists {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	const perStatement = 300 // rows; three values each, within both engines' limits
	for start := 0; start < len(ids); start += 5000 {
		part := ids[start:min(start+5000, len(ids))]
		err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
			if _, err := tx.ExecContext(ctx, "DELETE FROM story_related_auto WHERE story_id IN ("+placeholders(len(part))+")",
				int64Args(part)...); err != nil {
				return fmt.Errorf("store: related lists: %w", err)
			}
			rows := newRowBatch(tx, "INSERT INTO story_related_auto (story_id, related_id, position) VALUES ", 3, perStatement)
			for _, id := range part {
				for i, rid := range lists[id] {
					if err := rows.add(ctx, id, rid, i); err != nil {
						return err
					}
				}
			}
			return rows.flush(ctx)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
