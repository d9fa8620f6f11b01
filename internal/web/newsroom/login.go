package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/auth"
	"dateline/internal/people"
	"dateline/internal/web"
)

// Throttles, counted in fixed windows under keyed hashes (never raw addresses or
// emails), each attempt counted before any password work:
//   - one address trying one account: at most 10 attempts per 15 minutes, then 429;
//   - one address across accounts (password spraying): at most 100, then 429;
//   - one account from anywhere: past 10 attempts each is slowed a little more (up to
//     5 s), never refused, so nobody can lock someone else out of their account;
//   - one address using invitation and reset links: at most 20, then 429.
const (
	throttleWindow   = 15 * time.Minute
	maxPairAttempts  = 10
	maxAddrAttempts  = 100
	slowAfter        = 10
	slowStep         = 200 * time.Millisecond
	maxSlowdown      = 5 * time.Second
	maxLinkAttempts  = 20
	throttledMessage = "Too many attempts. Please wait 15 minutes and try again."
)

// overLimit counts an attempt under key and reports whether it is past max.
func (s *Server) overLimit(w http.ResponseWriter, r *http.Request, key string, max int) error {
	n, err := s.accounts.CountAttempt(r.Context(), key, throttleWindow)
	if err != nil {
		return err
	}
	if n > max {
		w.Header().Set("Retry-After", strconv.Itoa(int(throttleWindow.Seconds())))
		return &web.Error{Status: http.StatusTooManyRequests, Public: throttledMessage}
	}
	return nil
}

type loginPage struct {
	page
	Email string
	Next  string
	Error string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	p := loginPage{page: page{Title: "Sign in", Site: current(r).site, Loc: time.UTC}, Next: r.URL.Query().Get("next")}
	return s.render(w, http.StatusOK, "login", p)
}

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

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.accounts.SignOut(r.Context(), current(r).session.TokenHash); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
	return nil
}

type invitePage struct {
	page
	Token string
	Error string
}

func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(
		w,
		http.StatusOK,
		"invite",
		invitePage{page: page{Title: "Choose your password", Site: current(r).site, Loc: time.UTC}, Token: r.PathValue("token")},
	)
}

// inviteAccept sets the password chosen through a one-time link, uses up the link
// and signs the person in. The address is throttled and the link checked before
// any password work, so a made-up link costs the server nothing.
func (s *Server) inviteAccept(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	token := r.PathValue("token")
	if err := s.overLimit(w, r, s.keys.AddressKey("link", current(r).ip, s.now()), maxLinkAttempts); err != nil {
		return err
	}
	badLink := &web.Error{
		Status: http.StatusNotFound,
		Public: "This link is invalid, used, replaced by a newer one or expired. Ask an admin for a new one.",
	}
	if _, err := s.store.InviteByHash(r.Context(), auth.Hash(token), s.now()); errors.Is(err, auth.ErrBadInvite) {
		return badLink
	} else if err != nil {
		return err
	}
	pw := r.PostFormValue("password")
	fail := func(msg string) error {
		return s.render(
			w,
			http.StatusUnprocessableEntity,
			"invite",
			invitePage{page: page{Title: "Choose your password", Site: current(r).site, Loc: time.UTC}, Token: token, Error: msg},
		)
	}
	if pw != r.PostFormValue("confirm") {
		return fail("The two passwords differ.")
	}
	hash, err := s.hasher.Hash(r.Context(), pw)
	if errors.Is(err, auth.ErrWeakPassword) {
		return fail(err.Error())
	} else if err != nil {
		return err
	}
	sess, err := s.accounts.AcceptLink(r.Context(), auth.Hash(token), hash, current(r).ip)
	if errors.Is(err, auth.ErrBadInvite) {
		return badLink // used by a parallel request meanwhile
	}
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, sess)
	http.Redirect(w, r, "/newsroom/", http.StatusSeeOther)
	return nil
}
