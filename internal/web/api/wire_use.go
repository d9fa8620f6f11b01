package api

import (
	"net/http"
	"strconv"
)

// wireUse makes a story from a queue item: {"section": "world", "as_is": false}.
func (s *Server) wireUse(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Section string `json:"section"`
		AsIs    bool   `json:"as_is"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	used, err := s.desk.UseWire(r.Context(), actor(r), id, in.Section, in.AsIs)
	if err != nil {
		return err
	}
	if used.PhotoNote != "" {
		w.Header().Set("Warning", "299 - "+strconv.QuoteToASCII(used.PhotoNote)) // the story was made; its photo was not
	}
	return s.writeStory(w, r, http.StatusCreated, used.Story)
}
