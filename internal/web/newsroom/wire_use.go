package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/web"
)

// wireUse makes a draft from a queue item, or publishes it as is.
func (s *Server) wireUse(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	asIs := r.PostFormValue("mode") == "publish"
	if asIs {
		if !current(r).person.Can(people.ActPublish) {
			return desk.ErrForbidden
		}
		e, err := s.store.WireEntry(r.Context(), id)
		if err != nil {
			return err
		}
		if ok, err := s.confirmed(w, r, confirmPage{Heading: "Publish “" + e.Item.Headline + "” as is?",
			Explain: "Readers see the agency's copy at once, unedited (or at its embargo, if it has one). " +
				"To check or edit it first, go back and use it as a draft.",
			Button: "Publish as is", Back: "/newsroom/wire/" + strconv.FormatInt(id, 10)}); !ok {
			return err
		}
	}
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
