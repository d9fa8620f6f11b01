// Package auth signs newsroom members in: password hashing, database-backed sessions
// (so they survive restarts and work across nodes), Admin API tokens, invitations and
// sign-in throttling. Secrets are stored only as SHA-256 hashes.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"
)

// Session is a signed-in browser.
type Session struct {
	TokenHash string
	PersonID  int64
	CSRF      string // per-session token every state-changing form carries
	CreatedAt time.Time
	ExpiresAt time.Time
	IP        string
}

// Errors of signing in.
var (
	ErrNoSession = errors.New("not signed in")
	ErrBadInvite = errors.New("invitation link is invalid or has expired")
)

// Store keeps sessions, tokens, invites and failed sign-ins.
type Store interface {
	CreateSession(ctx context.Context, s Session) error
	// SessionByHash returns an unexpired session of an enabled person, or ErrNoSession.
	SessionByHash(ctx context.Context, hash string, now time.Time) (Session, error)
	DeleteSession(ctx context.Context, hash string) error
	// EndAccess deletes every session and API token of a person: used when a person
	// is disabled, or their role or password changes.
	EndAccess(ctx context.Context, personID int64) error

	CreateToken(ctx context.Context, hash string, personID int64, name string) error
	// PersonIDByToken returns the enabled person a token acts as, or ErrNoSession.
	PersonIDByToken(ctx context.Context, hash string, now time.Time) (int64, error)

	// CreateInvite stores a one-time link and revokes the person's earlier ones.
	CreateInvite(ctx context.Context, l Link) error
	// InviteByHash returns an unexpired link without using it, or ErrBadInvite.
	InviteByHash(ctx context.Context, hash string, now time.Time) (Link, error)
	// UseInvite deletes an unexpired link and returns its person, or ErrBadInvite.
	UseInvite(ctx context.Context, hash string, now time.Time) (int64, error)
	// CountAttempt counts an attempt under key in the current fixed window and
	// returns the window's count, atomically.
	CountAttempt(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	ClearAttempts(ctx context.Context, key string) error
}

// LinkKind tells an invitation from a password reset.
type LinkKind string

// The kinds of one-time link.
const (
	LinkInvite LinkKind = "invite"
	LinkReset  LinkKind = "reset"
)

// Link is a one-time link to choose a password: it works once, until ExpiresAt, and
// only while it is the person's newest.
type Link struct {
	TokenHash string
	PersonID  int64
	Kind      LinkKind
	CreatedAt time.Time
	ExpiresAt time.Time
}

// NewSecret returns a random URL-safe secret and the hash to store for it.
func NewSecret() (secret, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, Hash(secret)
}

// Hash is the stored form of a secret.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
