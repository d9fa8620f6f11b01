package api

import (
	"net/http"
	"strings"
)

// wireShow is one queue item with its copy as Markdown and as received.
func (s *Server) wireShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.store.WireEntry(r.Context(), id)
	if err != nil {
		return err
	}
	v := viewWire(e)
	v.Byline, v.Dateline, v.Body = e.Item.Byline, e.Item.Dateline, e.Item.Markdown()
	v.Raw = strings.ToValidUTF8(string(e.Item.Raw), "\uFFFD")
	return writeJSON(w, http.StatusOK, v)
}
