package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/story"
)

// confirmPage asks before a move to the trash or a deletion.
// confirmPage is the second step before an action that cannot be undone or that
// readers see at once; it works without JavaScript. Fields carry the first step's
// form forward.
type confirmPage struct {
	page
	Heading, Explain, Action, Button, Back string
	Danger                                 bool
	Fields                                 []hiddenField
}

type hiddenField struct{ Name, Value string }

type trashPage struct {
	page
	Stories []story.Story
	Days    int
}

// trashList lists the stories in the trash.
func (s *Server) trashList(w http.ResponseWriter, r *http.Request) error {
	list, _, err := s.store.Stories(r.Context(), story.Query{AnyState: true, Trashed: true, Limit: 200})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "trash", trashPage{page: s.base(r, "Trash"), Stories: list, Days: story.TrashDays})
}

// storyTrashConfirm asks before moving a story to the trash.
func (s *Server) storyTrashConfirm(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	id := strconv.FormatInt(st.ID, 10)
	return s.render(w, http.StatusOK, "confirm", confirmPage{page: s.base(r, "Move to the trash"),
		Heading: "Move “" + st.Headline + "” to the trash?",
		Explain: "It leaves every list at once. The trash keeps it " + strconv.Itoa(story.TrashDays) +
			" days, and you can restore it until then.",
		Action: "/newsroom/stories/" + id + "/trash", Button: "Move to the trash", Back: "/newsroom/stories/" + id})
}

// storyTrash moves a story to the trash.
func (s *Server) storyTrash(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.TrashStory(r.Context(), s.actor(r), id); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/trash", "Moved to the trash")
}

// trashRestore takes a story out of the trash.
func (s *Server) trashRestore(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.RestoreStory(r.Context(), s.actor(r), id); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/stories/"+strconv.FormatInt(id, 10), "Restored from the trash")
}

// trashDeleteConfirm asks an admin before deleting a story for good.
func (s *Server) trashDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	explain := "Its text, revisions and notes go for good; this cannot be undone."
	if !st.PublishedAt.IsZero() {
		explain += " It was published: its address will answer that it is gone."
	}
	return s.render(w, http.StatusOK, "confirm", confirmPage{page: s.base(r, "Delete for good"),
		Heading: "Delete “" + st.Headline + "” for good?",
		Explain: explain, Action: "/newsroom/trash/" + strconv.FormatInt(st.ID, 10) + "/delete", Button: "Delete for good",
		Back: "/newsroom/trash", Danger: true})
}

// trashDelete deletes a story for good.
func (s *Server) trashDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.DeleteStory(r.Context(), s.actor(r), id); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/trash", "Deleted for good")
}
