package newsroom

import "net/http"

type tokensPage struct {
	page
	Token string // a new token, shown once
}

func (s *Server) tokenList(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "tokens", tokensPage{page: s.base(r, "API tokens")})
}

// tokenCreate makes an Admin API token acting as the signed-in admin, shown once.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	secret, err := s.desk.CreateToken(r.Context(), s.actor(r), r.PostFormValue("name"))
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "tokens", tokensPage{page: s.base(r, "API tokens"), Token: secret})
}
