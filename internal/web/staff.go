package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/people"
)

// SessionCookie is the newsroom's session cookie.
const SessionCookie = "dateline_session"

// StaffStore finds who a request acts as.
type StaffStore interface {
	SessionByHash(ctx context.Context, hash string, now time.Time) (auth.Session, error)
	PersonIDByToken(ctx context.Context, hash string, now time.Time) (int64, error)
	PersonByID(ctx context.Context, id int64) (people.Person, error)
}

// SessionPerson returns the signed-in person of a browser request, or auth.ErrNoSession.
func SessionPerson(r *http.Request, st StaffStore, now time.Time) (people.Person, auth.Session, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return people.Person{}, auth.Session{}, auth.ErrNoSession
	}
	sess, err := st.SessionByHash(r.Context(), auth.Hash(c.Value), now)
	if err != nil {
		return people.Person{}, sess, err
	}
	p, err := st.PersonByID(r.Context(), sess.PersonID)
	if err != nil || p.Disabled {
		return people.Person{}, sess, auth.ErrNoSession
	}
	return p, sess, nil
}

// TokenPerson returns the person an Admin API bearer token acts as, or auth.ErrNoSession.
func TokenPerson(r *http.Request, st StaffStore, now time.Time) (people.Person, error) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		return people.Person{}, auth.ErrNoSession
	}
	id, err := st.PersonIDByToken(r.Context(), auth.Hash(strings.TrimSpace(token)), now)
	if err != nil {
		return people.Person{}, err
	}
	p, err := st.PersonByID(r.Context(), id)
	if err != nil || p.Disabled {
		return people.Person{}, auth.ErrNoSession
	}
	return p, nil
}
