package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/web"
	"dateline/internal/wire"
)

// wireView is a queue item as the Admin API shows it.
type wireView struct {
	ID       int64     `json:"id"`
	Agency   string    `json:"agency"`
	ItemID   string    `json:"item_id"`
	Version  int       `json:"version"`
	Kind     string    `json:"kind"`
	Status   string    `json:"status"`
	Urgency  int       `json:"urgency"`
	Headline string    `json:"headline"`
	Format   string    `json:"format"`
	Received time.Time `json:"received_at"`
	Changed  time.Time `json:"changed_at"`
	Uses     int       `json:"uses"`
	// Only on a single item:
	Byline   string `json:"byline,omitempty"`
	Dateline string `json:"dateline,omitempty"`
	Body     string `json:"body_markdown,omitempty"`
	Raw      string `json:"raw,omitempty"`
}

func viewWire(e wire.Entry) wireView {
	return wireView{ID: e.ID, Agency: e.Item.Agency, ItemID: e.Item.ID, Version: e.Item.Version, Kind: string(e.Item.Kind),
		Status: string(e.Item.Status), Urgency: e.Item.Urgency, Headline: e.Item.Headline, Format: e.Item.Format,
		Received: e.Received, Changed: e.Changed, Uses: e.Uses}
}

// wireList lists the wire queue, newest first: ?agency=, ?kind=, ?urgency= (at most),
// ?q= (headline words), ?cursor=.
func (s *Server) wireList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := wire.Filter{Agency: q.Get("agency"), Kind: wire.Kind(q.Get("kind")), Query: q.Get("q"), Limit: 50}
	switch f.Kind {
	case "", wire.KindText, wire.KindPicture, wire.KindPackage:
	default:
		return &web.Error{Status: http.StatusBadRequest, Public: "kind must be text, picture or package"}
	}
	for name, dst := range map[string]*int{"urgency": &f.MaxUrgency, "cursor": &f.Offset} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return &web.Error{Status: http.StatusBadRequest, Public: "bad " + name}
			}
			*dst = n
		}
	}
	list, err := s.store.WireEntries(r.Context(), f)
	if err != nil {
		return err
	}
	views := []wireView{}
	for _, e := range list {
		views = append(views, viewWire(e))
	}
	next := ""
	if len(list) == f.Limit {
		next = strconv.Itoa(f.Offset + len(list))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": views, "next_cursor": next})
}

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
