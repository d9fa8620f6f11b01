package api

import (
	"context"
	"errors"
	"net/http"

	"dateline/internal/audit"
	"dateline/internal/desk"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
)

// logChange records an admin change in the audit log.
func (s *Server) logChange(r *http.Request, action, detail string) error {
	a := actor(r)
	return s.store.AddAudit(r.Context(), audit.Entry{At: s.now(), PersonID: a.Person.ID, Action: action, Detail: detail, IP: a.IP})
}

type siteJSON struct {
	Name            string `json:"name"`
	ShortName       string `json:"short_name"`
	Tagline         string `json:"tagline"`
	BaseURL         string `json:"base_url"`
	TimeZone        string `json:"time_zone"`
	Language        string `json:"language"`
	CopyrightHolder string `json:"copyright_holder"`
	TermsMarkdown   string `json:"terms_markdown"`
	TrustedProxies  string `json:"trusted_proxies"`

	CommentsPremoderated bool   `json:"comments_premoderated"`
	CommentsCloseDays    int    `json:"comments_close_days"`
	BlockedWords         string `json:"blocked_words"`
	ReaderDataDays       int    `json:"reader_data_days"`
}

func (s *Server) settingsShow(w http.ResponseWriter, r *http.Request) error {
	v, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, siteJSON(v))
}

func (s *Server) settingsUpdate(w http.ResponseWriter, r *http.Request) error {
	var in siteJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.store.SaveSite(r.Context(), settings.Site(in)); err != nil {
		return fieldErr("settings", err)
	}
	if err := s.logChange(r, "settings.update", in.Name); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, in)
}

type sectionJSON struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	ParentID int64  `json:"parent_id"`
	Position int    `json:"position"`
	Path     string `json:"path"`
}

func (s *Server) sectionList(w http.ResponseWriter, r *http.Request) error {
	return writeSections(w, r, s.store)
}

// writeSections answers with every section; both APIs list them the same way.
func writeSections(w http.ResponseWriter, r *http.Request, store interface {
	Sections(context.Context) ([]section.Section, error)
}) error {
	secs, err := store.Sections(r.Context())
	if err != nil {
		return err
	}
	out := []sectionJSON{}
	for _, v := range secs {
		out = append(out, sectionJSON(v))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"sections": out})
}

func (s *Server) sectionCreate(w http.ResponseWriter, r *http.Request) error {
	var in sectionJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v := section.Section{Slug: in.Slug, Name: in.Name, ParentID: in.ParentID, Position: in.Position}
	if err := s.store.CreateSection(r.Context(), &v); err != nil {
		return fieldErr("section", err)
	}
	if err := s.logChange(r, "section.create", v.Path); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, sectionJSON(v))
}

func (s *Server) sectionUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Name     *string `json:"name"`
		Position *int    `json:"position"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return err
	}
	v, ok := section.NewTree(secs).ByID(id)
	if !ok {
		return section.ErrNotFound
	}
	if in.Name != nil {
		v.Name = *in.Name
	}
	if in.Position != nil {
		v.Position = *in.Position
	}
	if err := s.store.UpdateSection(r.Context(), v); err != nil {
		return fieldErr("section", err)
	}
	if err := s.logChange(r, "section.update", v.Path); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sectionJSON(v))
}

type bureauJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	City     string `json:"city"`
	TimeZone string `json:"time_zone"`
}

func (s *Server) bureauList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.Bureaus(r.Context())
	if err != nil {
		return err
	}
	out := []bureauJSON{}
	for _, b := range list {
		out = append(out, bureauJSON(b))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"bureaus": out})
}

func (s *Server) bureauCreate(w http.ResponseWriter, r *http.Request) error {
	var in bureauJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	b := people.Bureau{Name: in.Name, City: in.City, TimeZone: in.TimeZone}
	if err := s.store.CreateBureau(r.Context(), &b); err != nil {
		return fieldErr("bureau", err)
	}
	if err := s.logChange(r, "bureau.create", b.Name); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, bureauJSON(b))
}

func (s *Server) bureauUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b, err := s.store.BureauByID(r.Context(), id)
	if err != nil {
		return err
	}
	in := bureauJSON(b)
	if err := decode(w, r, &in); err != nil {
		return err
	}
	b = people.Bureau{ID: id, Name: in.Name, City: in.City, TimeZone: in.TimeZone}
	if err := s.store.UpdateBureau(r.Context(), b); err != nil {
		return fieldErr("bureau", err)
	}
	if err := s.logChange(r, "bureau.update", b.Name); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, bureauJSON(b))
}

type topicJSON struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

func (s *Server) topicList(w http.ResponseWriter, r *http.Request) error {
	return writeTopics(w, r, s.store)
}

// writeTopics answers with every topic; both APIs list them the same way.
func writeTopics(w http.ResponseWriter, r *http.Request, store interface {
	Topics(context.Context) ([]section.Topic, error)
}) error {
	list, err := store.Topics(r.Context())
	if err != nil {
		return err
	}
	out := []topicJSON{}
	for _, t := range list {
		out = append(out, topicJSON(t))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"topics": out})
}

func (s *Server) topicUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in topicJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t := section.Topic{ID: id, Slug: in.Slug, Name: in.Name}
	if err := s.store.RenameTopic(r.Context(), t); err != nil {
		return fieldErr("topic", err)
	}
	if err := s.logChange(r, "topic.rename", t.Slug); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, topicJSON(t))
}

func (s *Server) topicMerge(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Into int64 `json:"into"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.store.MergeTopics(r.Context(), id, in.Into); err != nil {
		return err
	}
	if err := s.logChange(r, "topic.merge", ""); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"merged": id, "into": in.Into})
}

// fieldErr reports a refused change under a field; other errors pass through so a
// database failure is a 500, not a validation message.
func fieldErr(field string, err error) error {
	for _, invalid := range []error{settings.ErrInvalid, section.ErrInvalid, section.ErrSlugTaken, people.ErrInvalid} {
		if errors.Is(err, invalid) {
			return desk.FieldErrors{field: err.Error()}
		}
	}
	return err
}
