package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/story"
	"dateline/internal/web"
)

// storyTransition moves a story through the workflow. "at" is a local time in the
// site's zone (a datetime-local field) for scheduling.
func (s *Server) storyTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	to := story.State(r.PostFormValue("to"))
	if to == story.StateUnpublished {
		if !current(r).person.Can(people.ActPublish) {
			return desk.ErrForbidden
		}
		st, err := s.store.StoryByID(r.Context(), id)
		if err != nil {
			return err
		}
		if ok, err := s.confirmed(w, r, confirmPage{Heading: "Unpublish “" + st.Headline + "”?",
			Explain: "Readers can no longer see it: it leaves the site, every front, the feeds and the sitemaps at once. " +
				"You can publish it again later.",
			Button: "Unpublish the story", Back: "/newsroom/stories/" + strconv.FormatInt(id, 10)}); !ok {
			return err
		}
	}
	var at time.Time
	if v := strings.TrimSpace(r.PostFormValue("at")); v != "" {
		at, err = time.ParseInLocation("2006-01-02T15:04", v, current(r).site.Location())
		if err != nil {
			return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The embargo time is not a date and time."}
		}
	} else if to == story.StateScheduled {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "Choose the embargo time to schedule the story."}
	}
	st, err := s.desk.Transition(r.Context(), s.actor(r), id, to, at)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The story was not moved: " + strings.Join(values(fe), "; "), Err: err}
	}
	if err != nil {
		return err
	}
	http.Redirect(
		w,
		r,
		"/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Now+"+strings.ReplaceAll(string(st.State), "_", "+"),
		http.StatusSeeOther,
	)
	return nil
}

func values(m desk.FieldErrors) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
