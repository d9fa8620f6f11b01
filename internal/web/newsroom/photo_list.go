package newsroom

import (
	"net/http"
	"strconv"

	"dateline/internal/media"
)

// photoListLimit bounds the photo list until the media library pages it.
const photoListLimit = 200

type photosPage struct {
	page
	Photos []media.Used
}

// photoList lists the newest photos with how many stories use each; admins may
// delete those no story uses.
func (s *Server) photoList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.MediaWithUses(r.Context(), photoListLimit)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "photos", photosPage{page: s.base(r, "Photos"), Photos: list})
}

// photoDeleteConfirm asks an admin before deleting a photo for good.
func (s *Server) photoDeleteConfirm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.store.MediaByID(r.Context(), id)
	if err != nil {
		return err
	}
	name := m.Caption
	if name == "" {
		name = m.Alt
	}
	return s.render(w, http.StatusOK, "confirm", confirmPage{page: s.base(r, "Delete a photo"),
		Heading: "Delete the photo “" + name + "” for good?",
		Explain: "Its file and every resized copy go; this cannot be undone. Only a photo no story uses can be deleted.",
		Action:  "/newsroom/media/" + strconv.FormatInt(id, 10) + "/delete", Button: "Delete for good",
		Back: "/newsroom/media", Danger: true})
}

// photoDelete deletes a photo no story uses.
func (s *Server) photoDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.desk.DeleteMedia(r.Context(), s.actor(r), id); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/media", "Photo deleted")
}
