package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/story"
)

// ArchiveStore is what generating an archive reads and writes.
type ArchiveStore interface {
	Sections(ctx context.Context) ([]section.Section, error)
	Topics(ctx context.Context) ([]section.Topic, error)
	People(ctx context.Context) ([]people.Person, error)
	Bureaus(ctx context.Context) ([]people.Bureau, error)
	ImportStories(ctx context.Context, list []*story.Story) error
	AddAutoRelated(ctx context.Context, lists map[int64][]int64) error
	Optimize(ctx context.Context) error
}

// archiveBatch is how many stories go into one transaction: large enough to amortise
// the commit, small enough to report progress often.
const archiveBatch = 10000

// Archive adds n generated, published stories spread over past days (about 40 a
// day), in batches. progress, if given, is called after each batch with the count so
// far. The same seed gives the same archive.
func Archive(ctx context.Context, st ArchiveStore, n int, now time.Time, seed uint64, progress func(done int)) error {
	secs, err := st.Sections(ctx)
	if err != nil {
		return err
	}
	topics, err := st.Topics(ctx)
	if err != nil {
		return err
	}
	staff, err := st.People(ctx)
	if err != nil {
		return err
	}
	bureaus, err := st.Bureaus(ctx)
	if err != nil {
		return err
	}
	if len(secs) == 0 || len(topics) == 0 || len(staff) == 0 {
		return errors.New("demo: the archive needs sections, topics and people: load the demo newsroom first")
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	tag := fmt.Sprintf("%x", now.UnixNano()%0xfffff)
	span := time.Duration(max(n/40, 1)) * 24 * time.Hour
	batch := make([]*story.Story, 0, archiveBatch)
	made := make([]madeStory, 0, n)
	for i := 0; i < n; i++ {
		batch = append(batch, generated(rng, i, tag, now, span, secs, topics, staff, bureaus))
		if len(batch) == archiveBatch || i == n-1 {
			if err := st.ImportStories(ctx, batch); err != nil {
				return err
			}
			for _, s := range batch {
				made = append(made, madeStory{id: s.ID, topics: s.TopicIDs, published: s.PublishedAt.UnixMicro()})
			}
			batch = batch[:0]
			if progress != nil {
				progress(i + 1)
			}
		}
	}
	if err := st.AddAutoRelated(ctx, relatedByTopic(made)); err != nil {
		return err
	}
	return st.Optimize(ctx)
}

// cand is a candidate related story.
type cand struct{ id, published int64 }

// madeStory is what ranking related stories needs of a generated story.
type madeStory struct {
	id        int64
	topics    []int64
	published int64
}

// Ranking related generated stories, as the store ranks stories by topic: among the
// latest relatedWindow stories of each of a story's topics, those sharing the most
// topics, then the most recent; relatedCount of them.
const (
	relatedWindow = 200
	relatedCount  = 6
)

// relatedByTopic ranks each generated story's related stories in memory, so a
// generated archive has its lists without a query per story. Each topic's window is
// ordered once (newest first); a story with one or two topics (as generated ones
// have) then takes those in both of its windows first, then the newest of either:
// a few steps per story rather than a sort.
func relatedByTopic(made []madeStory) map[int64][]int64 {
	newer := func(a, b cand) int { // newest first, as the store ranks them
		if d := cmp.Compare(b.published, a.published); d != 0 {
			return d
		}
		return cmp.Compare(b.id, a.id)
	}
	byID := slices.Clone(made)
	slices.SortFunc(byID, func(a, b madeStory) int { return cmp.Compare(b.id, a.id) })
	window := map[int64][]cand{} // topic → its latest stories by ID
	for _, m := range byID {
		for _, t := range dedupeIDs(m.topics) {
			if len(window[t]) < relatedWindow {
				window[t] = append(window[t], cand{m.id, m.published})
			}
		}
	}
	in := map[int64]map[int64]bool{}
	for t, w := range window {
		slices.SortFunc(w, newer)
		in[t] = make(map[int64]bool, len(w))
		for _, c := range w {
			in[t][c.id] = true
		}
	}
	lists := make(map[int64][]int64, len(made))
	for _, m := range made {
		ts := dedupeIDs(m.topics)
		if len(ts) > 2 {
			lists[m.id] = rankByShared(m, ts, window)
			continue
		}
		list := make([]int64, 0, relatedCount)
		taken := func(id int64) bool { return id == m.id || slices.Contains(list, id) }
		if len(ts) == 2 { // sharing both topics first
			for _, c := range window[ts[0]] {
				if len(list) == relatedCount {
					break
				}
				if in[ts[1]][c.id] && !taken(c.id) {
					list = append(list, c.id)
				}
			}
		}
		// Then the newest sharing one, from the windows merged.
		var a, b []cand
		if len(ts) > 0 {
			a = window[ts[0]]
		}
		if len(ts) > 1 {
			b = window[ts[1]]
		}
		for len(list) < relatedCount && (len(a) > 0 || len(b) > 0) {
			var next cand
			if len(b) == 0 || len(a) > 0 && newer(a[0], b[0]) <= 0 {
				next, a = a[0], a[1:]
			} else {
				next, b = b[0], b[1:]
			}
			if !taken(next.id) {
				list = append(list, next.id)
			}
		}
		lists[m.id] = list
	}
	return lists
}

// rankByShared ranks a story with many topics the long way: by how many topics each
// candidate shares, then newest first.
func rankByShared(m madeStory, ts []int64, window map[int64][]cand) []int64 {
	shared := map[int64]int{}
	published := map[int64]int64{}
	for _, t := range ts {
		for _, c := range window[t] {
			if c.id != m.id {
				shared[c.id]++
				published[c.id] = c.published
			}
		}
	}
	ranked := make([]int64, 0, len(shared))
	for c := range shared {
		ranked = append(ranked, c)
	}
	slices.SortFunc(ranked, func(a, b int64) int {
		if d := shared[b] - shared[a]; d != 0 {
			return d
		}
		if d := cmp.Compare(published[b], published[a]); d != 0 {
			return d
		}
		return cmp.Compare(b, a)
	})
	return ranked[:min(relatedCount, len(ranked))]
}

func dedupeIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

var (
	subjects = []string{"City council", "Port authority", "Regional lawmakers", "Researchers", "Rail operator", "Farmers",
		"Central bank", "Health officials", "Teachers' union", "Shipping firms", "Museum", "Water board", "Startups",
		"Fishing crews", "Airport", "Energy regulator", "Hospital", "University", "Coastal towns", "Software makers"}
	verbs = []string{"backs", "delays", "rethinks", "expands", "tests", "questions", "funds", "opens", "reviews",
		"cuts", "restores", "maps", "trials", "pauses", "widens"}
	objects = []string{"night bus routes", "harbour dredging plan", "solar subsidies", "flood defences", "school meals",
		"bike lanes", "data rules", "rent controls", "bridge repairs", "cold-storage network", "heat warnings",
		"library hours", "water tariffs", "drone deliveries", "wind farm auction", "clinic opening hours"}
	places = []string{"Hong Kong", "Tokyo", "Singapore", "London", "New York", "Nairobi", "Lisbon", "Toronto", "Seoul",
		"Sydney", "Mumbai", "Berlin", "Mexico City", "Cape Town", "Jakarta", "Oslo"}
	heads = []string{"What changes", "Who pays", "What critics say", "The numbers", "What comes next", "Background",
		"Reaction", "How it works"}
	sentences = []string{
		"Officials said the change would take effect within weeks, pending a final vote.",
		"Residents who spoke at a public meeting were divided, with several asking for more time.",
		"The plan follows a review that found costs had risen faster than expected.",
		"A spokesperson said figures would be published every quarter.",
		"Analysts said the decision could set an example for neighbouring cities.",
		"Opponents argued the money would be better spent on maintenance.",
		"Supporters pointed to a pilot scheme that ran last year without major problems.",
		"The budget for the first year is modest, but officials expect it to grow.",
		"Independent experts will audit the results after twelve months.",
		"Workers' representatives said they had been consulted late in the process.",
		"Early figures suggest demand is higher on weekdays than at weekends.",
		"The committee will meet again next month to hear further evidence.",
	}
)

func generated(rng *rand.Rand, i int, tag string, now time.Time, span time.Duration, secs []section.Section,
	topics []section.Topic, staff []people.Person, bureaus []people.Bureau) *story.Story {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	headline := fmt.Sprintf("%s %s %s", pick(subjects), pick(verbs), pick(objects))
	published := now.Add(-time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
	var body strings.Builder
	for p := range 3 + rng.IntN(3) {
		if p > 0 && p%2 == 0 {
			fmt.Fprintf(&body, "## %s\n\n", pick(heads))
		}
		for range 2 + rng.IntN(3) {
			body.WriteString(pick(sentences))
			body.WriteByte(' ')
		}
		body.WriteString("\n\n")
	}
	st := &story.Story{
		Slug:         fmt.Sprintf("%s-%s-%d", story.Slugify(headline), tag, i),
		Headline:     headline,
		Dek:          pick(sentences),
		Language:     "en",
		SectionID:    secs[rng.IntN(len(secs))].ID,
		DatelineCity: pick(places),
		BodyMarkdown: body.String(),
		CommentsOpen: rng.IntN(4) != 0,
		State:        story.StatePublished,
		PublishedAt:  published,
		CreatedAt:    published.Add(-time.Hour),
		AuthorIDs:    []int64{staff[rng.IntN(len(staff))].ID},
		TopicIDs:     []int64{topics[rng.IntN(len(topics))].ID, topics[rng.IntN(len(topics))].ID},
	}
	if len(bureaus) > 0 {
		st.BureauID = bureaus[rng.IntN(len(bureaus))].ID
	}
	st.CreditLine = "Staff of the " + pickBureauName(bureaus, st.BureauID) + " contributed to this report."
	return st
}

func pickBureauName(bureaus []people.Bureau, id int64) string {
	for _, b := range bureaus {
		if b.ID == id {
			return b.Name
		}
	}
	return "newsroom"
}
