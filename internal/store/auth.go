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
	_, err := s.write.ExecContext(ctx, "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)",
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
	err := s.read.QueryRowContext(ctx, `SELECT x.person_id, x.csrf_token, x.created_at, x.expires_at, x.ip FROM sessions x
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
	if _, err := s.write.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// EndAccess deletes all of a person's sessions and API tokens at once.
func (s *Store) EndAccess(ctx context.Context, personID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
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
	_, err := s.write.ExecContext(ctx, "INSERT INTO api_tokens (token_hash, person_id, name, created_at) VALUES (?, ?, ?, ?)",
		hash, personID, name, micros(s.clock()))
	if err != nil {
		return fmt.Errorf("store: create token: %w", err)
	}
	return nil
}

// PersonIDByToken returns the enabled person an API token acts as.
func (s *Store) PersonIDByToken(ctx context.Context, hash string, now time.Time) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT t.person_id FROM api_tokens t JOIN people p ON p.id = t.person_id
		WHERE t.token_hash = ? AND NOT p.disabled`, hash).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, auth.ErrNoSession
	}
	if err != nil {
		return 0, fmt.Errorf("store: token: %w", err)
	}
	return id, nil
}

// CreateInvite stores a one-time invitation.
func (s *Store) CreateInvite(ctx context.Context, hash string, personID int64, expires time.Time) error {
	_, err := s.write.ExecContext(ctx, "INSERT INTO invites (token_hash, person_id, expires_at) VALUES (?, ?, ?)", hash, personID, micros(expires))
	if err != nil {
		return fmt.Errorf("store: create invite: %w", err)
	}
	return nil
}

// UseInvite consumes an invitation, so a link works once.
func (s *Store) UseInvite(ctx context.Context, hash string, now time.Time) (int64, error) {
	// One statement finds and deletes the invite, so two uses at once cannot both win.
	var id int64
	err := s.write.QueryRowContext(ctx, "DELETE FROM invites WHERE token_hash = ? AND expires_at > ? RETURNING person_id", hash, micros(now)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, auth.ErrBadInvite
	}
	if err != nil {
		return 0, fmt.Errorf("store: use invite: %w", err)
	}
	return id, nil
}

// AddLoginFailure records a failed sign-in under a key.
func (s *Store) AddLoginFailure(ctx context.Context, key string, at time.Time) error {
	if _, err := s.write.ExecContext(ctx, "INSERT INTO login_failures (key, at) VALUES (?, ?)", key, micros(at)); err != nil {
		return fmt.Errorf("store: login failure: %w", err)
	}
	return nil
}

// LoginFailures counts a key's failed sign-ins since a time.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?", key, micros(since)).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: login failures: %w", err)
	}
	return n, nil
}

// ClearLoginFailures forgets a key's failures after a good sign-in.
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.write.ExecContext(ctx, "DELETE FROM login_failures WHERE key = ?", key); err != nil {
		return fmt.Errorf("store: login failures: %w", err)
	}
	return nil
}

// AddAudit records a change.
func (s *Store) AddAudit(ctx context.Context, e audit.Entry) error {
	if e.At.IsZero() {
		e.At = s.clock()
	}
	_, err := s.write.ExecContext(ctx, "INSERT INTO audit_log (at, person_id, action, story_id, detail, ip) VALUES (?, ?, ?, ?, ?, ?)",
		micros(e.At), nullID(e.PersonID), e.Action, nullID(e.StoryID), e.Detail, e.IP)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// AuditLog returns entries newest first.
func (s *Store) AuditLog(ctx context.Context, limit, offset int) ([]audit.Entry, int, error) {
	var total int
	if err := s.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, at, COALESCE(person_id, 0), action, COALESCE(story_id, 0), detail, ip
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
	err := s.inTx(ctx, func(tx *sql.Tx) error {
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
