package story

import (
	"errors"
	"testing"
	"time"
)

func TestTransitions(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	s := &Story{State: StateDraft}
	if err := s.Transition(StateScheduled, now.Add(-time.Minute), now); !errors.Is(err, ErrInvalid) {
		t.Fatalf("scheduling in the past: err = %v", err)
	}
	if err := s.Transition(StateScheduled, now.Add(time.Hour), now); err != nil || !s.ScheduledAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("schedule: err %v, at %v", err, s.ScheduledAt)
	}
	if err := s.Transition(StateUnpublished, time.Time{}, now); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unpublishing a scheduled story: err = %v", err)
	}
	if err := s.Transition(StatePublished, time.Time{}, now); err != nil || !s.PublishedAt.Equal(now) || !s.ScheduledAt.IsZero() {
		t.Fatalf("publish: err %v, published %v, scheduled %v", err, s.PublishedAt, s.ScheduledAt)
	}
	if !s.Visible() {
		t.Fatal("a published story is not visible")
	}
	later := now.Add(24 * time.Hour)
	if err := s.Transition(StateUnpublished, time.Time{}, later); err != nil || s.Visible() {
		t.Fatalf("unpublish: err %v, visible %v", err, s.Visible())
	}
	if err := s.Transition(StatePublished, time.Time{}, later.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if !s.PublishedAt.Equal(now) || !s.UpdatedAt.Equal(later.Add(time.Hour)) {
		t.Fatalf("republish moved the first publication: %v, updated %v", s.PublishedAt, s.UpdatedAt)
	}
	for _, st := range []State{StateDraft, StateInReview, StateScheduled, StateUnpublished} {
		if (&Story{State: st, PublishedAt: now}).Visible() {
			t.Errorf("a %s story is visible", st)
		}
	}
}

func TestSlugify(t *testing.T) {
	cases := map[string]string{
		"Harbour ferries return!":        "harbour-ferries-return",
		"Café owners' 3 new rules":       "café-owners-3-new-rules",
		"  --Hello,   World--  ":         "hello-world",
		"北京":                             "北京",
		"🌊":                              "",
		"Tomás Álvarez: über-long tale ": "tomás-álvarez-über-long-tale",
	}
	for in, want := range cases {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slugify("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen")
	if len(long) > 80 || long[len(long)-1] == '-' {
		t.Errorf("long slug %q", long)
	}
}

func TestValidate(t *testing.T) {
	ok := Story{Slug: "a-b", Headline: "H", SectionID: 1, State: StateDraft}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(s *Story){
		"no headline":    func(s *Story) { s.Headline = " " },
		"bad slug":       func(s *Story) { s.Slug = "A b" },
		"no section":     func(s *Story) { s.SectionID = 0 },
		"unknown state":  func(s *Story) { s.State = "lost" },
		"ftp site":       func(s *Story) { s.RelatedSites = []Link{{Title: "x", URL: "ftp://x.example/"}} },
		"untitled site":  func(s *Story) { s.RelatedSites = []Link{{URL: "https://x.example/"}} },
		"related itself": func(s *Story) { s.ID = 5; s.RelatedIDs = []int64{5} },
	}
	for name, mutate := range bad {
		s := ok
		mutate(&s)
		if err := s.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}
