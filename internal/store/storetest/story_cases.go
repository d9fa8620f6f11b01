package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"dateline/internal/search"
	"dateline/internal/story"
)

func testStoryRoundTrip(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	other := f.published(t, s, "other", f.world, base)
	in := &story.Story{
		Slug: "harbour-ferries", Headline: "Harbour ferries return", Dek: "Night crossings are back", Language: "en",
		SectionID: f.asia.ID, TopicIDs: []int64{f.trade.ID, f.climate.ID}, DatelineCity: "Hong Kong", BureauID: f.bureau.ID,
		AuthorIDs: []int64{f.writer.ID}, BodyMarkdown: "Text.\n\n## Sub\n\nMore.", CreditLine: "Ana Ruiz contributed.",
		RelatedIDs: []int64{other.ID}, RelatedSites: []story.Link{{Title: "Port", URL: "https://port.example/"}},
		CommentsOpen: false, State: story.StatePublished, PublishedAt: base, UpdatedAt: base.Add(time.Hour),
		Source: story.Source{Agency: "Wire", ItemID: "w-1", Version: 2},
		Notes:  []story.Note{{Kind: story.NoteCorrection, Text: "Fixed a name.", At: base.Add(2 * time.Hour)}},
	}
	must(t, s.CreateStory(ctx, in))
	if in.ID == 0 || in.Version != 1 {
		t.Fatalf("after create: id %d version %d", in.ID, in.Version)
	}
	got, err := s.StoryByID(ctx, in.ID)
	must(t, err)
	want := *in
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.ModifiedAt.Equal(want.ModifiedAt) {
		t.Fatalf("created/modified = %v/%v, want %v/%v", got.CreatedAt, got.ModifiedAt, want.CreatedAt, want.ModifiedAt)
	}
	got.CreatedAt, got.ModifiedAt, want.CreatedAt, want.ModifiedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	bySlug, err := s.StoryBySlug(ctx, "harbour-ferries")
	must(t, err)
	if bySlug.ID != in.ID {
		t.Fatalf("by slug: id %d, want %d", bySlug.ID, in.ID)
	}
	if _, err := s.StoryByID(ctx, 99999); !errors.Is(err, story.ErrNotFound) {
		t.Fatalf("missing story: err = %v", err)
	}
	dup := f.story("harbour-ferries", f.world)
	if err := s.CreateStory(ctx, dup); !errors.Is(err, story.ErrSlugTaken) {
		t.Fatalf("duplicate slug: err = %v", err)
	}
}

func testStoryVersions(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	st := f.story("versions", f.world)
	must(t, s.CreateStory(ctx, st))
	stale := *st
	st.Headline = "Second headline"
	must(t, s.UpdateStory(ctx, st))
	if st.Version != 2 {
		t.Fatalf("version after update = %d, want 2", st.Version)
	}
	stale.Headline = "Lost edit"
	if err := s.UpdateStory(ctx, &stale); !errors.Is(err, story.ErrConflict) {
		t.Fatalf("stale update: err = %v, want ErrConflict", err)
	}
	got, err := s.StoryByID(ctx, st.ID)
	must(t, err)
	if got.Headline != "Second headline" || got.Version != 2 {
		t.Fatalf("after a refused stale update: %q v%d", got.Headline, got.Version)
	}
	revs, err := s.Revisions(ctx, st.ID)
	must(t, err)
	if len(revs) != 1 || revs[0].Version != 1 || revs[0].Headline != "Headline versions" {
		t.Fatalf("revisions = %+v, want version 1 with the first headline", revs)
	}
}

func testStorySlugHistory(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := f.published(t, s, "first-slug", f.world, base)
	a.Slug = "second-slug"
	must(t, s.UpdateStory(ctx, &a))
	old, err := s.StoryBySlug(ctx, "first-slug")
	must(t, err)
	if old.ID != a.ID || old.Slug != "second-slug" {
		t.Fatalf("old slug resolves to %d %q, want %d second-slug", old.ID, old.Slug, a.ID)
	}
	b := f.story("someone-else", f.world)
	must(t, s.CreateStory(ctx, b))
	b.Slug = "first-slug"
	if err := s.UpdateStory(ctx, b); !errors.Is(err, story.ErrSlugTaken) {
		t.Fatalf("taking another story's old slug: err = %v, want ErrSlugTaken", err)
	}
	a.Slug = "first-slug" // a story may take back its own old slug
	must(t, s.UpdateStory(ctx, &a))
	back, err := s.StoryBySlug(ctx, "second-slug")
	must(t, err)
	if back.ID != a.ID || back.Slug != "first-slug" {
		t.Fatalf("after moving back: %d %q", back.ID, back.Slug)
	}
}

func testFirstPublicationFixed(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	st := f.published(t, s, "fixed", f.world, base)
	st.PublishedAt = base.Add(48 * time.Hour) // an editor's tool must not move it
	st.Headline = "Updated headline"
	must(t, s.UpdateStory(ctx, &st))
	got, err := s.StoryByID(ctx, st.ID)
	must(t, err)
	if !got.PublishedAt.Equal(base) {
		t.Fatalf("published_at = %v, want the first publication %v", got.PublishedAt, base)
	}
	// Unpublish and republish: the first time stays, the update time moves.
	must(t, got.Transition(story.StateUnpublished, time.Time{}, base.Add(time.Hour)))
	must(t, s.UpdateStory(ctx, &got))
	must(t, got.Transition(story.StatePublished, time.Time{}, base.Add(3*time.Hour)))
	must(t, s.UpdateStory(ctx, &got))
	again, err := s.StoryByID(ctx, st.ID)
	must(t, err)
	if !again.PublishedAt.Equal(base) || !again.UpdatedAt.Equal(base.Add(3*time.Hour)) {
		t.Fatalf("after republish: published %v updated %v", again.PublishedAt, again.UpdatedAt)
	}
}

func testStoryInvalidStoresNothing(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	bad := f.story("bad-site", f.world)
	bad.RelatedSites = []story.Link{{Title: "Evil", URL: "javascript:alert(1)"}}
	if err := s.CreateStory(ctx, bad); !errors.Is(err, story.ErrInvalid) {
		t.Fatalf("javascript: related site: err = %v, want ErrInvalid", err)
	}
	// A list that fails half-way (unknown topic) must roll the whole story back.
	half := f.story("half-written", f.world)
	half.TopicIDs = []int64{f.trade.ID, 424242}
	if err := s.CreateStory(ctx, half); err == nil {
		t.Fatal("a story with an unknown topic was stored")
	}
	if _, err := s.StoryBySlug(ctx, "half-written"); !errors.Is(err, story.ErrNotFound) {
		t.Fatalf("a failed create left the story behind: err = %v", err)
	}
	// A failed update keeps the stored version whole.
	ok := f.story("whole", f.world)
	ok.TopicIDs = []int64{f.trade.ID}
	must(t, s.CreateStory(ctx, ok))
	edit := *ok
	edit.Headline = "Half an edit"
	edit.TopicIDs = []int64{424242}
	if err := s.UpdateStory(ctx, &edit); err == nil {
		t.Fatal("an update with an unknown topic succeeded")
	}
	got, err := s.StoryByID(ctx, ok.ID)
	must(t, err)
	if got.Headline != ok.Headline || got.Version != 1 || !equal(got.TopicIDs, []int64{f.trade.ID}) {
		t.Fatalf("after a failed update: %q v%d topics %v", got.Headline, got.Version, got.TopicIDs)
	}
}

func testStoryLists(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	f.published(t, s, "w1", f.world, base, f.trade)
	f.published(t, s, "a1", f.asia, base.Add(time.Hour), f.climate)
	f.published(t, s, "b1", f.business, base.Add(2*time.Hour), f.trade)
	f.published(t, s, "a2", f.asia, base.Add(26*time.Hour), f.trade, f.climate)
	draft := f.story("draft", f.world)
	draft.TopicIDs = []int64{f.trade.ID}
	must(t, s.CreateStory(ctx, draft))
	sched := f.story("scheduled", f.world)
	sched.State, sched.ScheduledAt = story.StateScheduled, base.Add(-time.Hour) // due but not yet published
	must(t, s.CreateStory(ctx, sched))
	gone := f.published(t, s, "gone", f.world, base.Add(3*time.Hour), f.trade)
	must(t, gone.Transition(story.StateUnpublished, time.Time{}, base.Add(4*time.Hour)))
	must(t, s.UpdateStory(ctx, &gone))

	cases := []struct {
		name  string
		q     story.Query
		want  []string
		total int
	}{
		{"all published, newest first", story.Query{}, []string{"a2", "b1", "a1", "w1"}, 4},
		{"section includes subsections", story.Query{SectionID: f.world.ID}, []string{"a2", "a1", "w1"}, 3},
		{"subsection", story.Query{SectionID: f.asia.ID}, []string{"a2", "a1"}, 2},
		{"topic", story.Query{TopicID: f.trade.ID}, []string{"a2", "b1", "w1"}, 3},
		{"author", story.Query{AuthorID: f.writer.ID}, []string{"a2", "b1", "a1", "w1"}, 4},
		{"day", story.Query{PublishedFrom: base.Add(-time.Minute), PublishedTo: base.Add(24 * time.Hour)}, []string{"b1", "a1", "w1"}, 3},
		{"page 2", story.Query{Limit: 2, Offset: 2}, []string{"a1", "w1"}, 4},
		{"any state", story.Query{AnyState: true, Limit: 100}, nil, 7},
	}
	for _, c := range cases {
		list, total, err := s.Stories(ctx, c.q)
		must(t, err)
		if total != c.total || (c.want != nil && !equal(slugs(list), c.want)) {
			t.Errorf("%s: got %v (total %d), want %v (total %d)", c.name, slugs(list), total, c.want, c.total)
		}
		for _, st := range list {
			if st.BodyMarkdown != "" {
				t.Errorf("%s: lists must not carry bodies", c.name)
			}
		}
	}
	byID, err := s.StoriesByID(ctx, []int64{gone.ID, draft.ID})
	must(t, err)
	if len(byID) != 0 {
		t.Fatalf("StoriesByID returned unpublished stories: %v", slugs(byID))
	}
}

func testRelatedAndFront(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	main := f.published(t, s, "main", f.world, base, f.trade, f.climate)
	both := f.published(t, s, "both", f.world, base.Add(time.Hour), f.trade, f.climate)
	one := f.published(t, s, "one", f.world, base.Add(2*time.Hour), f.trade)
	f.published(t, s, "none", f.world, base.Add(3*time.Hour))
	pinned := f.published(t, s, "pinned", f.business, base.Add(4*time.Hour), f.trade, f.climate)
	hidden := f.story("hidden", f.world)
	hidden.TopicIDs = []int64{f.trade.ID, f.climate.ID}
	must(t, s.CreateStory(ctx, hidden))

	rel, err := s.RelatedByTopic(ctx, main.ID, []int64{pinned.ID}, 5)
	must(t, err)
	if want := []string{"both", "one"}; !equal(slugs(rel), want) {
		t.Fatalf("related = %v, want %v (most shared first, never itself, the excluded or unpublished)", slugs(rel), want)
	}

	must(t, s.SetFront(ctx, 0, []int64{one.ID, hidden.ID, both.ID}, story.AnyFrontVersion))
	must(t, s.SetFront(ctx, f.world.ID, []int64{both.ID}, story.AnyFrontVersion))
	front, err := s.FrontStories(ctx, 0)
	must(t, err)
	if want := []string{"one", "both"}; !equal(slugs(front), want) {
		t.Fatalf("front = %v, want %v (editors' order, published only)", slugs(front), want)
	}
	if err := s.SetFront(ctx, 0, []int64{both.ID, 987654}, story.AnyFrontVersion); err == nil {
		t.Fatal("a front naming a missing story was accepted")
	}
	ids, err := s.FrontIDs(ctx, 0)
	must(t, err)
	if !equal(ids, []int64{one.ID, hidden.ID, both.ID}) {
		t.Fatalf("front ids = %v", ids)
	}
	world, err := s.FrontStories(ctx, f.world.ID)
	must(t, err)
	if !equal(slugs(world), []string{"both"}) {
		t.Fatalf("section front = %v", slugs(world))
	}
	front, err = s.FrontStories(ctx, 0)
	must(t, err)
	if !equal(slugs(front), []string{"one", "both"}) {
		t.Fatalf("a refused front change altered the front: %v", slugs(front))
	}
}

// testFrontVersions: a front saved from an old version is refused whole, two
// editors saving from one version at once get one success and one conflict, and a
// story that stops being published leaves every front it was on at once.
func testFrontVersions(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := f.published(t, s, "a", f.world, base, f.trade)
	b := f.published(t, s, "b", f.world, base.Add(time.Hour), f.trade)
	c := f.published(t, s, "c", f.business, base.Add(2*time.Hour), f.trade)
	version := func(section int64) int64 {
		t.Helper()
		v, err := s.FrontVersion(ctx, section)
		must(t, err)
		return v
	}
	if v := version(0); v != 0 {
		t.Fatalf("a new front's version = %d, want 0", v)
	}
	must(t, s.SetFront(ctx, 0, []int64{a.ID, b.ID}, 0))
	if v := version(0); v != 1 {
		t.Fatalf("version after one save = %d, want 1", v)
	}
	if err := s.SetFront(ctx, 0, []int64{c.ID}, 0); !errors.Is(err, story.ErrFrontConflict) {
		t.Fatalf("saving from a replaced version: %v, want ErrFrontConflict", err)
	}
	if ids, err := s.FrontIDs(ctx, 0); err != nil || !equal(ids, []int64{a.ID, b.ID}) {
		t.Fatalf("after a refused save the front is %v (%v)", ids, err)
	}

	// Two editors, one version, at once: exactly one wins.
	start := version(0)
	errs := make(chan error, 2)
	for _, order := range [][]int64{{b.ID, a.ID}, {c.ID, a.ID}} {
		go func() { errs <- s.SetFront(ctx, 0, order, start) }()
	}
	var won, lost int
	for range 2 {
		switch err := <-errs; {
		case err == nil:
			won++
		case errors.Is(err, story.ErrFrontConflict):
			lost++
		default:
			t.Fatalf("parallel save: %v", err)
		}
	}
	if won != 1 || lost != 1 || version(0) != start+1 {
		t.Fatalf("parallel saves: %d won, %d conflicts, version %d (want 1, 1, %d)", won, lost, version(0), start+1)
	}

	// Unpublishing takes the story off every front, and each front's version moves.
	must(t, s.SetFront(ctx, 0, []int64{a.ID, b.ID, c.ID}, story.AnyFrontVersion))
	must(t, s.SetFront(ctx, f.world.ID, []int64{b.ID, a.ID}, story.AnyFrontVersion))
	home, world := version(0), version(f.world.ID)
	got, err := s.StoryByID(ctx, b.ID)
	must(t, err)
	must(t, got.Transition(story.StateUnpublished, time.Time{}, base.Add(3*time.Hour)))
	must(t, s.UpdateStory(ctx, &got))
	for section, want := range map[int64][]int64{0: {a.ID, c.ID}, f.world.ID: {a.ID}} {
		if ids, err := s.FrontIDs(ctx, section); err != nil || !equal(ids, want) {
			t.Errorf("front %d after unpublishing: %v (%v), want %v", section, ids, err, want)
		}
	}
	if version(0) != home+1 || version(f.world.ID) != world+1 {
		t.Error("unpublishing a story on a front did not move the front's version")
	}
	// Published again, it does not come back unasked.
	must(t, got.Transition(story.StatePublished, time.Time{}, base.Add(4*time.Hour)))
	must(t, s.UpdateStory(ctx, &got))
	if ids, _ := s.FrontIDs(ctx, 0); !equal(ids, []int64{a.ID, c.ID}) {
		t.Errorf("republished, the story came back to the front: %v", ids)
	}
}

func testImportAtomic(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	batch := []*story.Story{f.story("imp-1", f.world), f.story("imp-2", f.world), f.story("imp-1", f.world)}
	for _, st := range batch {
		st.State, st.PublishedAt, st.Headline = story.StatePublished, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), "Lighthouse keepers"
	}
	if err := s.ImportStories(ctx, batch); !errors.Is(err, story.ErrSlugTaken) {
		t.Fatalf("import with a duplicate: err = %v, want ErrSlugTaken", err)
	}
	_, total, err := s.Stories(ctx, story.Query{AnyState: true})
	must(t, err)
	if total != 0 {
		t.Fatalf("a failed import stored %d stories", total)
	}
	if hits, _, err := s.Search(ctx, search.Query{Text: "lighthouse"}); err != nil || len(hits) != 0 {
		t.Fatalf("a failed import left %d stories in the search index (%v)", len(hits), err)
	}
	ok := []*story.Story{f.story("imp-1", f.world), f.story("imp-2", f.asia), f.story("imp-3", f.asia)}
	ok[1].TopicIDs, ok[1].AuthorIDs = []int64{f.trade.ID}, []int64{f.writer.ID}
	for _, st := range ok[1:] { // imp-1 stays a draft
		st.State, st.PublishedAt = story.StatePublished, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	}
	ok[2].Headline = "Lighthouse keepers"
	must(t, s.ImportStories(ctx, ok))
	// Imported published stories are searchable at once, by their words and their
	// topics' names; drafts are not.
	for q, want := range map[string][]string{"lighthouse": {"imp-3"}, f.trade.Name: {"imp-2"}} {
		hits, _, err := s.Search(ctx, search.Query{Text: q})
		must(t, err)
		if got := hitSlugs(hits); !slices.Equal(slices.Sorted(slices.Values(got)), want) {
			t.Errorf("search %q after an import = %v, want %v", q, got, want)
		}
	}
	got, err := s.StoryByID(ctx, ok[1].ID)
	must(t, err)
	if got.Slug != "imp-2" || !equal(got.TopicIDs, []int64{f.trade.ID}) || !equal(got.AuthorIDs, []int64{f.writer.ID}) {
		t.Fatalf("imported story = %+v", got)
	}
}
