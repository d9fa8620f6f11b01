package api

import (
	"net/http"
	"strconv"
	"time"

	"dateline/internal/audit"
	"dateline/internal/desk"
	"dateline/internal/letters"
	"dateline/internal/section"
	"dateline/internal/web"
)

// frontSection resolves {section}: "home" or a section path with "~" for "/" is not
// needed; subsections are addressed by id.
func (s *Server) frontSection(r *http.Request) (int64, error) {
	v := r.PathValue("section")
	if v == "home" {
		return 0, nil
	}
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return 0, err
	}
	tree := section.NewTree(secs)
	if sec, ok := tree.ByPath(v); ok {
		return sec.ID, nil
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil {
		if sec, ok := tree.ByID(id); ok {
			return sec.ID, nil
		}
	}
	return 0, &web.Error{Status: http.StatusNotFound, Public: "no such front: use home, a section slug or a section id"}
}

func (s *Server) frontShow(w http.ResponseWriter, r *http.Request) error {
	id, err := s.frontSection(r)
	if err != nil {
		return err
	}
	ids, err := s.store.FrontIDs(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"story_ids": nonNil(ids)})
}

func (s *Server) frontUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := s.frontSection(r)
	if err != nil {
		return err
	}
	var in struct {
		StoryIDs []int64 `json:"story_ids"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.desk.SetFront(r.Context(), actor(r), id, in.StoryIDs); err != nil {
		return err
	}
	ids, err := s.store.FrontIDs(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"story_ids": nonNil(ids)})
}

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
		out = append(out, messageJSON{m.ID, m.StoryID, m.Kind, m.Name, m.Place, m.Email, m.Text, m.State, m.Edited, m.CreatedAt})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"messages": out, "total": total})
}

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
	if !in.To.Valid() {
		return desk.FieldErrors{"to": "one of pending, published, featured, rejected, spam, archived"}
	}
	if err := s.store.SetMessageState(r.Context(), id, in.To, in.Rank); err != nil {
		return err
	}
	a := actor(r)
	if err := s.store.AddAudit(r.Context(), audit.Entry{At: s.now(), PersonID: a.Person.ID, Action: "message." + string(in.To),
		Detail: "message " + strconv.FormatInt(id, 10), IP: a.IP}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"id": id, "state": in.To})
}
