package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/desk"
	"dateline/internal/story"
	"dateline/internal/web"
)

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
