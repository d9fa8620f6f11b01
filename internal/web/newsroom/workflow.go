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

// storyNote appends a public update or correction.
func (s *Server) storyNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	st, err := s.desk.AddNote(r.Context(), s.actor(r), id, story.NoteKind(r.PostFormValue("kind")), strings.TrimSpace(r.PostFormValue("text")))
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The note was not added: " + strings.Join(values(fe), "; "), Err: err}
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Note+added", http.StatusSeeOther)
	return nil
}

type revisionsPage struct {
	page
	Story     story.Story
	Revisions []revisionRow
}

type revisionRow struct {
	story.Revision
	By string
}

func (s *Server) revisionRows(r *http.Request, st story.Story) ([]revisionRow, error) {
	revs, err := s.store.Revisions(r.Context(), st.ID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{0: "the scheduler"}
	var rows []revisionRow
	for _, v := range revs {
		if _, ok := names[v.SavedBy]; !ok {
			p, err := s.store.PersonByID(r.Context(), v.SavedBy)
			if err != nil && !errors.Is(err, people.ErrNotFound) {
				return nil, err
			}
			names[v.SavedBy] = p.Name
		}
		rows = append(rows, revisionRow{Revision: v, By: names[v.SavedBy]})
	}
	return rows, nil
}

func (s *Server) revisionList(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	rows, err := s.revisionRows(r, st)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "revisions", revisionsPage{page: s.base(r, "Revisions: "+st.Headline), Story: st, Revisions: rows})
}

type revisionPage struct {
	page
	Story    story.Story
	Revision revisionRow
	Diff     []diffLine
	CanEdit  bool
}

func (s *Server) revisionShow(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		return web.ErrNotFound
	}
	rows, err := s.revisionRows(r, st)
	if err != nil {
		return err
	}
	for _, row := range rows {
		if row.Version == version {
			return s.render(w, http.StatusOK, "revision", revisionPage{page: s.base(r, "Version "+strconv.Itoa(version)), Story: st,
				Revision: row, Diff: lineDiff(row.Body, st.BodyMarkdown), CanEdit: desk.CanEdit(current(r).person, st)})
		}
	}
	return web.ErrNotFound
}

func (s *Server) revisionRestore(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil {
		return web.ErrNotFound
	}
	st, err := s.desk.Restore(r.Context(), s.actor(r), id, version)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Restored+version+"+strconv.Itoa(version), http.StatusSeeOther)
	return nil
}
