package auth

import (
	"context"
	"time"

	"dateline/internal/audit"
	"dateline/internal/event"
)

// AccountStore is what signing in, out and through one-time links writes.
type AccountStore interface {
	Store
	Atomically(ctx context.Context, fn func(ctx context.Context) error) error
	SetPassword(ctx context.Context, id int64, hash string) error
	AddAudit(ctx context.Context, e audit.Entry) error
}

// Accounts is the one way sessions, sign-in throttles and passwords chosen through
// one-time links are written; each change commits with its audit entry.
type Accounts struct {
	Store AccountStore
	Now   func() time.Time
	TTL   time.Duration // how long a session lasts
}

// NewSession is a session just started: the cookie's secret, shown to the browser
// once, and the stored session.
type NewSession struct {
	Secret  string
	Session Session
}

// CountAttempt counts a sign-in or link attempt under key in the current window of
// the given length and returns the window's count.
func (a *Accounts) CountAttempt(ctx context.Context, key string, window time.Duration) (int, error) {
	return a.Store.CountAttempt(ctx, key, a.Now(), window)
}

// SignIn starts a session for a person whose password was checked, clears the
// attempts counted under cleared, and records the sign-in.
func (a *Accounts) SignIn(ctx context.Context, personID int64, ip, cleared string) (NewSession, error) {
	var out NewSession
	return out, a.Store.Atomically(ctx, func(ctx context.Context) error {
		if err := a.Store.ClearAttempts(ctx, cleared); err != nil {
			return err
		}
		var err error
		if out, err = a.start(ctx, personID, ip); err != nil {
			return err
		}
		return a.Store.AddAudit(ctx, audit.Entry{At: a.Now(), PersonID: personID, Action: event.PersonSignIn, IP: ip})
	})
}

// SignOut ends one session.
func (a *Accounts) SignOut(ctx context.Context, tokenHash string) error {
	return a.Store.DeleteSession(ctx, tokenHash)
}

// AcceptLink uses up a one-time link, sets the password it was for (passwordHash,
// already hashed), ends the person's other sessions and tokens, and signs them in,
// all at once: a link used by a parallel request meanwhile is ErrBadInvite and
// changes nothing.
func (a *Accounts) AcceptLink(ctx context.Context, tokenHash, passwordHash, ip string) (NewSession, error) {
	var out NewSession
	return out, a.Store.Atomically(ctx, func(ctx context.Context) error {
		id, err := a.Store.UseInvite(ctx, tokenHash, a.Now())
		if err != nil {
			return err
		}
		if err := a.Store.SetPassword(ctx, id, passwordHash); err != nil {
			return err
		}
		if err := a.Store.EndAccess(ctx, id); err != nil {
			return err
		}
		if out, err = a.start(ctx, id, ip); err != nil {
			return err
		}
		return a.Store.AddAudit(ctx, audit.Entry{At: a.Now(), PersonID: id, Action: event.PersonPassword, IP: ip})
	})
}

func (a *Accounts) start(ctx context.Context, personID int64, ip string) (NewSession, error) {
	secret, hash := NewSecret()
	csrf, _ := NewSecret()
	now := a.Now()
	sess := Session{TokenHash: hash, PersonID: personID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(a.TTL), IP: ip}
	return NewSession{Secret: secret, Session: sess}, a.Store.CreateSession(ctx, sess)
}
