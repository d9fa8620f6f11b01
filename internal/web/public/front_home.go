package public

import (
	"errors"
	"net/http"
	"slices"

	"dateline/internal/media"
	"dateline/internal/story"
)

// homeFront shows the editors' top stories, then the latest stories.
func (s *Server) homeFront(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	c.Canonical = c.canonical("/")
	c.Description = c.Site.Tagline
	page := listPage{chrome: c, Heading: c.Site.Name, HideHeading: true, ListHeading: c.l.T("latest_news")}
	latest, pg, err := s.storyList(r, c, story.Query{}, "/")
	if err != nil {
		return err
	}
	page.Pager = pg
	page.Stories = latest
	if pg.Page == 1 {
		if err := s.topStories(r, c, 0, &page); err != nil {
			return err
		}
	}
	return s.html(w, "front", page)
}

// topStories puts a front's editor-chosen stories on top, with photos, and takes
// them out of the latest list below.
func (s *Server) topStories(r *http.Request, c chrome, sectionID int64, page *listPage) error {
	top, err := s.store.FrontStories(r.Context(), sectionID)
	if err != nil {
		return err
	}
	page.Top = c.cards(top)
	if err := s.countComments(r, page.Top, top); err != nil {
		return err
	}
	for i, st := range top {
		if page.Top[i].Photo, err = s.cardPhoto(r, st); err != nil {
			return err
		}
	}
	page.Stories = slices.DeleteFunc(page.Stories, func(l card) bool {
		return slices.ContainsFunc(page.Top, func(t card) bool { return t.URL == l.URL })
	})
	return nil
}

// cardPhoto is a story's lead photo for a front's card, if it has one.
func (s *Server) cardPhoto(r *http.Request, st story.Story) (*photo, error) {
	if st.LeadMediaID == 0 {
		return nil, nil
	}
	m, err := s.store.MediaByID(r.Context(), st.LeadMediaID)
	if errors.Is(err, media.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := newCropPhoto(m, media.Ratios[0]) // cards are 16:9, cut around the photo's focal point
	p.Alt = ""                            // the card's headline says what the photo is about
	return p, nil
}
