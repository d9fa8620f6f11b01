package newsroom

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/media"
	"dateline/internal/story"
	"dateline/internal/web"
)

// photoListLimit bounds the photo list until the media library pages it.
const photoListLimit = 200

type photosPage struct {
	page
	Query  string
	Photos []media.Used
}

// photoList lists the newest photos, or those whose caption, credit or alt text
// has the words searched for, with how many stories use each; admins may delete
// those no story uses.
func (s *Server) photoList(w http.ResponseWriter, r *http.Request) error {
	q := pickerQuery(r.URL.Query().Get("q"))
	list, err := s.store.MediaWithUses(r.Context(), q, photoListLimit)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "photos", photosPage{page: s.base(r, "Photos"), Query: q, Photos: list})
}

type photoPage struct {
	page
	Photo   media.Media
	Crops   []cropView
	Stories []story.Story
}

// cropView is a small preview of one of a photo's crops.
type cropView struct {
	Name, URL     string
	Width, Height int
}

// photoShow is one photo: its text to edit and the stories using it.
func (s *Server) photoShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.store.MediaByID(r.Context(), id)
	if err != nil {
		return err
	}
	ids, err := s.store.MediaStories(r.Context(), id)
	if err != nil {
		return err
	}
	var stories []story.Story // in any state: a draft's use counts too
	for _, sid := range ids[:min(len(ids), 50)] {
		st, err := s.store.StoryByID(r.Context(), sid)
		if errors.Is(err, story.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		stories = append(stories, st)
	}
	p := photoPage{page: s.base(r, "Photo"), Photo: m, Stories: stories}
	for _, ratio := range media.Ratios {
		if widths := m.Crops[ratio.Name]; len(widths) > 0 {
			p.Crops = append(p.Crops, cropView{Name: strings.Replace(ratio.Name, "x", ":", 1),
				URL:   "/newsroom/media/" + strconv.FormatInt(m.ID, 10) + "/" + web.BaseName(m.CropName(ratio, widths[0])),
				Width: 160, Height: 160 * ratio.H / ratio.W})
		}
	}
	return s.render(w, http.StatusOK, "photo", p)
}

// photoFocus moves a photo's focal point and makes its crops again.
func (s *Server) photoFocus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	x, errX := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("x")), 64)
	y, errY := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("y")), 64)
	if errX != nil || errY != nil {
		return refuse("give the focal point as two numbers from 0 to 100")
	}
	if _, err := s.desk.SetFocalPoint(r.Context(), s.actor(r), id, media.Focus{X: x / 100, Y: y / 100}, version); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/media/"+strconv.FormatInt(id, 10), "Focal point saved: the crops follow it")
}

// photoSave saves a photo's alt text, caption and credit at the version edited.
func (s *Server) photoSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	in := desk.PhotoText{Alt: r.PostFormValue("alt"), Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit"),
		Version: version}
	if _, err := s.desk.UpdatePhotoText(r.Context(), s.actor(r), id, in); err != nil {
		return notSaved(err)
	}
	return done(w, r, "/newsroom/media/"+strconv.FormatInt(id, 10), "Photo saved")
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

// thumbnail is a photo's smallest 16:9 crop, for grids and pickers (the photo
// itself when it has no crops).
func thumbnail(m media.Media) string {
	prefix := "/newsroom/media/" + strconv.FormatInt(m.ID, 10) + "/"
	if widths := m.Crops[media.Ratios[0].Name]; len(widths) > 0 {
		return prefix + web.BaseName(m.CropName(media.Ratios[0], widths[0]))
	}
	return prefix + web.BaseName(m.FileName)
}

// maxPhotosAtOnce bounds one upload: more is more likely a mistake than a shoot.
const maxPhotosAtOnce = 20

// photoUpload adds the photos chosen (several at once; the plain file input works
// without JavaScript), each with the words given, and says how each went. The
// page's script sends them one by one, for a progress bar each, and gets JSON.
func (s *Server) photoUpload(w http.ResponseWriter, r *http.Request) error {
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["photos"]
	}
	switch {
	case len(files) == 0:
		return refuse("choose one or more photos to upload")
	case len(files) > maxPhotosAtOnce:
		return refuse(fmt.Sprintf("%d photos at once is too many: upload at most %d at a time", len(files), maxPhotosAtOnce))
	}
	var added []media.Media
	var problems []string
	for _, fh := range files {
		f, err := fh.Open()
		if err != nil {
			return err
		}
		m, err := s.desk.AddPhoto(r.Context(), s.actor(r), desk.Upload{Body: f, Alt: r.PostFormValue("alt"),
			Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit")})
		f.Close()
		var fe desk.FieldErrors
		switch {
		case errors.As(err, &fe):
			problems = append(problems, fh.Filename+": "+reasons(fe))
		case err != nil:
			return err
		default:
			added = append(added, m)
		}
	}
	if r.Header.Get("Accept") == "application/json" {
		status := http.StatusCreated
		if len(problems) > 0 {
			status = http.StatusUnprocessableEntity
		}
		ids := make([]int64, len(added))
		for i, m := range added {
			ids[i] = m.ID
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		return json.NewEncoder(w).Encode(map[string]any{"added": ids, "problems": problems})
	}
	if len(problems) > 0 && len(added) == 0 {
		return refuse(strings.Join(problems, "; "))
	}
	note := fmt.Sprintf("%d photos added", len(added))
	if len(added) == 1 {
		note = "1 photo added"
	}
	if len(problems) > 0 {
		note += ". Not added: " + strings.Join(problems, ". ")
	}
	return done(w, r, "/newsroom/media", note)
}
