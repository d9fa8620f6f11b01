package public_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/media"
	"dateline/internal/story"
)

// TestUnpublishedStoriesNeverLeak puts a draft, a scheduled story whose time has
// passed, and a withdrawn story (all sharing topics, sections and authors with
// published copy) into the demo newsroom, then visits every public surface.
func TestUnpublishedStoriesNeverLeak(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		photo := media.Media{FileName: "secret/photo.png", ContentType: "image/png", Size: 3, Width: 1, Height: 1, Alt: "secret"}
		if err := s.store.CreateMedia(ctx, &photo); err != nil {
			t.Fatal(err)
		}
		trade, oceans := s.demo.Topics["trade"].ID, s.demo.Topics["oceans"].ID
		author := s.demo.People["tomas-alvarez"].ID
		mk := func(slug string, state story.State) *story.Story {
			st := &story.Story{Slug: slug, Headline: "SECRET " + slug, Dek: "SECRET dek", SectionID: s.demo.Sections["business"].ID,
				TopicIDs: []int64{trade, oceans}, AuthorIDs: []int64{author}, BodyMarkdown: "SECRET body", State: story.StateDraft,
				LeadMediaID: photo.ID, DatelineCity: "New York", CommentsOpen: true}
			if err := s.store.CreateStory(ctx, st); err != nil {
				t.Fatal(err)
			}
			return st
		}
		mk("secret-draft", story.StateDraft)
		sched := mk("secret-scheduled", story.StateScheduled)
		sched.State, sched.ScheduledAt = story.StateScheduled, demoNow.Add(-time.Hour) // due, but the scheduler has not run
		if err := s.store.UpdateStory(ctx, sched); err != nil {
			t.Fatal(err)
		}
		withdrawn := mk("secret-withdrawn", story.StateDraft)
		if err := withdrawn.Transition(story.StatePublished, time.Time{}, demoNow.Add(-2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.store.UpdateStory(ctx, withdrawn); err != nil {
			t.Fatal(err)
		}
		if err := withdrawn.Transition(story.StateUnpublished, time.Time{}, demoNow.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.store.UpdateStory(ctx, withdrawn); err != nil {
			t.Fatal(err)
		}
		// Editors pinned a withdrawn story as related, and onto the front, before withdrawing it.
		containers := s.demo.Stories["containers"]
		containers.RelatedIDs = append([]int64{withdrawn.ID}, containers.RelatedIDs...)
		if err := s.store.UpdateStory(ctx, &containers); err != nil {
			t.Fatal(err)
		}
		if err := s.store.SetFront(ctx, 0, []int64{withdrawn.ID, containers.ID}, story.AnyFrontVersion); err != nil {
			t.Fatal(err)
		}

		surfaces := []string{"/", "/terms/", "/topics/trade/", "/topics/oceans/", "/people/tomas-alvarez/", "/search?q=secret",
			"/search?q=secret+body", "/search?q=secret&sort=date", "/feed.xml", "/feed.atom", "/feed.json", "/business/feed.xml",
			"/topics/trade/feed.atom", "/topics/oceans/feed.json", "/people/tomas-alvarez/", "/sitemap.xml", "/sitemap-stories-1.xml",
			"/news-sitemap.xml", "/sitemap-pages.xml"}
		for slug, sec := range s.demo.Sections {
			path := "/" + slug + "/"
			if sec.ParentID != 0 {
				path = "/world/" + slug + "/"
			}
			surfaces = append(surfaces, path)
		}
		days := map[string]bool{} // a day without stories is a 404, which must not leak either
		for d := 0; d < 12; d++ {
			day := "/" + demoNow.AddDate(0, 0, -d).In(nyc(t)).Format("2006/01/02") + "/"
			days[day] = true
			surfaces = append(surfaces, day, day[:len("/2006/01/")], day[:len("/2006/")])
		}
		for key, st := range s.demo.Stories {
			if st.State == story.StatePublished {
				surfaces = append(surfaces, s.storyPath(key))
			}
		}
		for _, path := range surfaces {
			status, _, body := s.get(path)
			emptyDay := days[path] && status == http.StatusNotFound
			if status != http.StatusOK && !emptyDay {
				t.Errorf("GET %s: status %d", path, status)
			}
			for _, leak := range []string{"SECRET", "secret-", fmt.Sprintf("/media/%d/", photo.ID)} {
				if strings.Contains(body, leak) {
					t.Errorf("GET %s shows %q", path, leak)
				}
			}
		}

		// The stories' own URLs: withdrawn is gone (410); never-published is not there (404).
		day := demoNow.In(nyc(t)).Format("2006/01/02")
		for slug, want := range map[string]int{"secret-withdrawn": 410, "secret-draft": 404, "secret-scheduled": 404} {
			status, loc, body := s.get("/business/" + day + "/" + slug + "/")
			if status != want || loc != "" || strings.Contains(body, "SECRET") {
				t.Errorf("%s: status %d location %q, want %d with no redirect or copy", slug, status, loc, want)
			}
		}
		if status, _, _ := s.get(fmt.Sprintf("/media/%d/photo.png", photo.ID)); status != http.StatusNotFound {
			t.Errorf("an unpublished story's photo: status %d, want 404", status)
		}
	})
}
