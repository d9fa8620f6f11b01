package wire

import (
	"context"
	"errors"
	"time"
)

// Entry is an item in the wire queue: the latest version the agency sent of it.
type Entry struct {
	ID       int64
	Item     Item      // the latest version; Raw is filled only by Store.WireEntry
	Received time.Time // when the first version came in
	Changed  time.Time // when the latest version came in
	Uses     int       // stories made from it
}

// Withdrawn reports whether the agency has told subscribers to stop using the item.
func (e Entry) Withdrawn() bool {
	return e.Item.Status == StatusWithheld || e.Item.Status == StatusCanceled
}

// Outcome is what storing an item did to the queue.
type Outcome string

const (
	Added     Outcome = "added"     // a new queue item
	Updated   Outcome = "updated"   // a newer version, or a withdrawal, replaced the queue item
	Unchanged Outcome = "unchanged" // this version was already queued
	Older     Outcome = "older"     // an older version than the queued one; kept out of the queue
)

// Filter narrows the queue. Zero values match everything.
type Filter struct {
	Agency     string
	Kind       Kind
	MaxUrgency int // 1 shows only flashes; 0 shows every urgency
	Since      time.Time
	Query      string // words in the headline
	Limit      int
	Offset     int
}

// Agency is a source in the queue: the key its items are known by (Filter.Agency)
// and the name shown.
type Agency struct {
	Key, Name string
}

// Use is a story made from a wire item.
type Use struct {
	StoryID int64
	EntryID int64
	AsIs    bool // published without editing: it comes down when the item is withdrawn
	At      time.Time
	By      int64
}

// ErrNotFound means no queue item has that id.
var ErrNotFound = errors.New("wire item not found")

// Store keeps the wire queue. SaveWireItem stores one item (and its history) in one
// transaction and is idempotent: the same version twice is Unchanged.
type Store interface {
	SaveWireItem(ctx context.Context, it Item, at time.Time) (Entry, Outcome, error)
	WireEntries(ctx context.Context, f Filter) ([]Entry, error)
	WireEntry(ctx context.Context, id int64) (Entry, error)
	WireEntryByKey(ctx context.Context, agency, itemID string) (Entry, error)
	// WireVersion is the copy of one earlier version, for the diff a story's editor sees.
	WireVersion(ctx context.Context, id int64, version int) (Item, error)
	WireAgencies(ctx context.Context) ([]Agency, error)
	WireUses(ctx context.Context, entryID int64) ([]Use, error)
	WireUseOfStory(ctx context.Context, storyID int64) (Use, error)
	WireFlags(ctx context.Context) ([]Flag, error)
}

// Accepts reports whether a newly received item should replace the queued one: a
// higher version always does, and so does a withdrawal sent under the same version.
// A feed entry, which has no version number, is newer when its time is, or when
// its words changed (its fingerprint).
func Accepts(queued, incoming Item) Outcome {
	if incoming.Fingerprint != "" && queued.Fingerprint != "" {
		switch {
		case incoming.Updated.Before(queued.Updated):
			return Older
		case incoming.Updated.After(queued.Updated) || incoming.Fingerprint != queued.Fingerprint:
			return Updated
		}
		return Unchanged
	}
	switch {
	case incoming.Version > queued.Version:
		return Updated
	case incoming.Version < queued.Version:
		return Older
	case incoming.Status != queued.Status && incoming.Status != StatusUsable:
		return Updated
	}
	return Unchanged
}

// Flag is a story made from a wire item the agency has since changed: a newer
// version to look at, or a withdrawal.
type Flag struct {
	StoryID       int64
	StoryHeadline string
	StoryState    string
	EntryID       int64
	UsedVersion   int // the version the story was made from (or last checked against)
	Version       int // the queue item's latest
	Status        Status
}

// Withdrawn reports whether the agency withdrew or killed the item.
func (f Flag) Withdrawn() bool { return f.Status == StatusWithheld || f.Status == StatusCanceled }
