package newsroom

import (
	"encoding/json"
	"net/http"
	"strings"

	"dateline/internal/story"
	"dateline/internal/web"
)

// found is one choice a picker offers as the editor types.
type found struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
	Thumb string `json:"thumb,omitempty"`
}

// findJSON answers the pickers' typing (GET /newsroom/find?kind=people|stories|photos&q=)
// with at most ten choices; the same searches back the "Find" buttons that work
// without JavaScript. Labels are text, for the script to put in the page as text.
func (s *Server) findJSON(w http.ResponseWriter, r *http.Request) error {
	q := pickerQuery(r.URL.Query().Get("q"))
	var out []found
	if q != "" {
		switch r.URL.Query().Get("kind") {
		case "people":
			list, err := s.store.People(r.Context())
			if err != nil {
				return err
			}
			for _, p := range list {
				if len(out) < 10 && !p.Disabled && strings.Contains(strings.ToLower(p.Name), strings.ToLower(q)) {
					out = append(out, found{ID: p.ID, Label: p.Name})
				}
			}
		case "stories":
			list, _, err := s.store.Stories(r.Context(), story.Query{Headline: q, Limit: 10})
			if err != nil {
				return err
			}
			for _, st := range list {
				out = append(out, found{ID: st.ID, Label: st.Headline})
			}
		case "photos":
			list, err := s.store.MediaWithUses(r.Context(), q, 10)
			if err != nil {
				return err
			}
			for _, m := range list {
				out = append(out, found{ID: m.ID, Label: firstNonEmpty(m.Caption, m.Alt),
					Thumb: thumbnail(m.Media)})
			}
		default:
			return &web.Error{Status: http.StatusBadRequest, Public: "kind must be people, stories or photos"}
		}
	}
	if out == nil {
		out = []found{}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(out)
}

// pickerQuery is what a picker searches for: trimmed and at most 200 characters,
// whatever was sent.
func pickerQuery(q string) string {
	q = strings.TrimSpace(q)
	if r := []rune(q); len(r) > 200 {
		q = string(r[:200])
	}
	return q
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
