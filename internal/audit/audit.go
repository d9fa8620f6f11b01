// Package audit records who changed what in the newsroom, when and from where.
package audit

import (
	"context"
	"time"
)

// Entry is one recorded change.
type Entry struct {
	ID       int64
	At       time.Time
	PersonID int64 // 0 for the system (the scheduler)
	Action   string
	StoryID  int64
	Detail   string
	IP       string
}

// StoryMoved is the action recorded when a story enters a state ("story.published",
// "story.scheduled", ...), whoever moves it: an editor, the Admin API, the scheduler or
// a wire withdrawal. One name per event, so a search of the log finds them all.
func StoryMoved(state string) string { return "story." + state }

// Store keeps the audit log.
type Store interface {
	AddAudit(ctx context.Context, e Entry) error
	// AuditLog returns entries newest first and the total count.
	AuditLog(ctx context.Context, limit, offset int) ([]Entry, int, error)
}
