package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/story"
)

type frontsPage struct {
	page
	Fronts []frontView
	Latest []story.Story
}

type frontView struct {
	Key     string // "home" or the section id
	Name    string
	Stories []story.Story
	IDs     string
}

// frontList shows the home front and every section front, each an ordered list of
// story numbers the editors can rewrite, with the latest published stories to pick from.
func (s *Server) frontList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	secs, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	fronts := []frontView{{Key: "home", Name: "Home page"}}
	for _, sec := range secs {
		fronts = append(fronts, frontView{Key: strconv.FormatInt(sec.ID, 10), Name: sec.Name})
	}
	for i := range fronts {
		id, _ := strconv.ParseInt(fronts[i].Key, 10, 64)
		ids, err := s.store.FrontIDs(ctx, id)
		if err != nil {
			return err
		}
		if fronts[i].Stories, err = s.store.StoriesByID(ctx, ids); err != nil {
			return err
		}
		var parts []string
		for _, x := range ids {
			parts = append(parts, strconv.FormatInt(x, 10))
		}
		fronts[i].IDs = strings.Join(parts, ", ")
	}
	latest, _, err := s.store.Stories(ctx, story.Query{Limit: 30})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "fronts", frontsPage{page: s.base(r, "Fronts"), Fronts: fronts, Latest: latest})
}
