package newsroom

import (
	"net/http"
	"time"
)

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
