// Package desk is the newsroom's editing desk: creating and editing stories,
// moving them through the workflow, notes, revisions and photo uploads, with the
// role rules applied. The newsroom UI and the Admin API both call it, so the rules
// live in one place. It does no HTTP.
package desk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"dateline/internal/audit"
	"dateline/internal/auth"
	"dateline/internal/event"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/origin"
	"dateline/internal/outbox"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
)

// Store is what the desk reads and writes.
type Store interface {
	Atomic
	outbox.Store
	story.Store
	people.Store
	section.Store
	media.Store
	audit.Store
	WireStore
	settings.Store
	letters.Store
	auth.Store
	TrashStore
	AddRedirect(ctx context.Context, from, to string) error
	settings.PageStore
	origin.Store
	AddStoryRedirects(ctx context.Context, from []string, storyID int64) error
}

// TrashStore keeps the trash and deletes for good.
type TrashStore interface {
	TrashStory(ctx context.Context, id int64, at time.Time) error
	RestoreStory(ctx context.Context, id int64) error
	DeleteStory(ctx context.Context, id int64) error
	TrashedBefore(ctx context.Context, before time.Time) ([]int64, error)
	DeleteMessage(ctx context.Context, id int64) error
	DeleteMedia(ctx context.Context, id int64) error
}

// Atomic runs fn so that every write made with fn's context commits together, or
// none does: each use case writes its change and its audit entry (and any outbox
// events) as one.
type Atomic interface {
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
}

// Desk applies the newsroom's rules to changes.
type Desk struct {
	Store Store
	Blobs media.Blobs
	Now   func() time.Time
	Fetch Fetcher // wire photos; nil: not fetched
	// DecodeBudget bounds the memory, in bytes, that photo decoding takes at once on
	// this node; default DefaultDecodeBudget.
	DecodeBudget int64
	// MaxPixels refuses larger photos from their header; default MaxPixels.
	MaxPixels  int64
	budget     *semaphore.Weighted
	budgetOnce sync.Once
}

// Actor is who makes a change and from where, for permissions and the audit log.
type Actor struct {
	Person people.Person
	IP     string
}

// ErrForbidden means the actor's role does not allow the change.
var ErrForbidden = errors.New("your role does not allow this")

// FieldErrors maps input fields to what is wrong with them. It wraps story.ErrInvalid.
type FieldErrors map[string]string

func (f FieldErrors) Error() string {
	msg := "invalid input"
	for k, v := range f {
		msg += "; " + k + ": " + v
	}
	return msg
}

func (f FieldErrors) Unwrap() error { return story.ErrInvalid }

// CanEdit reports whether p may change the story: editors any story, writers their
// own while it is a draft or in review.
func CanEdit(p people.Person, st story.Story) bool {
	if p.Can(people.ActEditAny) {
		return true
	}
	if !p.Can(people.ActWriteOwn) || (st.State != story.StateDraft && st.State != story.StateInReview) {
		return false
	}
	for _, id := range st.AuthorIDs {
		if id == p.ID {
			return true
		}
	}
	return false
}

// CanMove reports whether p may move the story to state to.
func CanMove(p people.Person, st story.Story, to story.State) bool {
	if !story.CanMove(st.State, to) {
		return false
	}
	if p.Can(people.ActPublish) {
		return true
	}
	// Writers only hand their own copy to the editors and take it back.
	own := CanEdit(p, st)
	return own && ((st.State == story.StateDraft && to == story.StateInReview) || (st.State == story.StateInReview && to == story.StateDraft))
}

// Moves lists the states p may move the story to, for buttons.
func Moves(p people.Person, st story.Story) []story.State {
	var out []story.State
	for _, to := range []story.State{story.StateDraft, story.StateInReview, story.StateScheduled, story.StatePublished,
		story.StateUnpublished} {
		if CanMove(p, st, to) {
			out = append(out, to)
		}
	}
	return out
}

// audit writes a change's line in the log; called inside the change's transaction.
func (d *Desk) audit(ctx context.Context, a Actor, action string, storyID int64, detail string) error {
	return d.Store.AddAudit(ctx, audit.Entry{At: d.Now(), PersonID: a.Person.ID, Action: action, StoryID: storyID, Detail: detail, IP: a.IP})
}

// saveAudited saves a story and its audit entry in one transaction.
func (d *Desk) saveAudited(ctx context.Context, a Actor, st *story.Story, action, detail string) error {
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.UpdateStory(ctx, st); err != nil {
			return err
		}
		return d.audit(ctx, a, action, st.ID, detail)
	})
}

// Story returns a story the actor may see in the newsroom (staff see every story).
func (d *Desk) Story(ctx context.Context, a Actor, id int64) (story.Story, error) {
	if !a.Person.Can(people.ActWriteOwn) {
		return story.Story{}, ErrForbidden
	}
	return d.Store.StoryByID(ctx, id)
}

// Create files a new draft. A writer is its author unless authors are given.
func (d *Desk) Create(ctx context.Context, a Actor, in StoryInput) (story.Story, error) {
	if !a.Person.Can(people.ActWriteOwn) {
		return story.Story{}, ErrForbidden
	}
	st := story.Story{State: story.StateDraft, CommentsOpen: true, Language: "en", ModifiedBy: a.Person.ID}
	generated, err := d.apply(ctx, &st, in)
	if err != nil {
		return st, err
	}
	if len(st.AuthorIDs) == 0 {
		st.AuthorIDs = []int64{a.Person.ID}
	}
	err = numbered(&st, generated, func() error {
		return d.Store.Atomically(ctx, func(ctx context.Context) error {
			if err := d.Store.CreateStory(ctx, &st); err != nil {
				return err
			}
			return d.audit(ctx, a, event.StoryCreate, st.ID, st.Headline)
		})
	})
	if errors.Is(err, story.ErrSlugTaken) {
		return st, FieldErrors{"slug": "another story uses or used this slug"}
	}
	return st, err
}

// Update applies input to the story at the version the editor started from; a
// stale version is a story.ErrConflict and nothing is saved. The story is read once;
// the version is checked by the save itself, and the editor's autosave goes with it.
func (d *Desk) Update(ctx context.Context, a Actor, id int64, version int, in StoryInput) (story.Story, error) {
	st, err := d.editable(ctx, a, id, version)
	if err != nil {
		return st, err
	}
	headline, body := st.Headline, st.BodyMarkdown
	generated, err := d.apply(ctx, &st, in)
	if err != nil {
		return st, err
	}
	st.ModifiedBy = a.Person.ID
	if st.State == story.StatePublished {
		mark := st.Headline != headline || st.BodyMarkdown != body
		if in.MarkUpdated != nil {
			mark = *in.MarkUpdated
		}
		if mark {
			st.UpdatedAt = d.Now().UTC()
		}
	}
	err = numbered(&st, generated, func() error {
		return d.Store.Atomically(ctx, func(ctx context.Context) error {
			if err := d.Store.UpdateStory(ctx, &st); err != nil {
				return err
			}
			if err := d.Store.DeleteAutosave(ctx, a.Person.ID, st.ID); err != nil {
				return err
			}
			return d.audit(ctx, a, event.StorySave, st.ID, fmt.Sprintf("version %d", st.Version))
		})
	})
	if errors.Is(err, story.ErrSlugTaken) {
		return st, FieldErrors{"slug": "another story uses or used this slug"}
	}
	return st, err
}

// editable loads a story the actor may edit, to be saved over the version they
// started from (the save refuses it if another has been saved since).
func (d *Desk) editable(ctx context.Context, a Actor, id int64, version int) (story.Story, error) {
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return st, err
	}
	if !CanEdit(a.Person, st) {
		return st, ErrForbidden
	}
	if !st.TrashedAt.IsZero() {
		return st, FieldErrors{"story": story.ErrInTrash.Error()}
	}
	st.Version = version
	return st, nil
}

// Transition moves a story to another state; at is the embargo time for scheduling.
func (d *Desk) Transition(ctx context.Context, a Actor, id int64, to story.State, at time.Time) (story.Story, error) {
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return st, err
	}
	if !to.Valid() {
		return st, FieldErrors{"to": fmt.Sprintf("unknown state %q", to)}
	}
	if !st.TrashedAt.IsZero() {
		return st, FieldErrors{"to": story.ErrInTrash.Error()}
	}
	if !story.CanMove(st.State, to) {
		return st, FieldErrors{"to": fmt.Sprintf("a %s story cannot move to %s", st.State, to)}
	}
	if !CanMove(a.Person, st, to) {
		return st, ErrForbidden
	}
	if to == story.StatePublished || to == story.StateScheduled {
		if err := d.checkWireStillUsable(ctx, st); err != nil {
			return st, err
		}
	}
	from := st.State
	if err := st.Transition(to, at, d.Now()); err != nil {
		return st, FieldErrors{"at": "a scheduled time must be in the future"}
	}
	st.ModifiedBy = a.Person.ID
	detail := string(from) + " → " + string(to)
	if to == story.StateScheduled {
		detail += " at " + st.ScheduledAt.Format(time.RFC3339)
	}
	return st, d.saveAudited(ctx, a, &st, event.StoryMoved(string(to)), detail)
}

// AddNote appends a public update or correction to a published story; its
// "Updated" time moves to now.
func (d *Desk) AddNote(ctx context.Context, a Actor, id int64, kind story.NoteKind, text string) (story.Story, error) {
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return st, err
	}
	if !a.Person.Can(people.ActCorrect) {
		return st, ErrForbidden
	}
	if kind != story.NoteUpdate && kind != story.NoteCorrection {
		return st, FieldErrors{"kind": "choose update or correction"}
	}
	if len([]rune(text)) < 3 {
		return st, FieldErrors{"text": "write the note readers will see"}
	}
	if st.State != story.StatePublished {
		return st, FieldErrors{"kind": "notes are for published stories"}
	}
	now := d.Now().UTC()
	st.Notes = append(st.Notes, story.Note{Kind: kind, Text: text, At: now})
	st.UpdatedAt, st.ModifiedBy = now, a.Person.ID
	return st, d.saveAudited(ctx, a, &st, event.StoryNote(string(kind)), text)
}

// Restore makes an earlier revision's text the current one, as a new version.
func (d *Desk) Restore(ctx context.Context, a Actor, id int64, version int) (story.Story, error) {
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return st, err
	}
	if !CanEdit(a.Person, st) {
		return st, ErrForbidden
	}
	revs, err := d.Store.Revisions(ctx, id)
	if err != nil {
		return st, err
	}
	for _, r := range revs {
		if r.Version == version {
			st.Headline, st.Dek, st.BodyMarkdown, st.ModifiedBy = r.Headline, r.Dek, r.Body, a.Person.ID
			return st, d.saveAudited(ctx, a, &st, event.StoryRestore, fmt.Sprintf("restored version %d", version))
		}
	}
	return st, story.ErrNotFound
}
