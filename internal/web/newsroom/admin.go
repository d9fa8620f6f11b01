package newsroom

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dateline/internal/audit"
	"dateline/internal/auth"
	"dateline/internal/letters"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/web"
)

func (s *Server) logChange(r *http.Request, action, detail string) error {
	a := s.actor(r)
	return s.store.AddAudit(r.Context(), audit.Entry{At: s.now(), PersonID: a.Person.ID, Action: action, Detail: detail, IP: a.IP})
}

// changed records an admin change in the audit log, then confirms it like done.
func (s *Server) changed(w http.ResponseWriter, r *http.Request, action, detail, to, msg string) error {
	if err := s.logChange(r, action, detail); err != nil {
		return err
	}
	return done(w, r, to, msg)
}

// done redirects back to a page with a short confirmation.
func done(w http.ResponseWriter, r *http.Request, to, msg string) error {
	http.Redirect(w, r, to+"?done="+strings.ReplaceAll(msg, " ", "+"), http.StatusSeeOther)
	return nil
}

// refusals are the domain's own reasons for refusing a change; their text is written
// for editors. Anything else (a driver error, an outage) keeps its own status and is
// never shown.
var refusals = []error{story.ErrInvalid, story.ErrSlugTaken, section.ErrInvalid, section.ErrSlugTaken, people.ErrInvalid,
	people.ErrEmailTaken, people.ErrSlugTaken, settings.ErrInvalid, letters.ErrInvalid}

// invalid reports a refused admin form with its reason, when the domain refused it;
// other errors pass through to be answered 500 or 503 and logged.
func invalid(err error) error {
	for _, r := range refusals {
		if errors.Is(err, r) {
			return refuse(err.Error())
		}
	}
	return err
}

// refuse is a 422 with a reason the handler words itself.
func refuse(reason string) error {
	return &web.Error{Status: http.StatusUnprocessableEntity, Public: "Not saved: " + reason}
}

type peoplePage struct {
	page
	People  []people.Person
	Bureaus []people.Bureau
	Link    string // a new invitation or reset link, shown once
	Expires time.Time
	Pending map[int64]auth.Link // unexpired links, by person
}

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.People(r.Context())
	if err != nil {
		return err
	}
	bureaus, err := s.store.Bureaus(r.Context())
	if err != nil {
		return err
	}
	pending, err := s.store.PendingLinks(r.Context(), s.now())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "people", peoplePage{page: s.base(r, "People"), People: list, Bureaus: bureaus, Pending: pending})
}

// personInvite adds a person without a password and shows a one-time link with which
// they choose one. (Email delivery comes with SMTP settings; the link is shown here.)
func (s *Server) personInvite(w http.ResponseWriter, r *http.Request) error {
	p := people.Person{Name: strings.TrimSpace(r.PostFormValue("name")), Email: strings.TrimSpace(r.PostFormValue("email")),
		Role: people.Role(r.PostFormValue("role")), Title: strings.TrimSpace(r.PostFormValue("title"))}
	p.Slug = story.Slugify(p.Name)
	if err := s.store.CreatePerson(r.Context(), &p); errors.Is(err, people.ErrSlugTaken) {
		p.Slug = story.Slugify(p.Name + " " + strings.Split(p.Email, "@")[0])
		err = s.store.CreatePerson(r.Context(), &p)
		if err != nil {
			return invalid(err)
		}
	} else if err != nil {
		return invalid(err)
	}
	link, l, err := s.newLink(r, p.ID, auth.LinkInvite)
	if err != nil {
		return err
	}
	if err := s.logChange(r, "person.invite", p.Email+" as "+string(p.Role)); err != nil {
		return err
	}
	return s.showPeopleWithLink(w, r, link, l.ExpiresAt)
}

// newLink makes a one-time link of a kind for a person, revoking their earlier ones.
// Invitations last InviteTTL (7 days by default), resets ResetTTL (1 hour).
func (s *Server) newLink(r *http.Request, personID int64, kind auth.LinkKind) (string, auth.Link, error) {
	secret, hash := auth.NewSecret()
	ttl := s.inviteTTL
	if kind == auth.LinkReset {
		ttl = s.resetTTL
	}
	now := s.now()
	l := auth.Link{TokenHash: hash, PersonID: personID, Kind: kind, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.store.CreateInvite(r.Context(), l); err != nil {
		return "", l, err
	}
	return current(r).site.BaseURL + "/newsroom/invite/" + secret, l, nil
}

func (s *Server) showPeopleWithLink(w http.ResponseWriter, r *http.Request, link string, expires time.Time) error {
	list, err := s.store.People(r.Context())
	if err != nil {
		return err
	}
	bureaus, err := s.store.Bureaus(r.Context())
	if err != nil {
		return err
	}
	pending, err := s.store.PendingLinks(r.Context(), s.now())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "people", peoplePage{page: s.base(r, "People"), People: list, Bureaus: bureaus, Link: link,
		Expires: expires, Pending: pending})
}

// personUpdate changes a role, bureau, title or the disabled flag. A change of role
// or disabling ends the person's sessions and tokens at once.
func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.store.PersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	before := p
	p.Role = people.Role(r.PostFormValue("role"))
	p.Title = strings.TrimSpace(r.PostFormValue("title"))
	p.Disabled = r.PostFormValue("disabled") == "on"
	if b, err := strconv.ParseInt(r.PostFormValue("bureau_id"), 10, 64); err == nil {
		p.BureauID = b
	}
	if p.ID == current(r).person.ID && (p.Disabled || p.Role != people.RoleAdmin) {
		return refuse("you cannot disable yourself or give up your own admin role")
	}
	if err := s.store.UpdatePerson(r.Context(), p); err != nil {
		return invalid(err)
	}
	if p.Role != before.Role || (p.Disabled && !before.Disabled) {
		if err := s.store.EndAccess(r.Context(), p.ID); err != nil {
			return err
		}
	}
	return s.changed(w, r, "person.update", p.Email+": role "+string(p.Role)+", disabled "+strconv.FormatBool(p.Disabled), "/newsroom/people", "Saved "+p.Name)
}

// personReset ends the person's access and shows a one-time link to choose a new password.
func (s *Server) personReset(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.store.PersonByID(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(r.Context(), p.ID, ""); err != nil {
		return err
	}
	if err := s.store.EndAccess(r.Context(), p.ID); err != nil {
		return err
	}
	link, l, err := s.newLink(r, p.ID, auth.LinkReset)
	if err != nil {
		return err
	}
	if err := s.logChange(r, "person.reset", p.Email); err != nil {
		return err
	}
	return s.showPeopleWithLink(w, r, link, l.ExpiresAt)
}

type settingsPage struct {
	page
	Sections []section.Section
	Bureaus  []people.Bureau
	Topics   []section.Topic
}

func (s *Server) settingsShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := settingsPage{page: s.base(r, "Settings")}
	var err error
	if p.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	if p.Bureaus, err = s.store.Bureaus(ctx); err != nil {
		return err
	}
	if p.Topics, err = s.store.Topics(ctx); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "settings", p)
}

func (s *Server) settingsSave(w http.ResponseWriter, r *http.Request) error {
	f := r.PostFormValue
	site := settings.Site{Name: strings.TrimSpace(f("name")), ShortName: strings.TrimSpace(f("short_name")), Tagline: strings.TrimSpace(f("tagline")),
		BaseURL: strings.TrimRight(strings.TrimSpace(f("base_url")), "/"), TimeZone: strings.TrimSpace(f("time_zone")),
		Language: strings.TrimSpace(f("language")), CopyrightHolder: strings.TrimSpace(f("copyright_holder")),
		TermsMarkdown: f("terms_markdown"), TrustedProxies: strings.TrimSpace(f("trusted_proxies")),
		CommentsPremoderated: f("comments_premoderated") == "on", BlockedWords: strings.TrimSpace(f("blocked_words"))}
	var err1, err2 error
	site.CommentsCloseDays, err1 = strconv.Atoi(cmp.Or(strings.TrimSpace(f("comments_close_days")), "0"))
	site.ReaderDataDays, err2 = strconv.Atoi(cmp.Or(strings.TrimSpace(f("reader_data_days")), "90"))
	if err1 != nil || err2 != nil {
		return refuse("the numbers of days must be whole numbers")
	}
	if err := s.store.SaveSite(r.Context(), site); err != nil {
		return invalid(err)
	}
	return s.changed(w, r, "settings.update", site.Name, "/newsroom/settings", "Settings saved")
}

func (s *Server) sectionCreate(w http.ResponseWriter, r *http.Request) error {
	sec := section.Section{Slug: strings.TrimSpace(r.PostFormValue("slug")), Name: strings.TrimSpace(r.PostFormValue("name"))}
	sec.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent_id"), 10, 64)
	sec.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	if err := s.store.CreateSection(r.Context(), &sec); err != nil {
		return invalid(err)
	}
	return s.changed(w, r, "section.create", sec.Path, "/newsroom/settings", "Section added")
}

func (s *Server) sectionSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	tree, err := s.tree(r)
	if err != nil {
		return err
	}
	sec, ok := tree.ByID(id)
	if !ok {
		return web.ErrNotFound
	}
	sec.Name = strings.TrimSpace(r.PostFormValue("name"))
	sec.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	if err := s.store.UpdateSection(r.Context(), sec); err != nil {
		return invalid(err)
	}
	return s.changed(w, r, "section.update", sec.Path, "/newsroom/settings", "Section saved")
}

func (s *Server) bureauCreate(w http.ResponseWriter, r *http.Request) error {
	b := people.Bureau{Name: strings.TrimSpace(r.PostFormValue("name")), City: strings.TrimSpace(r.PostFormValue("city")),
		TimeZone: strings.TrimSpace(r.PostFormValue("time_zone"))}
	if err := s.store.CreateBureau(r.Context(), &b); err != nil {
		return invalid(err)
	}
	return s.changed(w, r, "bureau.create", b.Name, "/newsroom/settings", "Bureau added")
}

func (s *Server) bureauSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b := people.Bureau{ID: id, Name: strings.TrimSpace(r.PostFormValue("name")), City: strings.TrimSpace(r.PostFormValue("city")),
		TimeZone: strings.TrimSpace(r.PostFormValue("time_zone"))}
	if err := s.store.UpdateBureau(r.Context(), b); err != nil {
		if errors.Is(err, people.ErrNotFound) {
			return err
		}
		return invalid(err)
	}
	return s.changed(w, r, "bureau.update", b.Name, "/newsroom/settings", "Bureau saved")
}

// topicSave renames a topic, or merges it into another when "merge_into" is chosen.
func (s *Server) topicSave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if into, _ := strconv.ParseInt(r.PostFormValue("merge_into"), 10, 64); into != 0 {
		if err := s.store.MergeTopics(r.Context(), id, into); err != nil {
			if errors.Is(err, section.ErrNotFound) {
				return err
			}
			return invalid(err)
		}
		if err := s.logChange(r, "topic.merge", strconv.FormatInt(id, 10)+" into "+strconv.FormatInt(into, 10)); err != nil {
			return err
		}
		return done(w, r, "/newsroom/settings", "Topics merged")
	}
	t := section.Topic{ID: id, Name: strings.TrimSpace(r.PostFormValue("name")), Slug: strings.TrimSpace(r.PostFormValue("slug"))}
	if err := s.store.RenameTopic(r.Context(), t); err != nil {
		if errors.Is(err, section.ErrNotFound) {
			return err
		}
		return invalid(err)
	}
	return s.changed(w, r, "topic.rename", t.Slug, "/newsroom/settings", "Topic saved")
}

type tokensPage struct {
	page
	Token string // a new token, shown once
}

func (s *Server) tokenList(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "tokens", tokensPage{page: s.base(r, "API tokens")})
}

// tokenCreate makes an Admin API token acting as the signed-in admin, shown once.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	secret, hash := auth.NewSecret()
	name := strings.TrimSpace(r.PostFormValue("name"))
	if err := s.store.CreateToken(r.Context(), hash, current(r).person.ID, name); err != nil {
		return err
	}
	if err := s.logChange(r, "token.create", name); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "tokens", tokensPage{page: s.base(r, "API tokens"), Token: secret})
}

type auditPage struct {
	page
	Entries []auditRow
	Next    string
}

type auditRow struct {
	audit.Entry
	Who string
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) error {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	list, total, err := s.store.AuditLog(r.Context(), 100, offset)
	if err != nil {
		return err
	}
	p := auditPage{page: s.base(r, "Audit log")}
	names := map[int64]string{0: "system"}
	for _, e := range list {
		if _, ok := names[e.PersonID]; !ok {
			person, _ := s.store.PersonByID(r.Context(), e.PersonID)
			names[e.PersonID] = person.Name
		}
		p.Entries = append(p.Entries, auditRow{Entry: e, Who: names[e.PersonID]})
	}
	if offset+len(list) < total {
		p.Next = "/newsroom/audit?offset=" + strconv.Itoa(offset+len(list))
	}
	return s.render(w, http.StatusOK, "audit", p)
}
