package newsroom

import "net/http"

// personReset ends the person's access and shows a one-time link to choose a new password.
func (s *Server) personReset(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	link, err := s.desk.ResetPassword(r.Context(), s.actor(r), id, s.resetTTL)
	if err != nil {
		return err
	}
	return s.showLink(w, r, link)
}
