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
	New      bool
	Story    story.Story
	Form     formValues
	Errors   desk.FieldErrors
	Conflict *conflictView
	Sections []section.Section
	Bureaus  []people.Bureau
	People   []people.Person
	Photo    *media.Media
	PhotoURL string
	CanEdit  bool
	CanTrash bool
	Moves    []story.State
	Words    int
	// The pickers: what is chosen, and what a search found to choose from.
	ChosenPeople  []people.Person
	FoundPeople   []people.Person
	ChosenStories []story.Story
	FoundStories  []story.Story
	FoundPhotos   []media.Media
	Finding       finding
	Autosaved     string
	PublicURL     string
	Wire          *wireNotice // the agency's later word on a story made from wire copy
	// MissingPhotos are photo references in the body to photos that do not exist
	// (mistyped, or deleted): the public page shows nothing for them. HeldPhotos
	// lead other stories not yet published: they show once one of those is.
	MissingPhotos []int64
	HeldPhotos    []int64
}

// finding is what the pickers' search fields asked for.
type finding struct{ People, Stories, Photos string }

func findingOf(r *http.Request) finding {
	if r.Method != http.MethodPost {
		return finding{}
	}
	return finding{People: pickerQuery(r.PostFormValue("author_q")), Stories: pickerQuery(r.PostFormValue("related_q")),
		Photos: pickerQuery(r.PostFormValue("photo_q"))}
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
		m, err := s.store.MediaByID(ctx, id)
		if errors.Is(err, media.ErrNotFound) {
			p.MissingPhotos = append(p.MissingPhotos, id)
			continue
		} else if err != nil {
			return p, err
		}
		if held, err := s.store.MediaHeldBack(ctx, id); err != nil {
			return p, err
		} else if held && m.ID != p.Form.LeadMediaID {
			p.HeldPhotos = append(p.HeldPhotos, id)
		}
	}
	if err := s.pickers(r, &p); err != nil {
		return p, err
	}
	if p.Story.ID != 0 {
		p.Moves = desk.Moves(current(r).person, p.Story)
		if p.Wire, err = s.wireNoticeFor(r, p.Story); err != nil {
			return p, err
		}
		if p.Story.Visible() {
			tree := section.NewTree(p.Sections)
			sec, _ := tree.ByID(p.Story.SectionID)
			p.PublicURL = p.Story.Path(sec.Path, p.Loc)
		}
	}
	if p.Errors == nil {
		p.Errors = desk.FieldErrors{}
	}
	return p, nil
}

// pickers fills the authors', related stories' and lead photo's choices: those
// the form holds, and what its search fields found.
func (s *Server) pickers(r *http.Request, p *editPage) error {
	ctx := r.Context()
	p.Finding = findingOf(r)
	chosen := map[int64]bool{}
	for _, id := range p.Form.AuthorIDs {
		chosen[id] = true
	}
	q := strings.ToLower(p.Finding.People)
	for _, person := range p.People {
		switch {
		case chosen[person.ID]:
			p.ChosenPeople = append(p.ChosenPeople, person)
		case q != "" && len(p.FoundPeople) < 10 && strings.Contains(strings.ToLower(person.Name), q):
			p.FoundPeople = append(p.FoundPeople, person)
		}
	}
	related, _ := parseIDs(p.Form.RelatedIDs)
	stories, err := s.store.StoriesByID(ctx, related)
	if err != nil {
		return err
	}
	p.ChosenStories = stories
	if p.Finding.Stories != "" {
		found, _, err := s.store.Stories(ctx, story.Query{Headline: p.Finding.Stories, Limit: 10})
		if err != nil {
			return err
		}
		taken := map[int64]bool{p.Story.ID: true}
		for _, st := range stories {
			taken[st.ID] = true
		}
		for _, st := range found {
			if !taken[st.ID] {
				p.FoundStories = append(p.FoundStories, st)
			}
		}
	}
	if p.Finding.Photos != "" {
		found, err := s.store.MediaWithUses(ctx, p.Finding.Photos, 12)
		if err != nil {
			return err
		}
		for _, m := range found {
			if m.ID != p.Form.LeadMediaID {
				p.FoundPhotos = append(p.FoundPhotos, m.Media)
			}
		}
	}
	return nil
}

// attachPhoto stores a photo sent with the editor form and points the form at it.
// Without a new file, changed words of the current lead photo are saved to it.
func (s *Server) attachPhoto(r *http.Request, f *formValues, bad desk.FieldErrors) error {
	if r.MultipartForm == nil || len(r.MultipartForm.File["photo"]) == 0 || r.MultipartForm.File["photo"][0].Size == 0 {
		return s.photoWords(r, f, bad)
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

// photoWords saves the lead photo's alt text, caption and credit when the editor
// changed them in the story's form.
func (s *Server) photoWords(r *http.Request, f *formValues, bad desk.FieldErrors) error {
	if f.LeadMediaID == 0 || r.PostFormValue("photo_version") == "" {
		return nil
	}
	m, err := s.store.MediaByID(r.Context(), f.LeadMediaID)
	if errors.Is(err, media.ErrNotFound) {
		return nil // the desk refuses the missing photo with the story
	}
	if err != nil {
		return err
	}
	words := desk.PhotoText{Alt: r.PostFormValue("photo_alt"), Caption: r.PostFormValue("photo_caption"),
		Credit: r.PostFormValue("photo_credit")}
	words.Version, _ = strconv.Atoi(r.PostFormValue("photo_version"))
	if strings.TrimSpace(words.Alt) == m.Alt && strings.TrimSpace(words.Caption) == m.Caption &&
		strings.TrimSpace(words.Credit) == m.Credit {
		return nil
	}
	_, err = s.desk.UpdatePhotoText(r.Context(), s.actor(r), m.ID, words)
	var fe desk.FieldErrors
	if errors.As(err, &fe) {
		for k, v := range fe {
			bad["photo_"+k] = v
		}
		return nil
	}
	return err
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
