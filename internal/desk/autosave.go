package desk

import (
	"context"

	"dateline/internal/people"
)

// Autosave keeps the actor's unsaved form for a story (storyID 0: a new story) so
// that a closed tab or a lost connection loses nothing. It writes no audit entry: it
// changes nothing anyone else sees.
func (d *Desk) Autosave(ctx context.Context, a Actor, storyID int64, payload string) error {
	if !a.Person.Can(people.ActWriteOwn) {
		return ErrForbidden
	}
	if storyID != 0 {
		st, err := d.Store.StoryByID(ctx, storyID)
		if err != nil {
			return err
		}
		if !CanEdit(a.Person, st) {
			return ErrForbidden
		}
	}
	return d.Store.SaveAutosave(ctx, a.Person.ID, storyID, payload)
}

// DiscardAutosave drops the actor's unsaved form for a story (0: the new-story
// form), once what it held has been saved.
func (d *Desk) DiscardAutosave(ctx context.Context, a Actor, storyID int64) error {
	return d.Store.DeleteAutosave(ctx, a.Person.ID, storyID)
}
