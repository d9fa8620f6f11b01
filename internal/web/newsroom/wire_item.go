package newsroom

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"dateline/internal/render"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/wire"
)

type wireItemPage struct {
	page
	Now      time.Time
	Entry    wire.Entry
	Body     template.HTML
	Photos   []wire.Item
	Raw      string
	Uses     []wireUseRow
	Sections []section.Section
}

type wireUseRow struct {
	wire.Use
	Story story.Story
}

// wireItem previews a queue item as it would read, with the agency's data, its raw
// copy, the stories made from it and the buttons to use it.
func (s *Server) wireItem(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.store.WireEntry(ctx, id)
	if err != nil {
		return err
	}
	p := wireItemPage{page: s.base(r, "Wire: "+e.Item.Headline), Entry: e, Now: s.now()}
	body, err := render.StoryBody(e.Item.Markdown(), "")
	if err != nil {
		return err
	}
	p.Body = body.HTML
	for _, m := range e.Item.Members {
		if m.Kind == wire.KindPicture {
			p.Photos = append(p.Photos, m)
		}
	}
	if e.Item.Kind == wire.KindPicture {
		p.Photos = append(p.Photos, e.Item)
	}
	const rawShown = 200_000
	raw := e.Item.Raw
	if len(raw) > rawShown {
		raw = raw[:rawShown]
	}
	p.Raw = strings.ToValidUTF8(string(raw), "\uFFFD")
	uses, err := s.store.WireUses(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, u := range uses {
		st, err := s.store.StoryByID(ctx, u.StoryID)
		if err != nil {
			return err
		}
		p.Uses = append(p.Uses, wireUseRow{Use: u, Story: st})
	}
	if p.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "wireitem", p)
}
