package storetest

import (
	"context"
	"errors"
	"testing"

	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
)

func testSiteSettings(t *testing.T, s Store) {
	ctx := context.Background()
	got, err := s.Site(ctx)
	must(t, err)
	if got != settings.Default() {
		t.Fatalf("new site = %+v, want defaults", got)
	}
	want := settings.Site{Name: "The Ledger", ShortName: "Ledger", BaseURL: "https://ledger.example", TimeZone: "Asia/Hong_Kong",
		Language: "en", CopyrightHolder: "Ledger Ltd", CommentsPremoderated: false, CommentsCloseDays: 14,
		BlockedWords: "spamword, casino", ReaderDataDays: 30}
	must(t, s.SaveSite(ctx, want))
	bad := want
	bad.TimeZone = "Mars/Olympus"
	if err := s.SaveSite(ctx, bad); !errors.Is(err, settings.ErrInvalid) {
		t.Fatalf("saving a bad zone: err = %v, want ErrInvalid", err)
	}
	got, err = s.Site(ctx)
	must(t, err)
	if got != want {
		t.Fatalf("site = %+v, want %+v (a refused save must keep the old settings)", got, want)
	}
	empty, err := s.IsEmpty(ctx)
	must(t, err)
	if !empty {
		t.Fatal("a site with only settings should count as empty")
	}
}

func testSections(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	all, err := s.Sections(ctx)
	must(t, err)
	var paths []string
	for _, sec := range all {
		paths = append(paths, sec.Path)
	}
	if want := []string{"world", "world/asia", "business"}; !equal(paths, want) {
		t.Fatalf("section paths = %v, want %v (parents before children, in order)", paths, want)
	}
	tree := section.NewTree(all)
	if sec, ok := tree.ByPath("world/asia"); !ok || sec.ID != f.asia.ID {
		t.Fatalf("tree lookup of world/asia = %+v, %v", sec, ok)
	}
	deep := section.Section{Slug: "hong-kong", Name: "Hong Kong", ParentID: f.asia.ID}
	if err := s.CreateSection(ctx, &deep); !errors.Is(err, section.ErrInvalid) {
		t.Fatalf("third level: err = %v, want ErrInvalid", err)
	}
	dup := section.Section{Slug: "world", Name: "World again"}
	if err := s.CreateSection(ctx, &dup); !errors.Is(err, section.ErrSlugTaken) {
		t.Fatalf("duplicate slug: err = %v, want ErrSlugTaken", err)
	}
	for _, slug := range []string{"topics", "newsroom", "api", "feed.xml", "2026", "Bad Slug"} {
		bad := section.Section{Slug: slug, Name: "X"}
		if err := s.CreateSection(ctx, &bad); !errors.Is(err, section.ErrInvalid) {
			t.Errorf("slug %q: err = %v, want ErrInvalid", slug, err)
		}
	}
	again, err := s.Sections(ctx)
	must(t, err)
	if len(again) != 3 {
		t.Fatalf("refused sections were stored: %d sections", len(again))
	}
}

func testTopics(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	got, err := s.TopicBySlug(ctx, "trade")
	must(t, err)
	if got != f.trade {
		t.Fatalf("topic = %+v, want %+v", got, f.trade)
	}
	if _, err := s.TopicBySlug(ctx, "nope"); !errors.Is(err, section.ErrNotFound) {
		t.Fatalf("missing topic: err = %v", err)
	}
	list, err := s.TopicsByID(ctx, []int64{f.trade.ID, 9999, f.climate.ID})
	must(t, err)
	if len(list) != 2 || list[0] != f.trade || list[1] != f.climate {
		t.Fatalf("topics by id = %+v, want trade then climate", list)
	}
	dup := section.Topic{Slug: "trade", Name: "Trade"}
	if err := s.CreateTopic(ctx, &dup); !errors.Is(err, section.ErrSlugTaken) {
		t.Fatalf("duplicate topic: err = %v", err)
	}
}

func testPeople(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	got, err := s.PersonBySlug(ctx, "ana")
	must(t, err)
	if got.Email != "ana@example.com" || got.BureauID != f.bureau.ID || got.Role != people.RoleWriter {
		t.Fatalf("person = %+v", got)
	}
	dup := people.Person{Slug: "ana-2", Name: "Ana", Email: "ANA@example.com", Role: people.RoleEditor}
	if err := s.CreatePerson(ctx, &dup); !errors.Is(err, people.ErrEmailTaken) {
		t.Fatalf("same email in other case: err = %v, want ErrEmailTaken", err)
	}
	dupSlug := people.Person{Slug: "ana", Name: "Ana", Email: "other@example.com", Role: people.RoleEditor}
	if err := s.CreatePerson(ctx, &dupSlug); !errors.Is(err, people.ErrSlugTaken) {
		t.Fatalf("same slug: err = %v, want ErrSlugTaken", err)
	}
	bad := people.Person{Slug: "x", Name: "X", Email: "not-an-email", Role: people.RoleEditor}
	if err := s.CreatePerson(ctx, &bad); !errors.Is(err, people.ErrInvalid) {
		t.Fatalf("bad email: err = %v, want ErrInvalid", err)
	}
	ed := people.Person{Slug: "bo", Name: "Bo Li", Email: "bo@example.com", Role: people.RoleEditor}
	must(t, s.CreatePerson(ctx, &ed))
	list, err := s.PeopleByID(ctx, []int64{ed.ID, f.writer.ID})
	must(t, err)
	if len(list) != 2 || list[0].Slug != "bo" || list[1].Slug != "ana" {
		t.Fatalf("people by id = %+v", list)
	}
	if _, err := s.PersonByID(ctx, 9999); !errors.Is(err, people.ErrNotFound) {
		t.Fatalf("missing person: err = %v", err)
	}
	b, err := s.BureauByID(ctx, f.bureau.ID)
	must(t, err)
	if b != f.bureau {
		t.Fatalf("bureau = %+v, want %+v", b, f.bureau)
	}
}

func testMedia(t *testing.T, s Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	m := media.Media{
		FileName:    "a/photo.png",
		ContentType: "image/png",
		Size:        10,
		Width:       4,
		Height:      3,
		Alt:         "A harbour",
		Caption:     "Cap",
		Credit:      "Me",
	}
	must(t, s.CreateMedia(ctx, &m))
	got, err := s.MediaByID(ctx, m.ID)
	must(t, err)
	if got.Alt != "A harbour" || got.Width != 4 || got.FileName != "a/photo.png" {
		t.Fatalf("media = %+v", got)
	}
	noAlt := media.Media{FileName: "b.png", ContentType: "image/png"}
	if err := s.CreateMedia(ctx, &noAlt); !errors.Is(err, media.ErrInvalid) {
		t.Fatalf("media without alt text: err = %v", err)
	}
	draft := f.story("draft-with-photo", f.world)
	draft.LeadMediaID = m.ID
	must(t, s.CreateStory(ctx, draft))
	users, err := s.PublicMediaStories(ctx, m.ID)
	must(t, err)
	if len(users) != 0 {
		t.Fatal("a draft's photo must not be public")
	}
	must(t, draft.Transition(story.StatePublished, base, base))
	must(t, s.UpdateStory(ctx, draft))
	users, err = s.PublicMediaStories(ctx, m.ID)
	must(t, err)
	if len(users) != 1 || users[0] != draft.ID {
		t.Fatalf("a published story's photo is public through %v, want [%d]", users, draft.ID)
	}
	recent, err := s.RecentPublicMedia(ctx, 5)
	must(t, err)
	if len(recent) != 1 || recent[0].ID != m.ID {
		t.Fatalf("recent public media = %v", recent)
	}
	unclean, err := s.UncleanMedia(ctx, 10)
	must(t, err)
	if len(unclean) == 0 || unclean[0].Clean {
		t.Fatalf("media stored without Clean are not listed for cleaning: %v", unclean)
	}
	for _, u := range unclean {
		u.Width, u.Height, u.ContentType, u.Variants = 20, 30, "image/jpeg", []int{480}
		must(t, s.MarkMediaClean(ctx, u))
	}
	if unclean, _ = s.UncleanMedia(ctx, 10); len(unclean) != 0 {
		t.Fatalf("still unclean after marking: %v", unclean)
	}
	if got, _ := s.MediaByID(ctx, m.ID); !got.Clean || got.Width != 20 || got.Height != 30 || !equal(got.Variants, []int{480}) {
		t.Fatalf("marked clean: %+v", got)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
