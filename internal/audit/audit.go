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
	PersonID int64  // 0 for the system (the scheduler)
	Action   string // one of package event's names
	StoryID  int64
	Detail   string
	IP       string
}

// Store keeps the audit log.
type Store interface {
	AddAudit(ctx context.Context, e Entry) error
	// AuditLog returns entries newest first and the total count.
	AuditLog(ctx context.Context, limit, offset int) ([]Entry, int, error)
}
