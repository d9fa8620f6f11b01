package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
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
	Optimize(ctx context.Context) error
}

// archiveBatch is how many stories go into one transaction: large enough to amortise
// the commit, small enough to report progress often.
const archiveBatch = 2000

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
	for i := 0; i < n; i++ {
		batch = append(batch, generated(rng, i, tag, now, span, secs, topics, staff, bureaus))
		if len(batch) == archiveBatch || i == n-1 {
			if err := st.ImportStories(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
			if progress != nil {
				progress(i + 1)
			}
		}
	}
	return st.Optimize(ctx)
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
