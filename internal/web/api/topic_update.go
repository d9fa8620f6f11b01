package api

import (
	"net/http"

	"dateline/internal/section"
)

func (s *Server) topicUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in topicJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t := section.Topic{ID: id, Slug: in.Slug, Name: in.Name}
	if err := s.desk.RenameTopic(r.Context(), actor(r), t); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, topicJSON(t))
}
