package newsroom

import "net/http"

// letterTrim trims a message's text; the published comment is then marked edited.
func (s *Server) letterTrim(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.TrimMessage(r.Context(), s.actor(r), id, r.PostFormValue("text")); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/letters", "Message trimmed")
}
