package api

import (
	"net/http"
	"time"

	"dateline/internal/desk"
	"dateline/internal/story"
)

func (s *Server) storyTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		To story.State `json:"to"`
		At string      `json:"at"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var at time.Time
	if in.At != "" {
		if at, err = time.Parse(time.RFC3339, in.At); err != nil {
			return desk.FieldErrors{"at": "an RFC 3339 time, e.g. 2026-12-01T09:00:00-05:00"}
		}
	} else if in.To == story.StateScheduled {
		return desk.FieldErrors{"at": "required to schedule"}
	}
	st, err := s.desk.Transition(r.Context(), actor(r), id, in.To, at)
	if err != nil {
		return err
	}
	return s.writeStory(w, r, http.StatusOK, st)
}
