package api

import (
	"net/http"
	"strconv"

	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web"
)

// storyList lists stories in any state: ?state=, ?section=, ?q= (headline), ?cursor=.
func (s *Server) storyList(w http.ResponseWriter, r *http.Request) error {
	q := story.Query{AnyState: true, Limit: 50, State: story.State(r.URL.Query().Get("state")), Headline: r.URL.Query().Get("q"),
		Trashed: r.URL.Query().Get("trashed") == "true"}
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
