package newsroom

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/people"
	"dateline/internal/web"
)

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	ctx := r.Context()
	st := current(r)
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	now := s.now()
	pair := s.keys.AddressKey("signin", email+" "+st.ip, now)
	if err := s.overLimit(w, r, pair, maxPairAttempts); err != nil {
		return err
	}
	if err := s.overLimit(w, r, s.keys.AddressKey("signin-address", st.ip, now), maxAddrAttempts); err != nil {
		return err
	}
	n, err := s.accounts.CountAttempt(ctx, s.keys.AddressKey("signin-account", email, now), throttleWindow)
	if err != nil {
		return err
	}
	if n > slowAfter {
		s.sleep(ctx, min(time.Duration(n-slowAfter)*slowStep, maxSlowdown))
	}
	// Exactly one password hash is computed from here, whatever the account's state:
	// none, disabled, invited but without a password yet, or active.
	p, err := s.store.PersonByEmail(ctx, email)
	if err != nil && !errors.Is(err, people.ErrNotFound) {
		return err
	}
	hash := ""
	if err == nil && !p.Disabled {
		if hash, err = s.store.PasswordHash(ctx, p.ID); err != nil {
			return err
		}
	}
	ok, err := s.hasher.Check(ctx, hash, r.PostFormValue("password"))
	if err != nil {
		return err
	}
	if !ok {
		lp := loginPage{page: page{Title: "Sign in", Site: st.site, Loc: time.UTC}, Email: email, Next: r.PostFormValue("next"),
			Error: "That email and password do not match an active account."}
		return s.render(w, http.StatusUnauthorized, "login", lp)
	}
	sess, err := s.accounts.SignIn(ctx, p.ID, st.ip, pair)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, sess)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

// setSessionCookie gives the browser a new session's cookie: HttpOnly,
// SameSite=Lax, Secure when the browser reached us over TLS.
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, sess auth.NewSession) {
	http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Value: sess.Secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: web.IsTLS(r, current(r).proxies), MaxAge: int(s.ttl.Seconds())})
}
