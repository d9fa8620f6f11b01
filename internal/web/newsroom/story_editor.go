package newsroom

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"dateline/internal/desk"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/story"
	"dateline/internal/web"
)

func (s *Server) tree(r *http.Request) (*section.Tree, error) {
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return nil, err
	}
	return section.NewTree(secs), nil
}

// editPage is the story editor.
type editPage struct {
	page
	New       bool
	Story     story.Story
	Form      formValues
	Errors    desk.FieldErrors
	Conflict  *conflictView
	Sections  []section.Section
	Bureaus   []people.Bureau
	People    []people.Person
	Photo     *media.Media
	PhotoURL  string
	CanEdit   bool
	CanTrash  bool
	Moves     []story.State
	Words     int
	Related   []story.Story
	Find      string
	Found     []story.Story
	Autosaved string
	PublicURL string
	Wire      *wireNotice // the agency's later word on a story made from wire copy
	// MissingPhotos are photo references in the body to photos that do not exist
	// (mistyped, or deleted): the public page shows nothing for them.
	MissingPhotos []int64
}

type conflictView struct {
	SavedVersion int
	Diff         []diffLine
}

func (s *Server) editor(r *http.Request, p editPage) (editPage, error) {
	ctx := r.Context()
	var err error
	if p.Sections, err = s.store.Sections(ctx); err != nil {
		return p, err
	}
	if p.Bureaus, err = s.store.Bureaus(ctx); err != nil {
		return p, err
	}
	if p.People, err = s.store.People(ctx); err != nil {
		return p, err
	}
	if p.Form.LeadMediaID != 0 {
		if m, err := s.store.MediaByID(ctx, p.Form.LeadMediaID); err == nil {
			p.Photo = &m
			p.PhotoURL = "/newsroom/media/" + strconv.FormatInt(m.ID, 10) + "/" + m.FileName[strings.LastIndexByte(m.FileName, '/')+1:]
		}
	}
	p.Words = len(strings.Fields(p.Form.Body))
	for _, id := range (story.Story{BodyMarkdown: p.Form.Body}).InlineMediaIDs() {
		if _, err := s.store.MediaByID(ctx, id); errors.Is(err, media.ErrNotFound) {
			p.MissingPhotos = append(p.MissingPhotos, id)
		} else if err != nil {
			return p, err
		}
	}
	if p.Story.ID != 0 {
		p.Moves = desk.Moves(current(r).person, p.Story)
		p.Related, _ = s.store.StoriesByID(ctx, p.Story.RelatedIDs)
		if p.Wire, err = s.wireNoticeFor(r, p.Story); err != nil {
			return p, err
		}
		if p.Story.Visible() {
			tree := section.NewTree(p.Sections)
			sec, _ := tree.ByID(p.Story.SectionID)
			p.PublicURL = p.Story.Path(sec.Path, p.Loc)
		}
	}
	if p.Find = strings.TrimSpace(r.URL.Query().Get("find")); p.Find != "" {
		p.Found, _, err = s.store.Stories(ctx, story.Query{Headline: p.Find, Limit: 10})
		if err != nil {
			return p, err
		}
	}
	if p.Errors == nil {
		p.Errors = desk.FieldErrors{}
	}
	return p, nil
}

// attachPhoto stores a photo sent with the editor form and points the form at it.
func (s *Server) attachPhoto(r *http.Request, f *formValues, bad desk.FieldErrors) error {
	if r.MultipartForm == nil || len(r.MultipartForm.File["photo"]) == 0 || r.MultipartForm.File["photo"][0].Size == 0 {
		return nil
	}
	file, err := r.MultipartForm.File["photo"][0].Open()
	if err != nil {
		return err
	}
	defer file.Close()
	m, err := s.desk.AddPhoto(r.Context(), s.actor(r), desk.Upload{Body: file, Alt: r.PostFormValue("photo_alt"),
		Caption: r.PostFormValue("photo_caption"), Credit: r.PostFormValue("photo_credit")})
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		for k, v := range fe {
			bad["photo_"+k] = v
		}
		return nil
	}
	if err != nil {
		return err
	}
	f.LeadMediaID = m.ID
	return nil
}

func (s *Server) editAgain(w http.ResponseWriter, r *http.Request, p editPage) error {
	p, err := s.editor(r, p)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusUnprocessableEntity, "edit", p)
}

// pathID is the {id} in the request path; anything but a positive number is not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, web.ErrNotFound
	}
	return id, nil
}
