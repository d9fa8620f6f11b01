package newsroom

import (
	"net/http"

	"dateline/internal/web"
)

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.accounts.SignOut(r.Context(), current(r).session.TokenHash); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
	return nil
}
