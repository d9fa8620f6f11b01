package public_test

import (
	"context"
	"testing"
)

// TestRelatedStoriesShareSomething: the automatic related list takes a story that
// shares a topic, or at least two of the story's distinctive words, and leaves the
// rest out rather than filling up: the ferry story and the lunar-dust story share
// neither.
func TestRelatedStoriesShareSomething(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		for _, st := range s.demo.Stories {
			if err := s.store.RefreshRelated(ctx, st.ID); err != nil {
				t.Fatal(err)
			}
		}
		ferries, lunar := s.demo.Stories["ferries"], s.demo.Stories["lunar"]
		for _, pair := range [][2]int64{{ferries.ID, lunar.ID}, {lunar.ID, ferries.ID}} {
			related, err := s.store.AutoRelated(ctx, pair[0])
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range related {
				if r.ID == pair[1] {
					t.Errorf("story %d lists story %d (%q) as related", pair[0], pair[1], r.Headline)
				}
			}
		}
		// Stories that share a topic are still related: the ferry story and the
		// delivery-robot story share the transport and cities topics.
		related, err := s.store.AutoRelated(ctx, ferries.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range related {
			found = found || r.ID == s.demo.Stories["robots"].ID
		}
		if !found {
			t.Errorf("the ferry story's related stories lack the robots story, which shares its topic: %d listed", len(related))
		}
	})
}
