package newsroom

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/render"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web"
	"dateline/internal/wire"
)

type wirePage struct {
	page
	Entries  []wire.Entry
	Flags    []wire.Flag
	Feeds    []ingest.Status
	Agencies []string
	Filter   wire.Filter
	Hours    int
	Prev     string
	Next     string
}

// wireQueue lists the wire queue, newest first, with the stories the agencies have
// since changed or withdrawn at the top.
func (s *Server) wireQueue(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := wire.Filter{Agency: q.Get("agency"), Kind: wire.Kind(q.Get("kind")), Query: strings.TrimSpace(q.Get("q")), Limit: 50}
	f.MaxUrgency, _ = strconv.Atoi(q.Get("urgency"))
	hours, _ := strconv.Atoi(q.Get("hours"))
	if hours > 0 {
		f.Since = s.now().Add(-time.Duration(hours) * time.Hour)
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	f.Offset = max(offset, 0)
	p := wirePage{page: s.base(r, "Wire"), Filter: f, Hours: hours}
	var err error
	if p.Entries, err = s.store.WireEntries(ctx, f); err != nil {
		return err
	}
	if p.Flags, err = s.store.WireFlags(ctx); err != nil {
		return err
	}
	if p.Agencies, err = s.store.WireAgencies(ctx); err != nil {
		return err
	}
	if s.feeds != nil {
		p.Feeds = s.feeds()
	}
	link := func(off int) string {
		v := r.URL.Query()
		v.Set("offset", strconv.Itoa(off))
		return "/newsroom/wire?" + v.Encode()
	}
	if len(p.Entries) == f.Limit {
		p.Next = link(f.Offset + f.Limit)
	}
	if f.Offset > 0 {
		p.Prev = link(max(0, f.Offset-f.Limit))
	}
	return s.render(w, http.StatusOK, "wire", p)
}

type wireItemPage struct {
	page
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
	p := wireItemPage{page: s.base(r, "Wire: "+e.Item.Headline), Entry: e}
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

// wirePhoto adds a wire photo to the photo library.
func (s *Server) wirePhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.desk.AddWirePhoto(r.Context(), s.actor(r), id)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The photo was not added: " + strings.Join(values(fe), "; "), Err: err}
	}
	var pe *desk.PhotoError
	if errors.As(err, &pe) {
		return &web.Error{Status: http.StatusBadGateway, Public: "The photo could not be fetched from the agency: " + err.Error(), Err: err}
	}
	if err != nil {
		return err
	}
	done := "Photo " + strconv.FormatInt(m.ID, 10) + " added to the library; choose it as a story's lead photo by its number."
	http.Redirect(w, r, "/newsroom/wire/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
	return nil
}

// storyWireUpdate takes the agency's newer copy into a story, or marks it checked.
func (s *Server) storyWireUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	replace := r.PostFormValue("action") == "take"
	if _, err := s.desk.TakeWireUpdate(r.Context(), s.actor(r), id, version, replace); err != nil {
		return err
	}
	done := "Marked the wire update as checked"
	if replace {
		done = "Took the agency's new copy"
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(done), http.StatusSeeOther)
	return nil
}

// wireNotice is what the story editor shows about a story made from wire copy.
type wireNotice struct {
	Entry     wire.Entry
	Withdrawn bool
	AsIs      bool
	Update    bool // a newer version than the story's
	Used      int
	Headline  []diffLine
	Diff      []diffLine
}

// wireNoticeFor compares a story with its wire item; nil when it has none.
func (s *Server) wireNoticeFor(r *http.Request, st story.Story) (*wireNotice, error) {
	if st.Source.ItemID == "" {
		return nil, nil
	}
	ctx := r.Context()
	e, err := s.store.WireEntryByKey(ctx, st.Source.Agency, st.Source.ItemID)
	if errors.Is(err, wire.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	n := &wireNotice{Entry: e, Withdrawn: e.Withdrawn(), Update: e.Item.Version > st.Source.Version, Used: st.Source.Version}
	use, err := s.store.WireUseOfStory(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	n.AsIs = use.AsIs
	if n.Update {
		old, err := s.store.WireVersion(ctx, e.ID, st.Source.Version)
		if err != nil && !errors.Is(err, wire.ErrNotFound) {
			return nil, err
		}
		n.Headline = lineDiff(old.Headline, e.Item.Headline)
		n.Diff = lineDiff(old.Markdown(), e.Item.Markdown())
	}
	return n, nil
}
