package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/section"
)

// topicSave renames a topic, or merges it into another when "merge_into" is chosen.
func (s *Server) topicSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if into, _ := strconv.ParseInt(r.PostFormValue("merge_into"), 10, 64); into != 0 {
		if err := s.desk.MergeTopics(r.Context(), s.actor(r), id, into); err != nil {
			return notSaved(err)
		}
		return done(w, r, "/newsroom/settings", "Topics merged")
	}
	t := section.Topic{ID: id, Name: strings.TrimSpace(r.PostFormValue("name")), Slug: strings.TrimSpace(r.PostFormValue("slug"))}
	if err := s.desk.RenameTopic(r.Context(), s.actor(r), t); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/settings", "Topic saved")
}
