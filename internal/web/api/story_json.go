package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

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
	TrashedAt    *time.Time   `json:"trashed_at"`
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
			TrashedAt: timePtr(st.TrashedAt),
			Notes:     []noteJSON{}, CreatedAt: st.CreatedAt, ModifiedAt: st.ModifiedAt}
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
