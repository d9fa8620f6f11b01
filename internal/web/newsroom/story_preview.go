package newsroom

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/story"
)

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
