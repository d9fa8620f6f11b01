// Package newsroom serves the newsroom UI at /newsroom/: sign-in, the story list and
// editor, the workflow, revisions, fronts and the admin pages. Pages are rendered on
// the server and work without JavaScript; a little script adds live preview, word
// count and autosave. Every route names the action it needs, checked on the server.
package newsroom

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"math"
	"net/http"
	"net/netip"
	"slices"
	"time"

	"dateline/internal/audit"
	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/render"
	"dateline/internal/secret"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/web"
	"dateline/internal/wire"
)

//go:embed templates/*.html static/*
var files embed.FS

// Store is what the newsroom reads, listed by hand: every write goes through the
// desk (or auth.Accounts for sessions), so a handler cannot write around the rules.
type Store interface {
	web.StaffStore
	Site(ctx context.Context) (settings.Site, error)
	SitePages(ctx context.Context) ([]settings.Page, error)
	SitePageByID(ctx context.Context, id int64) (settings.Page, error)
	AuditLog(ctx context.Context, limit, offset int) ([]audit.Entry, int, error)
	Autosave(ctx context.Context, personID, storyID int64) (string, time.Time, error)
	Bureaus(ctx context.Context) ([]people.Bureau, error)
	FrontIDs(ctx context.Context, sectionID int64) ([]int64, error)
	FrontVersion(ctx context.Context, sectionID int64) (int64, error)
	InviteByHash(ctx context.Context, hash string, now time.Time) (auth.Link, error)
	MediaByID(ctx context.Context, id int64) (media.Media, error)
	MediaWithUses(ctx context.Context, query string, limit int) ([]media.Used, error)
	MediaStories(ctx context.Context, id int64) ([]int64, error)
	MediaHeldBack(ctx context.Context, id int64) (bool, error)
	Messages(ctx context.Context, q letters.Query) ([]letters.Message, int, error)
	MessageCounts(ctx context.Context, q letters.Query) (map[letters.State]int, error)
	PasswordHash(ctx context.Context, id int64) (string, error)
	PendingLinks(ctx context.Context, now time.Time) (map[int64]auth.Link, error)
	People(ctx context.Context) ([]people.Person, error)
	PersonByEmail(ctx context.Context, email string) (people.Person, error)
	Revisions(ctx context.Context, id int64) ([]story.Revision, error)
	Sections(ctx context.Context) ([]section.Section, error)
	Stories(ctx context.Context, q story.Query) ([]story.Story, int, error)
	StoriesByID(ctx context.Context, ids []int64) ([]story.Story, error)
	StoryAuthorIDs(ctx context.Context, ids []int64) (map[int64][]int64, error)
	StoryByID(ctx context.Context, id int64) (story.Story, error)
	Topics(ctx context.Context) ([]section.Topic, error)
	TopicsByID(ctx context.Context, ids []int64) ([]section.Topic, error)
	WireAgencies(ctx context.Context) ([]wire.Agency, error)
	WireEntries(ctx context.Context, f wire.Filter) ([]wire.Entry, error)
	WireEntry(ctx context.Context, id int64) (wire.Entry, error)
	WireEntryByKey(ctx context.Context, agency, itemID string) (wire.Entry, error)
	WireFlags(ctx context.Context) ([]wire.Flag, error)
	WireUseOfStory(ctx context.Context, storyID int64) (wire.Use, error)
	WireUses(ctx context.Context, entryID int64) ([]wire.Use, error)
	WireVersion(ctx context.Context, id int64, version int) (wire.Item, error)
}

// Previewer renders a story as its public page will look.
type Previewer interface {
	Preview(ctx context.Context, st story.Story) ([]byte, error)
}

// Config is what New needs.
type Config struct {
	Store Store
	Desk  *desk.Desk
	// Accounts writes sessions, sign-in throttles and passwords; its TTL is how
	// long a sign-in lasts (default 12 hours).
	Accounts *auth.Accounts
	Preview  Previewer
	Blobs    media.Blobs
	Log      *slog.Logger
	// Feeds reports the polled wire feeds' states; nil when none are polled.
	Feeds func() []ingest.Status
	// Keys key the hashes under which sign-in attempts are counted; default random.
	Keys *secret.Keys
	// Hasher bounds argon2id work on this node; default 2 at once, 10 s wait.
	Hasher *auth.Hasher
	// InviteTTL and ResetTTL are how long invitation and password-reset links
	// work; default 7 days and 1 hour.
	InviteTTL, ResetTTL time.Duration
	// Served is the address this node answers at (for the Settings page's warning
	// about a site address that names another); nil: unknown.
	Served func() string
}

// Server is the newsroom UI.
type Server struct {
	store    Store
	desk     *desk.Desk
	accounts *auth.Accounts
	preview  Previewer
	blobs    media.Blobs
	log      *slog.Logger
	now      func() time.Time
	ttl      time.Duration
	pages    map[string]*template.Template
	web      web.Adapter
	feeds    func() []ingest.Status
	keys     *secret.Keys
	hasher   *auth.Hasher

	inviteTTL, resetTTL time.Duration
	served              func() string
	sleep               func(ctx context.Context, d time.Duration) // slows down attempts on a busy account
}

// New parses the newsroom's templates once.
func New(cfg Config) (*Server, error) {
	s := &Server{store: cfg.Store, desk: cfg.Desk, preview: cfg.Preview, blobs: cfg.Blobs, log: cfg.Log, now: cfg.Desk.Now,
		accounts: cfg.Accounts, pages: map[string]*template.Template{}, feeds: cfg.Feeds, keys: cfg.Keys, hasher: cfg.Hasher,
		inviteTTL: cmp.Or(cfg.InviteTTL, 7*24*time.Hour), resetTTL: cmp.Or(cfg.ResetTTL, time.Hour),
		served: cfg.Served}
	if s.accounts == nil {
		return nil, errors.New("newsroom: Config.Accounts is required")
	}
	if s.accounts.TTL <= 0 {
		s.accounts.TTL = 12 * time.Hour
	}
	s.ttl = s.accounts.TTL
	if s.keys == nil {
		s.keys = secret.Random()
	}
	s.sleep = func(ctx context.Context, d time.Duration) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	if s.hasher == nil {
		s.hasher = auth.NewHasher(2, 10*time.Second)
	}
	funcs := template.FuncMap{
		"posted": func(t time.Time, loc *time.Location) string {
			return render.LongDate(t, loc) + ", " + render.PostedTime(t, loc)
		},
		"can":      func(p people.Person, a string) bool { return p.Can(people.Action(a)) },
		"when":     func(t time.Time, loc *time.Location) template.HTML { return when(t, s.now(), loc) },
		"base":     web.BaseName,
		"mediaRef": story.MediaRef,
		"thumb":    thumbnail,
		"percent":  func(f float64) int { return int(math.Round(f * 100)) },
		"has":      slices.Contains[[]int64],
		"stateName": func(st story.State) string {
			return map[story.State]string{story.StateDraft: "Draft", story.StateInReview: "In review", story.StateScheduled: "Scheduled",
				story.StatePublished: "Published", story.StateUnpublished: "Unpublished"}[st]
		},
	}
	names, err := files.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	for _, f := range names {
		if f.Name() == "layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/"+f.Name())
		if err != nil {
			return nil, err
		}
		s.pages[f.Name()[:len(f.Name())-len(".html")]] = t
	}
	s.web = web.Adapter{Log: s.log, Render: s.renderError}
	return s, nil
}

// page is what every newsroom page shows around its content.
type page struct {
	Title  string
	Person people.Person
	CSRF   string
	Site   settings.Site
	Loc    *time.Location
	Flash  string
	Nav    []navLink
}

type ctxKey struct{}

type staff struct {
	person  people.Person
	session auth.Session
	ip      string
	proxies []netip.Prefix
	site    settings.Site
}

func current(r *http.Request) staff { return r.Context().Value(ctxKey{}).(staff) }

// base builds the page frame for the signed-in person.
func (s *Server) base(r *http.Request, title string) page {
	st := current(r)
	return page{
		Title:  title,
		Person: st.person,
		CSRF:   st.session.CSRF,
		Site:   st.site,
		Loc:    st.site.Location(),
		Flash:  r.URL.Query().Get("done"),
		Nav:    navLinks(st.person, r.URL.Path),
	}
}

func (s *Server) actor(r *http.Request) desk.Actor {
	st := current(r)
	return desk.Actor{Person: st.person, IP: st.ip}
}

// render writes a page with a status; templates render into a buffer first.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return errors.New("newsroom: no page " + name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

type errorPage struct {
	page
	Status    int
	Message   string
	Reference string // the request ID, on server errors
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, message string, _ error) {
	p := page{Title: http.StatusText(status), Loc: time.UTC}
	if st, ok := r.Context().Value(ctxKey{}).(staff); ok {
		p = s.base(r, http.StatusText(status))
		_ = st
	}
	ep := errorPage{page: p, Status: status, Message: message}
	if status >= 500 {
		ep.Reference = web.RequestID(r.Context())
	}
	if err := s.render(w, status, "error", ep); err != nil {
		s.log.Error("render newsroom error page", "err", err)
	}
}
