package desk

import (
	"context"
	"fmt"
	"strconv"

	"dateline/internal/event"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/story"
)

// SetFront orders a front (sectionID 0: the home page) with the given stories, if
// the front is still at version (story.AnyFrontVersion: whatever it is; else a
// story.ErrFrontConflict). The newsroom and the Admin API share these rules: only
// published stories go on a front (an unpublished one would vanish from it, or,
// republished, reappear unasked), each once, in the order given, and no more than
// the front has slots.
func (d *Desk) SetFront(ctx context.Context, a Actor, sectionID int64, ids []int64, version int64) error {
	if !a.Person.Can(people.ActCurateFronts) {
		return ErrForbidden
	}
	if sectionID != 0 {
		secs, err := d.Store.Sections(ctx)
		if err != nil {
			return err
		}
		if _, ok := section.NewTree(secs).ByID(sectionID); !ok {
			return section.ErrNotFound
		}
	}
	seen := map[int64]bool{}
	var order []int64
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		order = append(order, id)
	}
	if len(order) > story.FrontSlots {
		return FieldErrors{"story_ids": fmt.Sprintf("a front holds at most %d stories (%d lead, %d secondary, %d in the list); %d were given",
			story.FrontSlots, story.FrontLeads, story.FrontSecondaries, story.FrontListed, len(order))}
	}
	for _, id := range order {
		st, err := d.Store.StoryByID(ctx, id)
		if err != nil || st.State != story.StatePublished {
			return FieldErrors{"story_ids": "story " + strconv.FormatInt(id, 10) + " is not published"}
		}
	}
	return d.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := d.Store.SetFront(ctx, sectionID, order, version); err != nil {
			return err
		}
		return d.audit(ctx, a, event.FrontUpdate, 0, fmt.Sprintf("section %d: %v", sectionID, order))
	})
}
