package public

import (
	"bytes"
	"context"
	"strings"

	"dateline/internal/render"
	"dateline/internal/section"
	"dateline/internal/story"
)

// Preview renders an unpublished story exactly as its public page will look, for the
// newsroom's preview. It never touches the body cache (drafts change every keystroke)
// and never puts anything on a public surface. now stands in for the publication time
// of a story not yet published.
func (s *Server) Preview(ctx context.Context, st story.Story) ([]byte, error) {
	c, err := s.chrome(ctx, "", "")
	if err != nil {
		return nil, err
	}
	// A draft may be filed in a section no published story uses yet: the preview
	// (staff only) knows every section.
	all, err := s.store.Sections(ctx)
	if err != nil {
		return nil, err
	}
	c.tree = section.NewTree(all)
	if st.PublishedAt.IsZero() {
		st.PublishedAt = s.now().UTC()
		if !st.ScheduledAt.IsZero() {
			st.PublishedAt = st.ScheduledAt
		}
	}
	body, err := render.StoryBody(st.BodyMarkdown, render.Dateline(st.DatelineCity, c.Site.ShortName), c.Site.Embeds()...)
	if err != nil {
		return nil, err
	}
	page, err := s.buildStoryPage(ctx, c, st, 1, body, "/newsroom/media/") // a draft's photos are served to staff only
	if err != nil {
		return nil, err
	}
	page.Title = "Preview: " + page.Title
	if page.CommentsOpen {
		page.Letter = newLetterForm(st.ID, storyKinds, "")
	}
	if page.Photo != nil { // a draft's photo is served to staff only
		page.Photo.URL = "/newsroom" + page.Photo.URL
		page.Photo.SrcSet = strings.ReplaceAll(page.Photo.SrcSet, "/media/", "/newsroom/media/")
	}
	var buf bytes.Buffer
	if err := s.theme.Render(&buf, c.lang(), "story", page); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
