package public_test

import (
	"context"
	"slices"
	"testing"

	"dateline/internal/demo"
	"dateline/internal/story"
)

// A generated archive's stories come with their related lists, computed when they
// are generated: a cold story page never ranks related stories itself. Each
// related story shares a topic with the story and is another published story.
func TestGeneratedStoriesHaveRelatedLists(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		if err := demo.Archive(ctx, s.store, 400, demoNow, 7, nil); err != nil {
			t.Fatal(err)
		}
		list, _, err := s.store.Stories(ctx, story.Query{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, st := range list {
			full, err := s.store.StoryByID(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if demoStory(s, full.ID) {
				continue // the demo's own stories get theirs from the outbox
			}
			related, err := s.store.AutoRelated(ctx, full.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(related) == 0 {
				t.Errorf("story %d has no related list", full.ID)
				continue
			}
			for _, short := range related {
				r, err := s.store.StoryByID(ctx, short.ID)
				if err != nil {
					t.Fatal(err)
				}
				shares := false
				for _, topic := range r.TopicIDs {
					shares = shares || slices.Contains(full.TopicIDs, topic)
				}
				if r.ID == full.ID || r.State != story.StatePublished || !shares {
					t.Errorf("story %d: related %d (%s, topics %v vs %v)", full.ID, r.ID, r.State, r.TopicIDs, full.TopicIDs)
				}
			}
			checked++
		}
		if checked < 10 {
			t.Fatalf("only %d generated stories checked", checked)
		}
	})
}

func demoStory(s *site, id int64) bool {
	for _, st := range s.demo.Stories {
		if st.ID == id {
			return true
		}
	}
	return false
}
