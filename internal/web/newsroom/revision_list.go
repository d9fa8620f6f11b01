package newsroom

import (
	"errors"
	"net/http"

	"dateline/internal/people"
	"dateline/internal/story"
)

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
