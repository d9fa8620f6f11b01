package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/people"
	"dateline/internal/story"
	"dateline/internal/wire"
)

type listPage struct {
	page
	State   string
	Mine    bool
	Stories []listRow
	Total   int
	Next    string
	Prev    string
}

type listRow struct {
	story.Story
	SectionName string
	Wire        *wire.Flag // the agency changed or withdrew its copy since
}

// storyList is the newsroom's front page: stories in every state, newest change first.
func (s *Server) storyList(w http.ResponseWriter, r *http.Request) error {
	q := story.Query{AnyState: true, Limit: 50, State: story.State(r.URL.Query().Get("state")), Headline: r.URL.Query().Get("q")}
	if q.State != "" && !q.State.Valid() {
		q.State = ""
	}
	me := current(r).person
	mine := r.URL.Query().Get("mine") == "1" || !me.Can(people.ActEditAny)
	if mine {
		q.AuthorID = me.ID
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	q.Offset = max(offset, 0)
	list, total, err := s.store.Stories(r.Context(), q)
	if err != nil {
		return err
	}
	tree, err := s.tree(r)
	if err != nil {
		return err
	}
	flags, err := s.store.WireFlags(r.Context())
	if err != nil {
		return err
	}
	flagged := map[int64]*wire.Flag{}
	for i := range flags {
		flagged[flags[i].StoryID] = &flags[i]
	}
	p := listPage{page: s.base(r, "Stories"), State: string(q.State), Mine: mine, Total: total}
	for _, st := range list {
		sec, _ := tree.ByID(st.SectionID)
		p.Stories = append(p.Stories, listRow{Story: st, SectionName: sec.Name, Wire: flagged[st.ID]})
	}
	link := func(off int) string {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(off))
		return "/newsroom/?" + v.Encode()
	}
	if q.Offset+len(list) < total {
		p.Next = link(q.Offset + len(list))
	}
	if q.Offset > 0 {
		p.Prev = link(max(0, q.Offset-q.Limit))
	}
	return s.render(w, http.StatusOK, "stories", p)
}
