package api

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/letters"
	"dateline/internal/web"
)

type messageJSON struct {
	ID        int64         `json:"id"`
	StoryID   int64         `json:"story_id"`
	Kind      letters.Kind  `json:"kind"`
	Name      string        `json:"name"`
	Place     string        `json:"place"`
	Email     string        `json:"email"`
	Text      string        `json:"text"`
	State     letters.State `json:"state"`
	Edited    bool          `json:"edited"`
	CreatedAt time.Time     `json:"created_at"`
	InReplyTo int64         `json:"in_reply_to,omitempty"` // the message this one answers
}

func (s *Server) messageList(w http.ResponseWriter, r *http.Request) error {
	q := letters.Query{State: letters.State(r.URL.Query().Get("state")), Kind: letters.Kind(r.URL.Query().Get("kind")), Limit: 100}
	if q.State != "" && !q.State.Valid() {
		return &web.Error{Status: http.StatusBadRequest, Public: "unknown state"}
	}
	if q.Kind != "" && !q.Kind.Valid() {
		return &web.Error{Status: http.StatusBadRequest, Public: "unknown kind"}
	}
	if v := r.URL.Query().Get("story"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return &web.Error{Status: http.StatusBadRequest, Public: "story must be a story id"}
		}
		q.StoryID = id
	}
	list, total, err := s.store.Messages(r.Context(), q)
	if err != nil {
		return err
	}
	out := []messageJSON{}
	for _, m := range list {
		out = append(out, messageJSON{m.ID, m.StoryID, m.Kind, m.Name, m.Place, m.Email, m.Text, m.State, m.Edited, m.CreatedAt, m.InReplyTo})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"messages": out, "total": total})
}
