package desk

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"dateline/internal/event"
	"dateline/internal/people"
	"dateline/internal/story"
)

// CanTrash reports whether p may move a story to the trash (and back): writers
// their own drafts, editors any story that is not published or scheduled.
func CanTrash(p people.Person, st story.Story) bool {
	if st.State == story.StatePublished || st.State == story.StateScheduled {
		return false
	}
	return p.Can(people.ActEditAny) || (CanEdit(p, st) && st.State == story.StateDraft)
}

// TrashStory moves a story to the trash, where it is kept TrashDays days.
func (d *Desk) TrashStory(ctx context.Context, a Actor, id int64) error {
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return err
	}
	if !CanTrash(a.Person, st) {
		if st.State == story.StatePublished || st.State == story.StateScheduled {
			return FieldErrors{"story": story.ErrNotTrash.Error()}
		}
		return ErrForbidden
	}
	return refused("story", d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.TrashStory(ctx, id, d.Now()); err != nil {
			return err
		}
		return d.audit(ctx, a, event.StoryTrash, id, st.Headline)
	}))
}

// RestoreStory takes a story out of the trash, in the state it went in.
func (d *Desk) RestoreStory(ctx context.Context, a Actor, id int64) error {
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return err
	}
	if !CanTrash(a.Person, st) {
		return ErrForbidden
	}
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.RestoreStory(ctx, id); err != nil {
			return err
		}
		return d.audit(ctx, a, event.StoryRestoreTrash, id, st.Headline)
	})
}

// DeleteStory deletes a story for good (admins): its revisions, notes and wire uses
// go too, and a story once published leaves its URLs answering 410 Gone.
func (d *Desk) DeleteStory(ctx context.Context, a Actor, id int64) error {
	if !a.Person.Can(people.ActDelete) {
		return ErrForbidden
	}
	st, err := d.Store.StoryByID(ctx, id)
	if err != nil {
		return err
	}
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.DeleteStory(ctx, id); err != nil {
			return err
		}
		return d.audit(ctx, a, event.StoryDelete, 0, fmt.Sprintf("story %d: %s", id, st.Headline))
	})
}

// EmptyTrash deletes for good the stories kept in the trash longer than TrashDays;
// the scheduler's retention job calls it. It returns how many went.
func (d *Desk) EmptyTrash(ctx context.Context) (int, error) {
	ids, err := d.Store.TrashedBefore(ctx, d.Now().AddDate(0, 0, -story.TrashDays))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		err := d.Store.Atomically(ctx, func(ctx context.Context) error {
			if err := d.Store.DeleteStory(ctx, id); err != nil {
				return err
			}
			return d.audit(ctx, Actor{}, event.StoryDelete, 0, "story "+strconv.FormatInt(id, 10)+": emptied from the trash")
		})
		if err != nil && !errors.Is(err, story.ErrNotFound) {
			return n, err
		}
		n++
	}
	return n, nil
}

// DeleteMessage deletes a reader's message for good (admins).
func (d *Desk) DeleteMessage(ctx context.Context, a Actor, id int64) error {
	return d.DeleteMessages(ctx, a, []int64{id})
}

// DeleteMessages deletes reader messages for good (admins), all or none.
func (d *Desk) DeleteMessages(ctx context.Context, a Actor, ids []int64) error {
	if !a.Person.Can(people.ActDelete) {
		return ErrForbidden
	}
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		for _, id := range ids {
			if err := d.Store.DeleteMessage(ctx, id); err != nil {
				return err
			}
			if err := d.audit(ctx, a, event.MessageDelete, 0, "message "+strconv.FormatInt(id, 10)); err != nil {
				return err
			}
		}
		return nil
	})
}

// DeleteMedia deletes a photo for good (admins) when no story, in any state, uses
// it; its files go once the record is gone.
func (d *Desk) DeleteMedia(ctx context.Context, a Actor, id int64) error {
	if !a.Person.Can(people.ActDelete) {
		return ErrForbidden
	}
	m, err := d.Store.MediaByID(ctx, id)
	if err != nil {
		return err
	}
	err = d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.DeleteMedia(ctx, id); err != nil {
			return err
		}
		return d.audit(ctx, a, event.MediaDelete, 0, fmt.Sprintf("media %d %s", id, m.FileName))
	})
	if err != nil {
		return refused("media", err)
	}
	// The files go after the commit: a failure leaves only unreferenced files.
	names := append([]string{m.FileName}, m.CropFiles()...)
	for _, w := range m.Variants {
		names = append(names, m.VariantName(w))
	}
	for _, name := range names {
		_ = d.Blobs.Remove(name)
	}
	return nil
}
