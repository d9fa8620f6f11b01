package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/story"
	"dateline/internal/web"
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

// frontSave replaces a front's order with the story numbers given, in order.
func (s *Server) frontSave(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("section")
	var sectionID int64
	if key != "home" {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return web.ErrNotFound
		}
		sectionID = id
	}
	var ids []int64
	for _, part := range strings.FieldsFunc(r.PostFormValue("ids"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\r' }) {
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil {
			return &web.Error{
				Status: http.StatusUnprocessableEntity,
				Public: "The front was not changed: " + strconv.Quote(part) + " is not a story number.",
			}
		}
		ids = append(ids, id)
	}
	var fe desk.FieldErrors
	if err := s.desk.SetFront(r.Context(), s.actor(r), sectionID, ids); errors.As(err, &fe) {
		return &web.Error{Status: http.StatusUnprocessableEntity, Public: "The front was not changed: " + fe["story_ids"] + ".", Err: err}
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/newsroom/fronts?done=Front+saved", http.StatusSeeOther)
	return nil
}
