package newsroom

import (
	"net/http"
	"strings"

	"dateline/internal/people"
)

// personInvite adds a person without a password and shows a one-time link with which
// they choose one. (Email delivery comes with SMTP settings; the link is shown here.)
func (s *Server) personInvite(w http.ResponseWriter, r *http.Request) error {
	p := people.Person{Name: strings.TrimSpace(r.PostFormValue("name")), Email: strings.TrimSpace(r.PostFormValue("email")),
		Role: people.Role(r.PostFormValue("role")), Title: strings.TrimSpace(r.PostFormValue("title"))}
	link, err := s.desk.Invite(r.Context(), s.actor(r), &p, s.inviteTTL)
	if err != nil {
		return notSaved(err)
	}
	return s.showLink(w, r, link)
}
