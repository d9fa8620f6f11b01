package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/people"
)

// personUpdate changes a role, bureau, title or the disabled flag. A change of role
// or disabling ends the person's sessions and tokens at once.
func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c := desk.PersonChange{Role: people.Role(r.PostFormValue("role")), Title: strings.TrimSpace(r.PostFormValue("title")),
		Disabled: r.PostFormValue("disabled") == "on"}
	c.BureauID, _ = strconv.ParseInt(r.PostFormValue("bureau_id"), 10, 64)
	p, err := s.desk.UpdatePerson(r.Context(), s.actor(r), id, c)
	if err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/people", "Saved "+p.Name)
}
