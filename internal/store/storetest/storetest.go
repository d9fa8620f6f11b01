// Package storetest is the conformance suite every storage engine must pass. It is
// written against the domain contracts, not an engine, so SQLite and PostgreSQL run
// exactly the same behaviour tests.
package storetest

import (
	"context"
	"testing"
	"time"

	"dateline/internal/audit"
	"dateline/internal/auth"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/outbox"
	"dateline/internal/people"
	"dateline/internal/search"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/wire"
)

// Store is every contract an engine implements.
type Store interface {
	settings.Store
	section.Store
	people.Store
	media.Store
	story.Store
	letters.Store
	auth.Store
	audit.Store
	ImportStories(ctx context.Context, list []*story.Story) error
	CountRate(ctx context.Context, key string, at, since time.Time) (int, error)
	PendingLinks(ctx context.Context, now time.Time) (map[int64]auth.Link, error)
	ExpireAttempts(ctx context.Context, before time.Time) (int, error)
	PublishDue(ctx context.Context, now time.Time) ([]story.Story, error)
	NextDue(ctx context.Context) (time.Time, bool, error)
	search.Searcher
	RefreshRelated(ctx context.Context, id int64) error
	IsEmpty(ctx context.Context) (bool, error)
	wire.Store
	CreateStoryFromWire(ctx context.Context, st *story.Story, use wire.Use) error
	outbox.Store
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
}

// Opener returns a new, empty store for one test; the test cleans it up.
type Opener func(t *testing.T) Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := map[string]func(t *testing.T, s Store){
		"SiteSettings":              testSiteSettings,
		"Sections":                  testSections,
		"Topics":                    testTopics,
		"People":                    testPeople,
		"Media":                     testMedia,
		"StoryRoundTrip":            testStoryRoundTrip,
		"StoryVersions":             testStoryVersions,
		"StorySlugHistory":          testStorySlugHistory,
		"FirstPublicationIsFixed":   testFirstPublicationFixed,
		"StoryInvalidStoresNothing": testStoryInvalidStoresNothing,
		"StoryLists":                testStoryLists,
		"RelatedAndFront":           testRelatedAndFront,
		"FrontVersions":             testFrontVersions,
		"Letters":                   testLetters,
		"Search":                    testSearch,
		"RelatedLabelled":           testRelatedLabelled,
		"LettersDesk":               testLettersDesk,
		"ImportIsAtomic":            testImportAtomic,
		"PublishDueExactlyOnce":     testPublishDueExactlyOnce,
		"RevisionsKeepWhoAndState":  testRevisionsKeepWhoAndState,
		"Autosave":                  testAutosave,
		"SessionsAndTokens":         testSessionsAndTokens,
		"PeopleAdmin":               testPeopleAdmin,
		"TopicsAdmin":               testTopicsAdmin,
		"WireQueue":                 testWireQueue,
		"WireSameItemAtOnce":        testWireSameItemAtOnce,
		"WireUses":                  testWireUses,
		"OutboxLeases":              testOutboxLeases,
		"OutboxClaimsInParallel":    testOutboxClaimsInParallel,
		"OutboxIDsAreNeverReused":   testOutboxIDsAreNeverReused,
		"Atomically":                testAtomically,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, open(t))
		})
	}
}

// fixture is a small newsroom most tests start from.
type fixture struct {
	world, asia, business section.Section
	climate, trade        section.Topic
	writer                people.Person
	bureau                people.Bureau
}

func newFixture(t *testing.T, s Store) fixture {
	t.Helper()
	ctx := context.Background()
	var f fixture
	f.world = section.Section{Slug: "world", Name: "World"}
	must(t, s.CreateSection(ctx, &f.world))
	f.business = section.Section{Slug: "business", Name: "Business", Position: 1}
	must(t, s.CreateSection(ctx, &f.business))
	f.asia = section.Section{Slug: "asia", Name: "Asia", ParentID: f.world.ID}
	must(t, s.CreateSection(ctx, &f.asia))
	f.climate = section.Topic{Slug: "climate", Name: "Climate"}
	must(t, s.CreateTopic(ctx, &f.climate))
	f.trade = section.Topic{Slug: "trade", Name: "Trade"}
	must(t, s.CreateTopic(ctx, &f.trade))
	f.bureau = people.Bureau{Name: "Hong Kong bureau", City: "Hong Kong", TimeZone: "Asia/Hong_Kong"}
	must(t, s.CreateBureau(ctx, &f.bureau))
	f.writer = people.Person{Slug: "ana", Name: "Ana Ruiz", Email: "ana@example.com", Role: people.RoleWriter, BureauID: f.bureau.ID}
	must(t, s.CreatePerson(ctx, &f.writer))
	return f
}

// story makes a valid draft in section sec.
func (f fixture) story(slug string, sec section.Section) *story.Story {
	return &story.Story{Slug: slug, Headline: "Headline " + slug, SectionID: sec.ID, State: story.StateDraft,
		BodyMarkdown: "Body of " + slug + ".", CommentsOpen: true, Language: "en"}
}

// published stores a story published at t.
func (f fixture) published(t *testing.T, s Store, slug string, sec section.Section, at time.Time, topics ...section.Topic) story.Story {
	t.Helper()
	st := f.story(slug, sec)
	st.State, st.PublishedAt = story.StatePublished, at
	for _, tp := range topics {
		st.TopicIDs = append(st.TopicIDs, tp.ID)
	}
	st.AuthorIDs = []int64{f.writer.ID}
	must(t, s.CreateStory(context.Background(), st))
	return *st
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func slugs(list []story.Story) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Slug
	}
	return out
}

// base is a fixed, second-precision time for stories.
var base = time.Date(2026, 3, 10, 14, 30, 0, 0, time.UTC)
