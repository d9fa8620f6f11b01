package story

import (
	"fmt"
	"time"
)

// State is where a story is in its life cycle.
type State string

// The story states; only StatePublished is public.
const (
	StateDraft       State = "draft"
	StateInReview    State = "in_review"
	StateScheduled   State = "scheduled"
	StatePublished   State = "published"
	StateUnpublished State = "unpublished"
)

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	_, ok := transitions[s]
	return ok
}

// transitions lists, for each state, the states it may move to.
var transitions = map[State][]State{
	StateDraft:       {StateInReview, StateScheduled, StatePublished},
	StateInReview:    {StateDraft, StateScheduled, StatePublished},
	StateScheduled:   {StateDraft, StateInReview, StatePublished},
	StatePublished:   {StateUnpublished},
	StateUnpublished: {StateDraft, StatePublished},
}

// CanMove reports whether a story in state from may move to state to.
func CanMove(from, to State) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Transition moves s to state to at time now, applying the publication rules:
// the first publication time is set once and never changes, a republication after
// an unpublish records an update, and scheduling needs a time in the future.
func (s *Story) Transition(to State, at, now time.Time) error {
	if !CanMove(s.State, to) {
		return fmt.Errorf("%w: cannot move a %s story to %s", ErrInvalid, s.State, to)
	}
	switch to {
	case StateScheduled:
		if !at.After(now) {
			return fmt.Errorf("%w: a scheduled time must be in the future", ErrInvalid)
		}
		s.ScheduledAt = at.UTC()
	case StatePublished:
		if s.PublishedAt.IsZero() {
			s.PublishedAt = now.UTC()
		} else {
			s.UpdatedAt = now.UTC()
		}
		s.ScheduledAt = time.Time{}
	default:
		s.ScheduledAt = time.Time{}
	}
	s.State = to
	return nil
}
