package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/story"
	"dateline/internal/web"
)

// frontSave changes a front from its form: the stories in the order the page shows
// them (a script that drags them sends the new order), one move ("up:ID",
// "down:ID", "remove:ID") from the buttons, and stories ticked to add. The version
// the page was drawn from must still be current. "Find" saves nothing: it lists
// the stories matching the words, for browsers without the script's picker.
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
	if r.PostFormValue("find") != "" {
		return s.frontFind(w, r, key)
	}
	ids, err := formIDs(r.PostForm["id"])
	if err != nil {
		return err
	}
	adds, err := formIDs(r.PostForm["add_id"])
	if err != nil {
		return err
	}
	ids, focus := applyMove(ids, r.PostFormValue("move"), key)
	ids = addToFront(ids, adds, r.PostFormValue("where"))
	version, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil {
		version = -2 // a form without its version cannot prove it is current
	}
	err = s.desk.SetFront(r.Context(), s.actor(r), sectionID, ids, version)
	var fe desk.FieldErrors
	switch {
	case errors.Is(err, story.ErrFrontConflict):
		return s.frontRefused(w, r, key, http.StatusConflict,
			"Another editor changed this front meanwhile: nothing was saved. Here it is now; make your change again.")
	case errors.As(err, &fe):
		return s.frontRefused(w, r, key, http.StatusUnprocessableEntity, "The front was not changed: "+fe["story_ids"]+".")
	case err != nil:
		return err
	}
	q := url.Values{"front": {key}}
	if focus != "" {
		q.Set("focus", focus)
	}
	return done(w, r, "/newsroom/fronts?"+q.Encode(), "Front saved.") // no #fragment: it would stop autofocus
}

// frontRefused shows the front as it is now, with why the change was refused.
func (s *Server) frontRefused(w http.ResponseWriter, r *http.Request, key string, status int, problem string) error {
	p, err := s.frontsPage(r, key)
	if err != nil {
		return err
	}
	p.Problem = problem
	return s.render(w, status, "fronts", p)
}

// frontFind lists published stories whose headlines match the picker's words.
func (s *Server) frontFind(w http.ResponseWriter, r *http.Request, key string) error {
	p, err := s.frontsPage(r, key)
	if err != nil {
		return err
	}
	p.Query = pickerQuery(r.PostFormValue("add_q"))
	if p.Query != "" {
		if p.Choices, _, err = s.store.Stories(r.Context(), story.Query{Headline: p.Query, Limit: 10}); err != nil {
			return err
		}
	}
	return s.render(w, http.StatusOK, "fronts", p)
}

func formIDs(values []string) ([]int64, error) {
	var ids []int64
	for _, v := range values {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return nil, &web.Error{Status: http.StatusUnprocessableEntity,
				Public: "The front was not changed: " + strconv.Quote(v) + " is not a story number."}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// applyMove moves or removes one story of a front's order; it also names the
// button to focus on the page that follows, so a keyboard user pressing "Up" again
// moves the same story again.
func applyMove(ids []int64, move, key string) ([]int64, string) {
	verb, arg, _ := strings.Cut(move, ":")
	id, err := strconv.ParseInt(arg, 10, 64)
	i := slices.Index(ids, id)
	if err != nil || i < 0 {
		return ids, ""
	}
	focus := verb + "-" + key + "-" + arg
	switch verb {
	case "up":
		if i == 0 {
			return ids, "down-" + key + "-" + arg
		}
		ids[i-1], ids[i] = ids[i], ids[i-1]
		if i == 1 {
			focus = "down-" + key + "-" + arg // the lead has no "Up"
		}
	case "down":
		if i == len(ids)-1 {
			return ids, "up-" + key + "-" + arg
		}
		ids[i], ids[i+1] = ids[i+1], ids[i]
		if i+1 == len(ids)-1 {
			focus = "up-" + key + "-" + arg // the last has no "Down"
		}
	case "remove":
		return slices.Delete(ids, i, i+1), "add_q-" + key
	default:
		return ids, ""
	}
	return ids, focus
}

// addToFront puts new stories on a front: as the lead (the default: the newest
// pick usually leads), after the lead, or at the end. A story already there moves.
func addToFront(ids, adds []int64, where string) []int64 {
	if len(adds) == 0 {
		return ids
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool { return slices.Contains(adds, id) })
	at := 0
	switch where {
	case "secondary":
		at = min(story.FrontLeads, len(ids))
	case "end":
		at = len(ids)
	}
	return slices.Insert(ids, at, adds...)
}
