package newsroom

import (
	"net/http"
	"time"
)

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
