package api

import (
	"net/http"
	"strconv"

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
