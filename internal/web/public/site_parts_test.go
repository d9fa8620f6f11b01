package public_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/web/public"
)

// TestPagesFollowSiteChanges checks that every page's shared parts (site name,
// navigation, footer pages), which the server keeps in memory between changes,
// follow each kind of change at once — here with the page cache off, so only that
// memory stands between a change and the page.
func TestPagesFollowSiteChanges(t *testing.T) {
	eachEngineWith(t, func(c *public.Config) { c.CacheBytes = 1 }, func(t *testing.T, s *site) {
		ctx := context.Background()
		storyURL := s.storyPath("ferries")
		shows := func(want string) {
			t.Helper()
			for _, path := range []string{"/", storyURL, "/world/"} {
				if _, _, body := s.get(path); !strings.Contains(body, want) {
					t.Fatalf("%s does not show %q", path, want)
				}
			}
		}
		lacks := func(want string) {
			t.Helper()
			if _, _, body := s.get("/"); strings.Contains(body, want) {
				t.Fatalf("/ still shows %q", want)
			}
		}
		shows(s.demo.Site.Name) // the parts are in memory now

		site, err := s.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		site.Name = "The Harbour Ledger"
		if err := s.store.SaveSite(ctx, site); err != nil {
			t.Fatal(err)
		}
		shows("The Harbour Ledger")

		page := &settings.Page{Slug: "ethics-code", Title: "Our ethics code", BodyMarkdown: "We correct mistakes.", InFooter: true}
		if err := s.store.SaveSitePage(ctx, page); err != nil {
			t.Fatal(err)
		}
		shows(`href="/ethics-code/"`)

		// A section shows in the navigation once it has a published story.
		sec := &section.Section{Slug: "weather", Name: "Weather"}
		if err := s.store.CreateSection(ctx, sec); err != nil {
			t.Fatal(err)
		}
		lacks(`href="/weather/"`)
		st := &story.Story{Slug: "fog-closes-harbour", Headline: "Fog closes the harbour", BodyMarkdown: "Ships waited offshore.",
			SectionID: sec.ID, State: story.StateDraft, Language: "en"}
		if err := s.store.CreateStory(ctx, st); err != nil {
			t.Fatal(err)
		}
		if err := st.Transition(story.StatePublished, time.Time{}, s.now().Add(-time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := s.store.UpdateStory(ctx, st); err != nil {
			t.Fatal(err)
		}
		shows(`href="/weather/"`)
	})
}

// TestStoryPagesFollowNameChanges checks the names a story page shows beside its
// text (author, topics, bureau), which the server keeps in memory between changes,
// with the page cache off: a rename shows at once, on every engine.
func TestStoryPagesFollowNameChanges(t *testing.T) {
	eachEngineWith(t, func(c *public.Config) { c.CacheBytes = 1 }, func(t *testing.T, s *site) {
		ctx := context.Background()
		storyURL := s.storyPath("ferries")
		shows := func(want ...string) {
			t.Helper()
			_, _, body := s.get(storyURL)
			for _, w := range want {
				if !strings.Contains(body, w) {
					t.Fatalf("the story page does not show %q", w)
				}
			}
		}
		author, topic, bureau := s.demo.People["mei-lin-chau"], s.demo.Topics["transport"], s.demo.Bureaus["hk"]
		shows(author.Byline(), ">"+topic.Name+"<", ", "+bureau.Name+"</p>") // in memory now

		author.BylineName = "Mei-lin Chau-Ortega"
		if err := s.store.UpdatePerson(ctx, author); err != nil {
			t.Fatal(err)
		}
		topic.Name = "Getting around"
		if err := s.store.RenameTopic(ctx, topic); err != nil {
			t.Fatal(err)
		}
		bureau.Name = "Kowloon bureau"
		if err := s.store.UpdateBureau(ctx, bureau); err != nil {
			t.Fatal(err)
		}
		shows("Mei-lin Chau-Ortega", ">Getting around<", ", Kowloon bureau</p>")
	})
}
