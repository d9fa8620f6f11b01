package public

import "net/http"

// favicon answers the /favicon.ico that browsers and crawlers ask for whatever a
// page links: a permanent redirect to the theme's icon, so it is not a 404 in every
// log.
func (s *Server) favicon(w http.ResponseWriter, r *http.Request) error {
	icon, err := s.theme.AssetURL("logo.svg")
	if err != nil {
		return err
	}
	http.Redirect(w, r, icon, http.StatusMovedPermanently)
	return nil
}
