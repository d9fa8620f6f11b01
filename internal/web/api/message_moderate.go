package api

import (
	"net/http"

	"dateline/internal/letters"
)

func (s *Server) messageModerate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		To   letters.State `json:"to"`
		Rank int           `json:"rank"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := s.desk.Moderate(r.Context(), actor(r), []int64{id}, "", in.To, in.Rank); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"id": id, "state": in.To})
}
