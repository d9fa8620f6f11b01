package newsroom

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/desk"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web"
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

func (s *Server) tree(r *http.Request) (*section.Tree, error) {
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return nil, err
	}
	return section.NewTree(secs), nil
}

// editPage is the story editor.
type editPage struct {
	page
	New       bool
	Story     story.Story
	Form      formValues
	Errors    desk.FieldErrors
	Conflict  *conflictView
	Sections  []section.Section
	Bureaus   []people.Bureau
	People    []people.Person
	Photo     *media.Media
	PhotoURL  string
	CanEdit   bool
	Moves     []story.State
	Words     int
	Related   []story.Story
	Find      string
	Found     []story.Story
	Autosaved string
	PublicURL string
	Wire      *wireNotice // the agency's later word on a story made from wire copy
}

type conflictView struct {
	SavedVersion int
	Diff         []diffLine
}

func (s *Server) editor(r *http.Request, p editPage) (editPage, error) {
	ctx := r.Context()
	var err error
	if p.Sections, err = s.store.Sections(ctx); err != nil {
		return p, err
	}
	if p.Bureaus, err = s.store.Bureaus(ctx); err != nil {
		return p, err
	}
	if p.People, err = s.store.People(ctx); err != nil {
		return p, err
	}
	if p.Form.LeadMediaID != 0 {
		if m, err := s.store.MediaByID(ctx, p.Form.LeadMediaID); err == nil {
			p.Photo = &m
			p.PhotoURL = "/newsroom/media/" + strconv.FormatInt(m.ID, 10) + "/" + m.FileName[strings.LastIndexByte(m.FileName, '/')+1:]
		}
	}
	p.Words = len(strings.Fields(p.Form.Body))
	if p.Story.ID != 0 {
		p.Moves = desk.Moves(current(r).person, p.Story)
		p.Related, _ = s.store.StoriesByID(ctx, p.Story.RelatedIDs)
		if p.Wire, err = s.wireNoticeFor(r, p.Story); err != nil {
			return p, err
		}
		if p.Story.Visible() {
			tree := section.NewTree(p.Sections)
			sec, _ := tree.ByID(p.Story.SectionID)
			p.PublicURL = p.Story.Path(sec.Path, p.Loc)
		}
	}
	if p.Find = strings.TrimSpace(r.URL.Query().Get("find")); p.Find != "" {
		p.Found, _, err = s.store.Stories(ctx, story.Query{Headline: p.Find, Limit: 10})
		if err != nil {
			return p, err
		}
	}
	if p.Errors == nil {
		p.Errors = desk.FieldErrors{}
	}
	return p, nil
}

func (s *Server) storyNew(w http.ResponseWriter, r *http.Request) error {
	p := editPage{page: s.base(r, "New story"), New: true, CanEdit: true,
		Form: formValues{
			CommentsOpen: true,
			Language:     current(r).site.Language,
			AuthorIDs:    []int64{current(r).person.ID},
			Sites:        make([]story.Link, siteRows),
		}}
	if saved, at, err := s.store.Autosave(r.Context(), current(r).person.ID, 0); err == nil {
		if r.URL.Query().Get("autosave") == "1" {
			_ = json.Unmarshal([]byte(saved), &p.Form) // our own JSON; a damaged slot shows the form as it was
		} else {
			p.Autosaved = at.In(p.Loc).Format("January 2, 3:04 p.m.")
		}
	}
	p, err := s.editor(r, p)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "edit", p)
}

// storyCreate files a new draft from the editor form.
func (s *Server) storyCreate(w http.ResponseWriter, r *http.Request) error {
	f, bad := readForm(r)
	if err := s.attachPhoto(r, &f, bad); err != nil {
		return err
	}
	in, inBad := f.input()
	for k, v := range inBad {
		bad[k] = v
	}
	if len(bad) > 0 {
		return s.editAgain(w, r, editPage{page: s.base(r, "New story"), New: true, CanEdit: true, Form: f, Errors: bad})
	}
	st, err := s.desk.Create(r.Context(), s.actor(r), in)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		return s.editAgain(w, r, editPage{page: s.base(r, "New story"), New: true, CanEdit: true, Form: f, Errors: fe})
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/stories/"+strconv.FormatInt(st.ID, 10)+"?done=Story+created", http.StatusSeeOther)
	return nil
}

// attachPhoto stores a photo sent with the editor form and points the form at it.
func (s *Server) attachPhoto(r *http.Request, f *formValues, bad desk.FieldErrors) error {
	if r.MultipartForm == nil || len(r.MultipartForm.File["photo"]) == 0 || r.MultipartForm.File["photo"][0].Size == 0 {
		return nil
	}
	file, err := r.MultipartForm.File["photo"][0].Open()
	if err != nil {
		return err
	}
	defer file.Close()
	m, err := s.desk.AddPhoto(r.Context(), s.actor(r), desk.Upload{Body: file, Alt: r.PostFormValue("photo_alt"),
		Caption: r.PostFormValue("photo_caption"), Credit: r.PostFormValue("photo_credit")})
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		for k, v := range fe {
			bad["photo_"+k] = v
		}
		return nil
	}
	if err != nil {
		return err
	}
	f.LeadMediaID = m.ID
	return nil
}

func (s *Server) editAgain(w http.ResponseWriter, r *http.Request, p editPage) error {
	p, err := s.editor(r, p)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusUnprocessableEntity, "edit", p)
}

// pathID is the {id} in the request path; anything but a positive number is not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, web.ErrNotFound
	}
	return id, nil
}

func (s *Server) loadStory(r *http.Request) (story.Story, error) {
	id, err := pathID(r)
	if err != nil {
		return story.Story{}, err
	}
	return s.desk.Story(r.Context(), s.actor(r), id)
}

func (s *Server) storyEdit(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	tree, err := s.tree(r)
	if err != nil {
		return err
	}
	sec, _ := tree.ByID(st.SectionID)
	f, err := s.valuesOf(r, st, sec.Path)
	if err != nil {
		return err
	}
	p := editPage{page: s.base(r, st.Headline), Story: st, Form: f, CanEdit: desk.CanEdit(current(r).person, st)}
	if saved, at, err := s.store.Autosave(r.Context(), current(r).person.ID, st.ID); err == nil && at.After(st.ModifiedAt) {
		if r.URL.Query().Get("autosave") == "1" {
			_ = json.Unmarshal([]byte(saved), &p.Form) // our own JSON; a damaged slot shows the form as it was
			p.Form.Version = st.Version
		} else {
			p.Autosaved = at.In(p.Loc).Format("January 2, 3:04 p.m.")
		}
	}
	if p, err = s.editor(r, p); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "edit", p)
}

// storySave saves the editor form at the version it was loaded from. If someone
// saved in between, nothing is saved: the form comes back with the person's text,
// a conflict notice and the difference from the saved text.
func (s *Server) storySave(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	f, bad := readForm(r)
	if err := s.attachPhoto(r, &f, bad); err != nil {
		return err
	}
	in, inBad := f.input()
	for k, v := range inBad {
		bad[k] = v
	}
	p := editPage{page: s.base(r, st.Headline), Story: st, Form: f, CanEdit: desk.CanEdit(current(r).person, st)}
	if len(bad) > 0 {
		p.Errors = bad
		return s.editAgain(w, r, p)
	}
	saved, err := s.desk.Update(r.Context(), s.actor(r), st.ID, f.Version, in)
	var fe desk.FieldErrors
	switch {
	case errors.As(err, &fe):
		p.Errors = fe
		return s.editAgain(w, r, p)
	case errors.Is(err, story.ErrConflict):
		p.Conflict = &conflictView{SavedVersion: st.Version, Diff: lineDiff(st.BodyMarkdown, f.Body)}
		p, err = s.editor(r, p)
		if err != nil {
			return err
		}
		return s.render(w, http.StatusConflict, "edit", p)
	case err != nil:
		return err
	}
	http.Redirect(
		w,
		r,
		"/newsroom/stories/"+strconv.FormatInt(saved.ID, 10)+"?done=Saved+version+"+strconv.Itoa(saved.Version),
		http.StatusSeeOther,
	)
	return nil
}

// storyAutosave keeps the form in the person's autosave slot: no revision, no version check.
func (s *Server) storyAutosave(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 0 {
		return web.ErrNotFound
	}
	f, _ := readForm(r)
	if err := s.desk.Autosave(r.Context(), s.actor(r), id, f.json()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	_, err = w.Write([]byte(`{"saved_at":"` + s.now().UTC().Format(time.RFC3339) + `"}`))
	return err
}

// storyPreview renders the editor form as the public page would show it.
func (s *Server) storyPreview(w http.ResponseWriter, r *http.Request) error {
	f, _ := readForm(r)
	tree, err := s.tree(r)
	if err != nil {
		return err
	}
	st := story.Story{ID: -1, Headline: f.Headline, Dek: f.Dek, Slug: "preview", DatelineCity: f.DatelineCity, BureauID: f.BureauID,
		AuthorIDs: f.AuthorIDs, BodyMarkdown: f.Body, LeadMediaID: f.LeadMediaID, CreditLine: f.CreditLine, CommentsOpen: f.CommentsOpen,
		Language: cmp.Or(strings.TrimSpace(f.Language), "en")}
	if sec, ok := tree.ByPath(strings.Trim(f.Section, "/")); ok {
		st.SectionID = sec.ID
	}
	for _, l := range f.Sites {
		if l.Validate() == nil {
			st.RelatedSites = append(st.RelatedSites, l)
		}
	}
	if id, err := strconv.ParseInt(r.PostFormValue("story_id"), 10, 64); err == nil && id > 0 {
		if stored, err := s.store.StoryByID(r.Context(), id); err == nil {
			st.ID, st.PublishedAt, st.UpdatedAt, st.ScheduledAt, st.Notes, st.RelatedIDs, st.TopicIDs =
				stored.ID, stored.PublishedAt, stored.UpdatedAt, stored.ScheduledAt, stored.Notes, stored.RelatedIDs, stored.TopicIDs
		}
	}
	html, err := s.preview.Preview(r.Context(), st)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = w.Write(html)
	return err
}

// mediaShow serves any photo to signed-in staff, published or not.
func (s *Server) mediaShow(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return web.ErrNotFound
	}
	m, err := s.store.MediaByID(r.Context(), id)
	if err != nil {
		return err
	}
	return web.ServeMedia(w, r, s.blobs, m, "private, no-store")
}
