package newsroom

import (
	"errors"
	"net/http"
	"time"

	"dateline/internal/auth"
	"dateline/internal/web"
)

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
