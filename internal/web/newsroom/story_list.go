package newsroom

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/wire"
)

type listPage struct {
	page
	State    string
	Mine     bool
	Query    string
	Section  int64
	Author   int64
	Sections []section.Section
	People   []people.Person
	Queues   []storyQueue // the start page's, when no filter is set
	Stories  []listRow
	Total    int
	Next     string
	Prev     string
}

// storyQueue is one of the start page's short lists, with a link to all of it.
type storyQueue struct {
	Title, Empty, More string
	Stories            []listRow
}

type listRow struct {
	story.Story
	SectionName string
	Authors     string
	Wire        *wire.Flag // the agency changed or withdrew its copy since
}

// storyList is the newsroom's front page: with no filter, the signed-in person's
// queues first (what waits for them), then every story, newest change first,
// filtered by state, section, author, "mine" and headline words, and paged.
func (s *Server) storyList(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q := story.Query{AnyState: true, Limit: 50, State: story.State(v.Get("state")), Headline: pickerQuery(v.Get("q"))}
	if q.State != "" && !q.State.Valid() {
		q.State = ""
	}
	me := current(r).person
	mine := v.Get("mine") == "1" || !me.Can(people.ActEditAny)
	if mine {
		q.AuthorID = me.ID
	}
	q.SectionID, _ = strconv.ParseInt(v.Get("section"), 10, 64)
	if author, _ := strconv.ParseInt(v.Get("author"), 10, 64); author != 0 && !mine {
		q.AuthorID = author
	}
	offset, _ := strconv.Atoi(v.Get("offset"))
	q.Offset = max(offset, 0)
	ctx := r.Context()
	secs, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	staff, err := s.store.People(ctx)
	if err != nil {
		return err
	}
	rows := s.rowMaker(ctx, section.NewTree(secs), staff)
	list, total, err := s.store.Stories(ctx, q)
	if err != nil {
		return err
	}
	p := listPage{page: s.base(r, "Stories"), State: string(q.State), Mine: mine, Query: q.Headline, Section: q.SectionID, Total: total,
		Sections: secs, People: staff}
	if !mine {
		p.Author = q.AuthorID
	}
	if p.Stories, err = rows(list); err != nil {
		return err
	}
	if len(v) == 0 {
		if p.Queues, err = s.queues(ctx, me, rows); err != nil {
			return err
		}
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

// queues are a role's start: a writer sees their drafts, their stories in review
// and what of theirs publishes soon; an editor sees what waits for review, what
// publishes in the next 24 hours, their own drafts and what was just published.
func (s *Server) queues(ctx context.Context, me people.Person, rows func([]story.Story) ([]listRow, error)) ([]storyQueue, error) {
	const n = 5
	soon := s.now().Add(24 * time.Hour)
	type spec struct {
		title, empty string
		q            story.Query
		more         url.Values
	}
	mineID := strconv.FormatInt(me.ID, 10)
	drafts := spec{"Your drafts", "No drafts of yours.", story.Query{AnyState: true, State: story.StateDraft, AuthorID: me.ID},
		url.Values{"state": {"draft"}, "mine": {"1"}}}
	specs := []spec{drafts,
		{"Your stories in review", "None of your stories waits for review.", story.Query{AnyState: true, State: story.StateInReview, AuthorID: me.ID},
			url.Values{"state": {"in_review"}, "mine": {"1"}}},
		{"Yours scheduled in the next 24 hours", "Nothing of yours publishes in the next 24 hours.",
			story.Query{AnyState: true, ScheduledBefore: soon, AuthorID: me.ID}, url.Values{"state": {"scheduled"}, "author": {mineID}}},
	}
	if me.Can(people.ActEditAny) {
		specs = []spec{
			{"Waiting for review", "Nothing waits for review.", story.Query{AnyState: true, State: story.StateInReview},
				url.Values{"state": {"in_review"}}},
			{"Scheduled in the next 24 hours", "Nothing publishes in the next 24 hours.", story.Query{AnyState: true, ScheduledBefore: soon},
				url.Values{"state": {"scheduled"}}},
			drafts,
			{"Recently published", "Nothing published yet.", story.Query{}, url.Values{"state": {"published"}}},
		}
	}
	var out []storyQueue
	for _, sp := range specs {
		sp.q.Limit = n
		list, total, err := s.store.Stories(ctx, sp.q)
		if err != nil {
			return nil, err
		}
		q := storyQueue{Title: sp.title, Empty: sp.empty}
		if q.Stories, err = rows(list); err != nil {
			return nil, err
		}
		if total > len(list) {
			q.More = "/newsroom/?" + sp.more.Encode()
		}
		out = append(out, q)
	}
	return out, nil
}

// rowMaker returns a function that dresses stories for a list: section, authors'
// names and the wire's flags, read once per list.
func (s *Server) rowMaker(ctx context.Context, tree *section.Tree, staff []people.Person) func([]story.Story) ([]listRow, error) {
	names := make(map[int64]string, len(staff))
	for _, p := range staff {
		names[p.ID] = p.Name
	}
	var flagged map[int64]*wire.Flag
	return func(list []story.Story) ([]listRow, error) {
		if flagged == nil {
			flags, err := s.store.WireFlags(ctx)
			if err != nil {
				return nil, err
			}
			flagged = map[int64]*wire.Flag{}
			for i := range flags {
				flagged[flags[i].StoryID] = &flags[i]
			}
		}
		ids := make([]int64, len(list))
		for i, st := range list {
			ids[i] = st.ID
		}
		authors, err := s.store.StoryAuthorIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]listRow, 0, len(list))
		for _, st := range list {
			sec, _ := tree.ByID(st.SectionID)
			var byline []string
			for _, id := range authors[st.ID] {
				byline = append(byline, names[id])
			}
			out = append(out, listRow{Story: st, SectionName: sec.Name, Authors: strings.Join(byline, ", "), Wire: flagged[st.ID]})
		}
		return out, nil
	}
}
