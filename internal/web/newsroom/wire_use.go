package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/web"
)

// wireUse makes a draft from a queue item, or publishes it as is.
func (s *Server) wireUse(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	asIs := r.PostFormValue("mode") == "publish"
	used, err := s.desk.UseWire(r.Context(), s.actor(r), id, r.PostFormValue("section"), asIs)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return &web.Error{
			Status: http.StatusUnprocessableEntity,
			Public: "The wire item was not used: " + strings.Join(values(fe), "; "),
			Err:    err,
		}
	}
	if err != nil {
		return err
	}
	done := "Draft made from the wire copy"
	if asIs {
		done = "Published as is"
	}
	if used.PhotoNote != "" {
		done += ". " + used.PhotoNote
	}
	s.log.Info("wire item used", "wire", id, "story", used.Story.ID, "as_is", asIs, "by", current(r).person.ID)
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(used.Story.ID, 10)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
	return nil
}
