package letters

import (
	"context"
	"errors"
	"strconv"
	"time"

	"dateline/internal/event"
	"dateline/internal/outbox"
)

// The submission policy's limits beyond the per-address rate limit.
const (
	StoryFloodMax    = 30               // comments on one story in StoryFloodWindow, from everyone
	StoryFloodWindow = 10 * time.Minute //
	DuplicateWindow  = 24 * time.Hour
	MaxFormAge       = 24 * time.Hour
)

// Refusals of a submission, for the form to explain.
var (
	ErrDuplicate   = errors.New("you have already sent this message")
	ErrStoryFlood  = errors.New("this story is receiving very many comments")
	ErrFormExpired = errors.New("this form has expired")
	ErrTooQuick    = errors.New("the form was sent too quickly")
)

// Policy is the site's rules for reader messages, from its settings.
type Policy struct {
	Premoderated bool     // comments wait for an editor
	Blocked      []string // lowercased words that mark a message as spam
}

// CheckForm judges how long the reader took over the form: a form too old or not
// ours (valid false) has expired; one sent faster than minFill is a robot's.
func CheckForm(age time.Duration, valid bool, minFill time.Duration) error {
	switch {
	case !valid || age > MaxFormAge:
		return ErrFormExpired
	case age < minFill:
		return ErrTooQuick
	}
	return nil
}

// CommentsOpen reports whether readers may comment on a story now: the editors left
// comments open and, when the site closes them after some days, that time has not come.
func CommentsOpen(open bool, published time.Time, closeDays int, now time.Time) bool {
	return open && (closeDays <= 0 || now.Before(published.AddDate(0, 0, closeDays)))
}

// KindsFor lists what a reader may send: without a story, a private letter or a tip;
// about a story, also a correction; and a comment while comments are open.
func KindsFor(aboutStory, commentsOpen bool) []Kind {
	switch {
	case !aboutStory:
		return []Kind{KindPrivate, KindTip}
	case commentsOpen:
		return []Kind{KindComment, KindPrivate, KindCorrection, KindTip}
	}
	return []Kind{KindPrivate, KindCorrection, KindTip}
}

// InitialState is where a new message lands: spam when it has a blocked word; a
// comment is published at once unless comments are premoderated; everything else
// waits for the desk.
func InitialState(m Message, p Policy) State {
	switch {
	case HasBlocked(m.Name+" "+m.Place+" "+m.Text, p.Blocked):
		return StateSpam
	case m.Kind == KindComment && !p.Premoderated:
		return StatePublished
	}
	return StatePending
}

// SubmitStore is what filing a reader's message needs.
type SubmitStore interface {
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
	CreateMessage(ctx context.Context, m *Message) error
	HasDuplicate(ctx context.Context, storyID int64, text, ipHash string, since time.Time) (bool, error)
	CountRate(ctx context.Context, key string, at, since time.Time) (int, error)
	AddEvent(ctx context.Context, kind string, payload any) error
}

// Submitter files readers' messages on the letters desk under the policy. It is the
// one way a reader's message is written.
type Submitter struct {
	Store SubmitStore
	Now   func() time.Time
	// Notify queues a notice to the letters desk for every message that is not spam.
	Notify bool
}

// Submit judges m (its Kind, StoryID, Name, Place, Email, Text and IPHash set) and
// stores it with its state decided, together with the notice to the desk. It
// refuses a duplicate from the same address within DuplicateWindow and a comment on
// a story past its flood limit.
func (s *Submitter) Submit(ctx context.Context, m *Message, p Policy) error {
	now := s.Now()
	dup, err := s.Store.HasDuplicate(ctx, m.StoryID, m.Text, m.IPHash, now.Add(-DuplicateWindow))
	if err != nil {
		return err
	}
	if dup {
		return ErrDuplicate
	}
	if m.StoryID != 0 && m.Kind == KindComment {
		n, err := s.Store.CountRate(ctx, "story:"+strconv.FormatInt(m.StoryID, 10), now, now.Add(-StoryFloodWindow))
		if err != nil {
			return err
		}
		if n > StoryFloodMax {
			return ErrStoryFlood
		}
	}
	m.State, m.CreatedAt = InitialState(*m, p), now
	return s.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := s.Store.CreateMessage(ctx, m); err != nil {
			return err
		}
		if !s.Notify || m.State == StateSpam {
			return nil
		}
		return s.Store.AddEvent(ctx, event.NotifyLetter, outbox.MessageID{MessageID: m.ID})
	})
}
