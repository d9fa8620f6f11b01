package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"dateline/internal/audit"
	"dateline/internal/auth"
)

// CreateSession stores a signed-in session.
func (s *Store) CreateSession(ctx context.Context, v auth.Session) error {
	_, err := s.wr(ctx).
		ExecContext(ctx, "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)",
			v.TokenHash, v.PersonID, v.CSRF, micros(v.CreatedAt), micros(v.ExpiresAt), v.IP)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionByHash returns a live session of an enabled person.
func (s *Store) SessionByHash(ctx context.Context, hash string, now time.Time) (auth.Session, error) {
	v := auth.Session{TokenHash: hash}
	var created, expires int64
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT x.person_id, x.csrf_token, x.created_at, x.expires_at, x.ip FROM sessions x
		JOIN people p ON p.id = x.person_id WHERE x.token_hash = ? AND x.expires_at > ? AND NOT p.disabled`, hash, micros(now)).
		Scan(&v.PersonID, &v.CSRF, &created, &expires, &v.IP)
	if errors.Is(err, sql.ErrNoRows) {
		return v, auth.ErrNoSession
	}
	if err != nil {
		return v, fmt.Errorf("store: session: %w", err)
	}
	v.CreatedAt, v.ExpiresAt = fromMicros(created), fromMicros(expires)
	return v, nil
}

// DeleteSession signs a session out.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.wr(ctx).ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// EndAccess deletes all of a person's sessions and API tokens at once.
func (s *Store) EndAccess(ctx context.Context, personID int64) error {
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		for _, q := range []string{"DELETE FROM sessions WHERE person_id = ?", "DELETE FROM api_tokens WHERE person_id = ?"} {
			if _, err := tx.ExecContext(ctx, q, personID); err != nil {
				return fmt.Errorf("store: end access of %d: %w", personID, err)
			}
		}
		return nil
	})
}

// CreateToken stores an Admin API token's hash.
func (s *Store) CreateToken(ctx context.Context, hash string, personID int64, name string) error {
	_, err := s.wr(ctx).ExecContext(ctx, "INSERT INTO api_tokens (token_hash, person_id, name, created_at) VALUES (?, ?, ?, ?)",
		hash, personID, name, micros(s.clock()))
	if err != nil {
		return fmt.Errorf("store: create token: %w", err)
	}
	return nil
}

// PersonIDByToken returns the enabled person an API token acts as.
func (s *Store) PersonIDByToken(ctx context.Context, hash string, now time.Time) (int64, error) {
	var id int64
	err := s.rd(ctx).QueryRowContext(ctx, `SELECT t.person_id FROM api_tokens t JOIN people p ON p.id = t.person_id
		WHERE t.token_hash = ? AND NOT p.disabled`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, auth.ErrNoSession
	}
	if err != nil {
		return 0, fmt.Errorf("store: token: %w", err)
	}
	return id, nil
}

// CreateInvite stores a one-time link (an invitation or a password reset) and
// revokes every earlier link of that person in the same transaction, so only the
// newest link works.
func (s *Store) CreateInvite(ctx context.Context, l auth.Link) error {
	return s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM invites WHERE person_id = ?", l.PersonID); err != nil {
			return fmt.Errorf("store: revoke links of %d: %w", l.PersonID, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO invites (token_hash, person_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			l.TokenHash, l.PersonID, string(l.Kind), micros(l.CreatedAt), micros(l.ExpiresAt)); err != nil {
			return fmt.Errorf("store: create link: %w", err)
		}
		return nil
	})
}

// InviteByHash returns an unexpired link without using it, or ErrBadInvite: a link is
// checked before any password work is done for it.
func (s *Store) InviteByHash(ctx context.Context, hash string, now time.Time) (auth.Link, error) {
	l := auth.Link{TokenHash: hash}
	var kind string
	var created, expires int64
	err := s.rd(ctx).
		QueryRowContext(ctx, "SELECT person_id, kind, created_at, expires_at FROM invites WHERE token_hash = ? AND expires_at > ?",
			hash, micros(now)).
		Scan(&l.PersonID, &kind, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return l, auth.ErrBadInvite
	}
	if err != nil {
		return l, fmt.Errorf("store: link: %w", err)
	}
	l.Kind, l.CreatedAt, l.ExpiresAt = auth.LinkKind(kind), fromMicros(created), fromMicros(expires)
	return l, nil
}

// UseInvite consumes a link, so it works once.
func (s *Store) UseInvite(ctx context.Context, hash string, now time.Time) (int64, error) {
	// One statement finds and deletes the link, so two uses at once cannot both win.
	var id int64
	err := s.wr(ctx).
		QueryRowContext(ctx, "DELETE FROM invites WHERE token_hash = ? AND expires_at > ? RETURNING person_id", hash, micros(now)).
		Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, auth.ErrBadInvite
	}
	if err != nil {
		return 0, fmt.Errorf("store: use link: %w", err)
	}
	return id, nil
}

// PendingLinks returns each person's unexpired link, for the people page.
func (s *Store) PendingLinks(ctx context.Context, now time.Time) (map[int64]auth.Link, error) {
	rows, err := s.rd(ctx).QueryContext(ctx, "SELECT person_id, kind, created_at, expires_at FROM invites WHERE expires_at > ?", micros(now))
	if err != nil {
		return nil, fmt.Errorf("store: pending links: %w", err)
	}
	defer rows.Close()
	out := map[int64]auth.Link{}
	for rows.Next() {
		var l auth.Link
		var kind string
		var created, expires int64
		if err := rows.Scan(&l.PersonID, &kind, &created, &expires); err != nil {
			return nil, fmt.Errorf("store: pending links: %w", err)
		}
		l.Kind, l.CreatedAt, l.ExpiresAt = auth.LinkKind(kind), fromMicros(created), fromMicros(expires)
		out[l.PersonID] = l
	}
	return out, rows.Err()
}

// CountAttempt counts one attempt under key in the fixed window of the given length
// that now falls in, and returns the count with this one. One upsert counts and
// returns, and the row it locks serialises parallel attempts on every engine, so a
// limit holds however many requests arrive at once.
func (s *Store) CountAttempt(ctx context.Context, key string, now time.Time, window time.Duration) (int, error) {
	start := micros(now.Truncate(window))
	var n int
	err := s.wr(ctx).QueryRowContext(ctx, `INSERT INTO attempt_counters (key, window_start, n) VALUES (?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET
			n = CASE WHEN attempt_counters.window_start = excluded.window_start THEN attempt_counters.n + 1 ELSE 1 END,
			window_start = excluded.window_start
		RETURNING n`, key, start).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count attempt: %w", err)
	}
	return n, nil
}

// ClearAttempts forgets a key's attempts (after a good sign-in).
func (s *Store) ClearAttempts(ctx context.Context, key string) error {
	if _, err := s.wr(ctx).ExecContext(ctx, "DELETE FROM attempt_counters WHERE key = ?", key); err != nil {
		return fmt.Errorf("store: clear attempts: %w", err)
	}
	return nil
}

// ExpireAttempts deletes counters and rate events whose window ended before a time:
// once a window is over, nothing about its clients is kept.
func (s *Store) ExpireAttempts(ctx context.Context, before time.Time) (int, error) {
	total := 0
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		for _, q := range []string{"DELETE FROM attempt_counters WHERE window_start < ?", "DELETE FROM rate_events WHERE at < ?"} {
			res, err := tx.ExecContext(ctx, q, micros(before))
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			total += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: expire attempts: %w", err)
	}
	return total, nil
}

// AddAudit records a change.
func (s *Store) AddAudit(ctx context.Context, e audit.Entry) error {
	if e.At.IsZero() {
		e.At = s.clock()
	}
	_, err := s.wr(ctx).ExecContext(ctx, "INSERT INTO audit_log (at, person_id, action, story_id, detail, ip) VALUES (?, ?, ?, ?, ?, ?)",
		micros(e.At), nullID(e.PersonID), e.Action, nullID(e.StoryID), e.Detail, e.IP)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// AuditLog returns entries newest first.
func (s *Store) AuditLog(ctx context.Context, limit, offset int) ([]audit.Entry, int, error) {
	var total int
	if err := s.rd(ctx).QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	rows, err := s.rd(ctx).QueryContext(ctx, `SELECT id, at, COALESCE(person_id, 0), action, COALESCE(story_id, 0), detail, ip
		FROM audit_log ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.PersonID, &e.Action, &e.StoryID, &e.Detail, &e.IP); err != nil {
			return nil, 0, fmt.Errorf("store: audit: %w", err)
		}
		e.At = fromMicros(at)
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// CountRate records a request under key at time at and returns how many the key has
// made since the given time, this one included. Old events are pruned as it goes.
func (s *Store) CountRate(ctx context.Context, key string, at, since time.Time) (int, error) {
	var n int
	err := s.inTx(ctx, func(ctx context.Context, tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM rate_events WHERE key = ? AND at < ?", key, micros(since)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO rate_events (key, at) VALUES (?, ?)", key, micros(at)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM rate_events WHERE key = ? AND at >= ?", key, micros(since)).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("store: rate %s: %w", key, err)
	}
	return n, nil
}
