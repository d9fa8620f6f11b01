package newsroom

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"dateline/internal/letters"
	"dateline/internal/render"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web"
)

type lettersPage struct {
	page
	State    string
	Kind     string
	StoryID  int64
	Messages []letterRow
	Total    int
	Next     string
	States   []letters.State
	Counts   map[letters.State]int
	All      int
	Return   string // this desk's address, for the forms to come back to
	Erased   string
}

type letterRow struct {
	letters.Message
	Paragraphs []template.HTML
	Headline   string
	PublicURL  string
	ReplyURL   string // mailto: link answering the reader
	Next       int64  // the message below, focused after this one is moved
}

var deskStates = []letters.State{letters.StatePending, letters.StatePublished, letters.StateFeatured, letters.StateRejected,
	letters.StateSpam, letters.StateArchived}

// letterList is the letters desk: one queue of reader messages, newest first,
// filtered by state (pending by default), kind and story.
func (s *Server) letterList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	state := q.Get("state")
	if state == "" {
		state = string(letters.StatePending)
	}
	query := letters.Query{Limit: 100}
	if state != "all" {
		query.State = letters.State(state)
		if !query.State.Valid() {
			return web.ErrNotFound
		}
	}
	query.StoryID, _ = strconv.ParseInt(q.Get("story"), 10, 64)
	if query.Kind = letters.Kind(q.Get("kind")); query.Kind != "" && !query.Kind.Valid() {
		return web.ErrNotFound
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	query.Offset = max(offset, 0)
	list, total, err := s.store.Messages(ctx, query)
	if err != nil {
		return err
	}
	counts, err := s.store.MessageCounts(ctx, query)
	if err != nil {
		return err
	}
	p := lettersPage{page: s.base(r, "Letters desk"), State: state, Kind: string(query.Kind), StoryID: query.StoryID, Total: total,
		States: deskStates, Counts: counts, Erased: q.Get("erased")}
	for _, n := range counts {
		p.All += n
	}
	back := url.Values{"state": {state}}
	if query.Kind != "" {
		back.Set("kind", string(query.Kind))
	}
	if query.StoryID != 0 {
		back.Set("story", strconv.FormatInt(query.StoryID, 10))
	}
	p.Return = "/newsroom/letters?" + back.Encode()
	secs, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	tree := section.NewTree(secs)
	stories := map[int64]story.Story{}
	for _, m := range list {
		row := letterRow{Message: m, Paragraphs: render.CommentParagraphs(m.Text)}
		if m.StoryID != 0 {
			st, ok := stories[m.StoryID]
			if !ok {
				if st, err = s.store.StoryByID(ctx, m.StoryID); err != nil {
					return err
				}
				stories[m.StoryID] = st
			}
			row.Headline = st.Headline
			if st.Visible() {
				sec, _ := tree.ByID(st.SectionID)
				row.PublicURL = st.Path(sec.Path, p.Loc)
			}
		}
		if m.Email != "" {
			subject := "Re: your message"
			if row.Headline != "" {
				subject += " about \"" + row.Headline + "\""
			}
			row.ReplyURL = replyURL(m.Email, subject)
		}
		if n := len(p.Messages); n > 0 {
			p.Messages[n-1].Next = m.ID
		}
		p.Messages = append(p.Messages, row)
	}
	if query.Offset+len(list) < total {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(query.Offset+len(list)))
		p.Next = "/newsroom/letters?" + v.Encode()
	}
	return s.render(w, http.StatusOK, "letters", p)
}
