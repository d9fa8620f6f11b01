package public

import (
	"net/http"

	"dateline/internal/story"
)

// storyList runs q for the ?page= of the request and returns its cards and pager.
func (s *Server) storyList(r *http.Request, c chrome, q story.Query, path string) ([]card, pager, error) {
	page, err := pageNumber(r.URL.Query(), "page")
	if err != nil {
		return nil, pager{}, err
	}
	q.Limit, q.Offset = pageSize, (page-1)*pageSize
	list, total, err := s.store.Stories(r.Context(), q)
	if err != nil {
		return nil, pager{}, err
	}
	p, err := newPager("Pages", path, "page", page, total, pageSize)
	if err != nil {
		return nil, pager{}, err
	}
	return c.cards(list), p, nil
}
