package newsroom

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"dateline/internal/letters"
)

// readerExport answers an access request: everything stored about one reader (by
// email), their messages with times and states, as a JSON file to send them.
func (s *Server) readerExport(w http.ResponseWriter, r *http.Request) error {
	email := strings.TrimSpace(r.URL.Query().Get("email"))
	list, err := s.desk.ExportReader(r.Context(), s.actor(r), email)
	if err != nil {
		return notSaved(err)
	}
	type message struct {
		ID        int64         `json:"id"`
		StoryID   int64         `json:"story_id,omitempty"`
		Kind      letters.Kind  `json:"kind"`
		Name      string        `json:"name"`
		Place     string        `json:"place"`
		Email     string        `json:"email"`
		Text      string        `json:"text"`
		State     letters.State `json:"state"`
		Edited    bool          `json:"edited"`
		HasIPHash bool          `json:"address_hash_kept"`
		SentAt    time.Time     `json:"sent_at"`
	}
	out := struct {
		Email      string    `json:"email"`
		ExportedAt time.Time `json:"exported_at"`
		Messages   []message `json:"messages"`
	}{Email: email, ExportedAt: s.now().UTC(), Messages: []message{}}
	for _, m := range list {
		out.Messages = append(out.Messages, message{m.ID, m.StoryID, m.Kind, m.Name, m.Place, m.Email, m.Text, m.State, m.Edited,
			m.IPHash != "", m.CreatedAt})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="reader-data.json"`)
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
