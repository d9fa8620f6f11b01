package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"dateline/internal/desk"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web"
)

// storyJSON is a story as the Admin API shows it.
type storyJSON struct {
	ID           int64        `json:"id"`
	Headline     string       `json:"headline"`
	Dek          string       `json:"dek"`
	Slug         string       `json:"slug"`
	Language     string       `json:"language"`
	Section      string       `json:"section"`
	Topics       []string     `json:"topics"`
	DatelineCity string       `json:"dateline_city"`
	BureauID     int64        `json:"bureau_id"`
	AuthorIDs    []int64      `json:"author_ids"`
	Body         string       `json:"body_markdown,omitempty"`
	LeadMediaID  int64        `json:"lead_media_id"`
	CreditLine   string       `json:"credit_line"`
	RelatedIDs   []int64      `json:"related_ids"`
	RelatedSites []story.Link `json:"related_sites"`
	CommentsOpen bool         `json:"comments_open"`
	State        story.State  `json:"state"`
	Version      int          `json:"version"`
	URL          string       `json:"url,omitempty"`
	PublishedAt  *time.Time   `json:"published_at"`
	UpdatedAt    *time.Time   `json:"updated_at"`
	ScheduledAt  *time.Time   `json:"scheduled_at"`
	Notes        []noteJSON   `json:"notes"`
	CreatedAt    time.Time    `json:"created_at"`
	ModifiedAt   time.Time    `json:"modified_at"`
}

type noteJSON struct {
	Kind story.NoteKind `json:"kind"`
	Text string         `json:"text"`
	At   time.Time      `json:"at"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// view builds the JSON of stories; the public URL appears once a story is published.
func (s *Server) view(ctx context.Context, list ...story.Story) ([]storyJSON, error) {
	site, err := s.store.Site(ctx)
	if err != nil {
		return nil, err
	}
	secs, err := s.store.Sections(ctx)
	if err != nil {
		return nil, err
	}
	tree := section.NewTree(secs)
	out := make([]storyJSON, 0, len(list))
	for _, st := range list {
		sec, _ := tree.ByID(st.SectionID)
		v := storyJSON{ID: st.ID, Headline: st.Headline, Dek: st.Dek, Slug: st.Slug, Language: st.Language, Section: sec.Path,
			Topics: []string{}, DatelineCity: st.DatelineCity, BureauID: st.BureauID, AuthorIDs: nonNil(st.AuthorIDs),
			Body: st.BodyMarkdown, LeadMediaID: st.LeadMediaID, CreditLine: st.CreditLine, RelatedIDs: nonNil(st.RelatedIDs),
			RelatedSites: st.RelatedSites, CommentsOpen: st.CommentsOpen, State: st.State, Version: st.Version,
			PublishedAt: timePtr(st.PublishedAt), UpdatedAt: timePtr(st.UpdatedAt), ScheduledAt: timePtr(st.ScheduledAt),
			Notes: []noteJSON{}, CreatedAt: st.CreatedAt, ModifiedAt: st.ModifiedAt}
		if v.RelatedSites == nil {
			v.RelatedSites = []story.Link{}
		}
		if st.Visible() {
			v.URL = site.BaseURL + st.Path(sec.Path, site.Location())
		}
		topics, err := s.store.TopicsByID(ctx, st.TopicIDs)
		if err != nil {
			return nil, err
		}
		for _, t := range topics {
			v.Topics = append(v.Topics, t.Slug)
		}
		for _, n := range st.Notes {
			v.Notes = append(v.Notes, noteJSON{Kind: n.Kind, Text: n.Text, At: n.At})
		}
		out = append(out, v)
	}
	return out, nil
}

func nonNil(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

func (s *Server) writeStory(w http.ResponseWriter, r *http.Request, status int, st story.Story) error {
	v, err := s.view(r.Context(), st)
	if err != nil {
		return err
	}
	return writeJSON(w, status, v[0])
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &web.Error{Status: http.StatusNotFound, Public: "no such id"}
	}
	return id, nil
}

// storyList lists stories in any state: ?state=, ?section=, ?q= (headline), ?cursor=.
func (s *Server) storyList(w http.ResponseWriter, r *http.Request) error {
	q := story.Query{AnyState: true, Limit: 50, State: story.State(r.URL.Query().Get("state")), Headline: r.URL.Query().Get("q")}
	if q.State != "" && !q.State.Valid() {
		return &web.Error{Status: http.StatusBadRequest, Public: "unknown state " + strconv.Quote(string(q.State))}
	}
	if path := r.URL.Query().Get("section"); path != "" {
		secs, err := s.store.Sections(r.Context())
		if err != nil {
			return err
		}
		sec, ok := section.NewTree(secs).ByPath(path)
		if !ok {
			return &web.Error{Status: http.StatusBadRequest, Public: "unknown section " + strconv.Quote(path)}
		}
		q.SectionID = sec.ID
	}
	if c := r.URL.Query().Get("cursor"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 {
			return &web.Error{Status: http.StatusBadRequest, Public: "bad cursor"}
		}
		q.Offset = n
	}
	list, total, err := s.store.Stories(r.Context(), q)
	if err != nil {
		return err
	}
	views, err := s.view(r.Context(), list...)
	if err != nil {
		return err
	}
	next := ""
	if q.Offset+len(list) < total {
		next = strconv.Itoa(q.Offset + len(list))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"stories": views, "next_cursor": next, "total": total})
}

func (s *Server) storyCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		desk.StoryInput
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	st, err := s.desk.Create(r.Context(), actor(r), in.StoryInput)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusCreated, st)
}

func (s *Server) storyShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	st, err := s.desk.Story(r.Context(), actor(r), id)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}

func (s *Server) storyUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		desk.StoryInput
		Version *int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version == nil {
		return desk.FieldErrors{"version": "send the version you edited, from the last GET"}
	}
	st, err := s.desk.Update(r.Context(), actor(r), id, *in.Version, in.StoryInput)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}

func (s *Server) storyTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		To story.State `json:"to"`
		At string      `json:"at"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var at time.Time
	if in.At != "" {
		if at, err = time.Parse(time.RFC3339, in.At); err != nil {
			return desk.FieldErrors{"at": "an RFC 3339 time, e.g. 2026-12-01T09:00:00-05:00"}
		}
	} else if in.To == story.StateScheduled {
		return desk.FieldErrors{"at": "required to schedule"}
	}
	st, err := s.desk.Transition(r.Context(), actor(r), id, in.To, at)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}

func (s *Server) storyNote(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Kind story.NoteKind `json:"kind"`
		Text string         `json:"text"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	st, err := s.desk.AddNote(r.Context(), actor(r), id, in.Kind, in.Text)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}

func (s *Server) storyRevisions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.desk.Story(r.Context(), actor(r), id); err != nil {
		return err
	}
	revs, err := s.store.Revisions(r.Context(), id)
	if err != nil {
		return err
	}
	type revJSON struct {
		Version  int         `json:"version"`
		Headline string      `json:"headline"`
		Dek      string      `json:"dek"`
		Body     string      `json:"body_markdown"`
		State    story.State `json:"state"`
		SavedBy  int64       `json:"saved_by"`
		SavedAt  time.Time   `json:"saved_at"`
	}
	out := []revJSON{}
	for _, v := range revs {
		out = append(out, revJSON{v.Version, v.Headline, v.Dek, v.Body, v.State, v.SavedBy, v.SavedAt})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"revisions": out})
}
