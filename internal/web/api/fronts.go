package api

import (
	"net/http"
	"strconv"

	"dateline/internal/section"
	"dateline/internal/story"
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
	return s.writeFront(w, r, id)
}

// writeFront answers with a front's order and version: a client that sends the
// version back with its order gets a conflict if someone ordered it meanwhile.
func (s *Server) writeFront(w http.ResponseWriter, r *http.Request, id int64) error {
	ids, err := s.store.FrontIDs(r.Context(), id)
	if err != nil {
		return err
	}
	version, err := s.store.FrontVersion(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"story_ids": nonNil(ids), "version": version})
}

func (s *Server) frontUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := s.frontSection(r)
	if err != nil {
		return err
	}
	var in struct {
		StoryIDs []int64 `json:"story_ids"`
		Version  *int64  `json:"version"` // optional: without it the order replaces whatever is there
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	version := story.AnyFrontVersion
	if in.Version != nil {
		version = *in.Version
	}
	if err := s.desk.SetFront(r.Context(), actor(r), id, in.StoryIDs, version); err != nil {
		return err
	}
	return s.writeFront(w, r, id)
}
