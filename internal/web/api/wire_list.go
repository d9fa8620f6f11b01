package api

import (
	"net/http"
	"strconv"

	"dateline/internal/web"
	"dateline/internal/wire"
)

// wireList lists the wire queue, newest first: ?agency=, ?kind=, ?urgency= (at most),
// ?q= (headline words), ?cursor=.
func (s *Server) wireList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := wire.Filter{Agency: q.Get("agency"), Kind: wire.Kind(q.Get("kind")), Query: q.Get("q"), Limit: 50}
	switch f.Kind {
	case "", wire.KindText, wire.KindPicture, wire.KindPackage:
	default:
		return &web.Error{Status: http.StatusBadRequest, Public: "kind must be text, picture or package"}
	}
	for name, dst := range map[string]*int{"urgency": &f.MaxUrgency, "cursor": &f.Offset} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return &web.Error{Status: http.StatusBadRequest, Public: "bad " + name}
			}
			*dst = n
		}
	}
	list, err := s.store.WireEntries(r.Context(), f)
	if err != nil {
		return err
	}
	views := []wireView{}
	for _, e := range list {
		views = append(views, viewWire(e))
	}
	next := ""
	if len(list) == f.Limit {
		next = strconv.Itoa(f.Offset + len(list))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": views, "next_cursor": next})
}
