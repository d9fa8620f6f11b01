// Package letters holds the letters desk: what readers send the newsroom and what
// editors choose to publish under "You said it...".
package letters

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is what a reader meant a message to be.
type Kind string

// The kinds of reader message.
const (
	KindComment    Kind = "comment"    // for publication under the story
	KindPrivate    Kind = "private"    // to the newsroom only
	KindCorrection Kind = "correction" // a correction request
	KindTip        Kind = "tip"        // a news tip
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	return k == KindComment || k == KindPrivate || k == KindCorrection || k == KindTip
}

// State is where a message is on the desk. Editors may move a message between any states.
type State string

// The message states. Featured means published and pinned above the others.
const (
	StatePending   State = "pending"
	StatePublished State = "published"
	StateFeatured  State = "featured"
	StateRejected  State = "rejected"
	StateSpam      State = "spam"
	StateArchived  State = "archived"
)

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	switch s {
	case StatePending, StatePublished, StateFeatured, StateRejected, StateSpam, StateArchived:
		return true
	}
	return false
}

// Public reports whether a message in state s is shown to readers.
func (s State) Public() bool { return s == StatePublished || s == StateFeatured }

// Message is one reader message. Email is never shown on a public page.
type Message struct {
	ID           int64
	StoryID      int64 // 0 for a message not about a story
	Kind         Kind
	Name         string
	Place        string // "Toronto"
	Email        string
	Text         string
	State        State
	FeaturedRank int // order among featured messages, lowest first
	Edited       bool
	IPHash       string // salted hash of the sender's address; never the address
	CreatedAt    time.Time
	// InReplyTo is the message this one answers (0 for none); ReplyToName, filled
	// in when read, is that message's sender while the message is public.
	InReplyTo   int64
	ReplyToName string
}

// Private reports whether the kind is for the newsroom only; those need an email.
func (k Kind) Private() bool { return k != KindComment }

// ErasedName stands for the name of a reader whose details were erased.
const ErasedName = "A reader"

// Errors the store and validation return.
var (
	ErrNotFound = errors.New("message not found")
	// ErrMoved means a message was no longer in the state the desk expected: another
	// editor moved it meanwhile.
	ErrMoved   = errors.New("message was moved by someone else")
	ErrInvalid = errors.New("invalid message")
)

// MaxTextRunes bounds a message's text.
const MaxTextRunes = 5000

// Validate checks a message before it is stored.
func (m Message) Validate() error {
	switch {
	case !m.Kind.Valid():
		return fmt.Errorf("%w: unknown kind %q", ErrInvalid, m.Kind)
	case !m.State.Valid():
		return fmt.Errorf("%w: unknown state %q", ErrInvalid, m.State)
	case strings.TrimSpace(m.Name) == "":
		return fmt.Errorf("%w: name is required", ErrInvalid)
	case strings.TrimSpace(m.Text) == "":
		return fmt.Errorf("%w: text is required", ErrInvalid)
	case utf8.RuneCountInString(m.Text) > MaxTextRunes:
		return fmt.Errorf("%w: text is longer than %d characters", ErrInvalid, MaxTextRunes)
	case m.Kind == KindComment && m.StoryID == 0:
		return fmt.Errorf("%w: a comment must be about a story", ErrInvalid)
	}
	return nil
}

// Query selects messages on the desk; zero fields match everything.
type Query struct {
	StoryID int64
	State   State
	Kind    Kind   // filtered before paging, so pages and totals count only this kind
	Email   string // one reader's messages (case-insensitive), for an access request
	Limit   int    // default 50, at most 500
	Offset  int
}

// Store keeps reader messages.
type Store interface {
	// CreateMessage stores m and sets its ID.
	CreateMessage(ctx context.Context, m *Message) error
	// SetMessageState moves a message to another state (and featured rank) if it is
	// still in state from ("" for whatever it is; else ErrMoved).
	SetMessageState(ctx context.Context, id int64, from, to State, featuredRank int) error
	// MessageCounts counts the messages in each state, with q's story and kind filters.
	MessageCounts(ctx context.Context, q Query) (map[State]int, error)
	// Messages lists messages for the desk, newest first, with the total matching.
	Messages(ctx context.Context, q Query) ([]Message, int, error)
	// MessageByID returns one message.
	MessageByID(ctx context.Context, id int64) (Message, error)
	// EditMessageText trims a message's text; the page then marks it edited.
	EditMessageText(ctx context.Context, id int64, text string) error
	// EraseReader removes, from every message sent with email, the email, the
	// address hash, the name (the page then says "A reader") and the place,
	// keeping the texts; with removeComments their comments are deleted instead.
	// It returns how many messages it changed or deleted.
	EraseReader(ctx context.Context, email string, removeComments bool) (int, error)
	// ExpireReaderData blanks emails and address hashes of messages sent before t.
	ExpireReaderData(ctx context.Context, before time.Time) (int, error)
	// HasDuplicate reports a message with the same text on the same story from the
	// same address hash since a time.
	HasDuplicate(ctx context.Context, storyID int64, text, ipHash string, since time.Time) (bool, error)
	// CommentCounts returns the number of published comments of each story.
	CommentCounts(ctx context.Context, storyIDs []int64) (map[int64]int, error)
	// PublishedComments returns a story's public comments, featured first in rank
	// order, then the other published ones newest first, and how many there are.
	PublishedComments(ctx context.Context, storyID int64, limit, offset int) ([]Message, int, error)
}
