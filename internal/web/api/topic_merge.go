package api

import "net/http"

func (s *Server) topicMerge(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Into int64 `json:"into"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.desk.MergeTopics(r.Context(), actor(r), id, in.Into); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"merged": id, "into": in.Into})
}
