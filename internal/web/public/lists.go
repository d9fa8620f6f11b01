package public

import (
	"net/http"

	"dateline/internal/media"
	"dateline/internal/story"
)

// storyList runs q for the page the request names and returns its cards and pager.
func (s *Server) storyList(r *http.Request, c chrome, q story.Query, path string) ([]card, pager, error) {
	page := pageNumber(r, "page")
	q.Limit, q.Offset = pageSize, (page-1)*pageSize
	list, total, err := s.store.Stories(r.Context(), q)
	if err != nil {
		return nil, pager{}, err
	}
	p, err := newPager("pages", path, "page", page, total, pageSize)
	if err != nil {
		return nil, pager{}, err
	}
	cards := c.cards(list)
	if err := s.cardPhotos(r, cards, list); err != nil {
		return nil, pager{}, err
	}
	return cards, p, s.countComments(r, cards, list)
}

// cardPhotos puts each story's lead photo, cut to 16:9 around its focal point, on
// its card, reading the photos in one statement.
func (s *Server) cardPhotos(r *http.Request, cards []card, list []story.Story) error {
	var ids []int64
	for _, st := range list {
		if st.LeadMediaID != 0 {
			ids = append(ids, st.LeadMediaID)
		}
	}
	photos, err := s.store.MediaByIDs(r.Context(), ids)
	if err != nil {
		return err
	}
	for i, st := range list {
		if m, ok := photos[st.LeadMediaID]; ok {
			cards[i].Photo = newCropPhoto(m, media.Ratios[0])
			cards[i].Photo.Alt = "" // the card's headline says what the photo is about
		}
	}
	return nil
}

// countComments puts each story's published comment count on its card.
func (s *Server) countComments(r *http.Request, cards []card, list []story.Story) error {
	ids := make([]int64, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	counts, err := s.store.CommentCounts(r.Context(), ids)
	if err != nil {
		return err
	}
	for i, st := range list {
		cards[i].Comments = counts[st.ID]
	}
	return nil
}
