package story

import "errors"

// A front's slots, in order: one lead story, shown large with its picture and
// standfirst; secondary stories with smaller pictures; then a list of headlines. The
// slot is the position's: the first story leads, the next four are secondary.
const (
	FrontLeads       = 1
	FrontSecondaries = 4
	FrontListed      = 12
	FrontSlots       = FrontLeads + FrontSecondaries + FrontListed
)

// Slot is the size a place on a front gives its story.
type Slot string

// The slot sizes.
const (
	SlotLead      Slot = "lead"
	SlotSecondary Slot = "secondary"
	SlotList      Slot = "list"
)

// SlotAt is the size of the slot at position i (from 0) of a front.
func SlotAt(i int) Slot {
	switch {
	case i < FrontLeads:
		return SlotLead
	case i < FrontLeads+FrontSecondaries:
		return SlotSecondary
	}
	return SlotList
}

// AnyFrontVersion orders a front whatever its version: for callers that do not
// hold one (the Admin API when the client sends none, the demo).
const AnyFrontVersion int64 = -1

// ErrFrontConflict means a front was ordered from a version another editor has
// replaced since: nothing was saved.
var ErrFrontConflict = errors.New("another editor changed this front meanwhile")
