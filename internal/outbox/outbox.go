// Package outbox carries the work that must follow a committed change: an event row
// is written in the change's own transaction, so the work is never lost and never
// done for a change that rolled back. Relays on every node claim events with a lease
// (a claim whose lease runs out is taken again), deliver each at least once, and
// retry with growing delays. Each kind has its own relay loop, so one kind's
// backlog (a failing endpoint) never delays another's events.
package outbox

import (
	"context"
	"encoding/json"
	"time"
)

// Event is one piece of queued work. Its ID is stable across attempts: handlers use
// it as an idempotency key.
type Event struct {
	ID        int64
	Kind      string
	Payload   json.RawMessage
	Attempts  int // including the current one
	CreatedAt time.Time
}

// Decode reads the payload into v.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

// Store keeps the outbox. AddEvent joins the caller's transaction when its context
// carries one; the claim methods are the relay's.
type Store interface {
	AddEvent(ctx context.Context, kind string, payload any) error
	// ClaimEvents leases up to limit due events of one kind to owner until now+lease.
	ClaimEvents(ctx context.Context, kind, owner string, now time.Time, lease time.Duration, limit int) ([]Event, error)
	// FinishEvents removes delivered events whose lease owner still holds.
	FinishEvents(ctx context.Context, owner string, ids []int64) error
	// RetryEvent releases owner's lease and makes the event due again at at.
	RetryEvent(ctx context.Context, id int64, owner string, at time.Time, reason string) error
}

// Handler delivers one event; an error means try again later.
type Handler func(ctx context.Context, e Event) error

// Payloads of the event kinds in package event.
type (
	Tags struct {
		Tags []string `json:"tags"`
	}
	StoryID struct {
		StoryID int64 `json:"story_id"`
	}
	MessageID struct {
		MessageID int64 `json:"message_id"`
	}
)
