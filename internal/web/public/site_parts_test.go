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
