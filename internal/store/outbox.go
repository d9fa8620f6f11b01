package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"dateline/internal/change"
	"dateline/internal/event"
	"dateline/internal/outbox"
)

// AddEvent queues work for after the commit of the caller's transaction (or at once,
// outside one). The relays hear of it once it commits.
func (s *Store) AddEvent(ctx context.Context, kind string, payload any) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("store: outbox %s: %w", kind, err)
	}
	now := micros(s.now())
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO outbox (kind, payload, created_at, available_at) VALUES (?, ?, ?, ?)",
			kind, string(body), now, now); err != nil {
			return fmt.Errorf("store: outbox %s: %w", kind, err)
		}
		txOf(ctx).events = true
		return nil
	})
}

// SetPurges turns CDN purge events on: every committed change to pages then queues
// one, in its own transaction, for the relays to send.
func (s *Store) SetPurges(on bool) { s.purges.Store(on) }

// addPurge queues the CDN purge for a transaction's page tags, when purges are on.
func (s *Store) addPurge(ctx context.Context, tags []string) error {
	if !s.purges.Load() {
		return nil
	}
	pages := change.PageTags(tags)
	if len(pages) == 0 {
		return nil
	}
	return s.AddEvent(ctx, event.PurgeCDN, outbox.Tags{Tags: pages})
}

// ClaimEvents leases up to limit due events of one kind. On PostgreSQL the due rows
// are locked and rows another node is claiming are skipped, so two relays never
// claim one event; SQLite has one writer.
func (s *Store) ClaimEvents(
	ctx context.Context,
	kind, owner string,
	now time.Time,
	lease time.Duration,
	limit int,
) ([]outbox.Event, error) {
	at := micros(now)
	rows, err := s.wr(ctx).QueryContext(ctx, `UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
		WHERE id IN (SELECT id FROM outbox WHERE kind = ? AND available_at <= ? AND lease_until <= ? ORDER BY id LIMIT ?`+s.engine.skipLocked+`)
		RETURNING id, kind, payload, attempts, created_at`, owner, micros(now.Add(lease)), kind, at, at, limit)
	if err != nil {
		return nil, fmt.Errorf("store: claim %s events: %w", kind, err)
	}
	defer rows.Close()
	var out []outbox.Event
	for rows.Next() {
		var e outbox.Event
		var payload string
		var created int64
		if err := rows.Scan(&e.ID, &e.Kind, &payload, &e.Attempts, &created); err != nil {
			return nil, s.kind(err)
		}
		e.Payload, e.CreatedAt = json.RawMessage(payload), fromMicros(created)
		out = append(out, e)
	}
	return out, s.kind(rows.Err())
}

// FinishEvents removes delivered events whose lease owner still holds, in one
// statement per batch.
func (s *Store) FinishEvents(ctx context.Context, owner string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.wr(ctx).ExecContext(ctx, "DELETE FROM outbox WHERE lease_owner = ? AND id IN ("+placeholders(len(ids))+")",
		append([]any{owner}, int64Args(ids)...)...)
	return err
}

// RetryEvent releases owner's lease and makes the event due again at at.
func (s *Store) RetryEvent(ctx context.Context, id int64, owner string, at time.Time, reason string) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	_, err := s.wr(ctx).
		ExecContext(ctx, "UPDATE outbox SET lease_owner = '', lease_until = 0, available_at = ?, last_error = ? WHERE id = ? AND lease_owner = ?",
			micros(at), reason, id, owner)
	return err
}

// OutboxBacklog counts queued events by kind, for metrics.
func (s *Store) OutboxBacklog(ctx context.Context) (map[string]int, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT kind, COUNT(*) FROM outbox GROUP BY kind")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] = n
	}
	return out, rows.Err()
}

// Node names this process among the nodes sharing the database: the outbox's lease holder.
func (s *Store) Node() string { return s.node }
