// Package sitetest builds a whole Dateline site for tests, on SQLite or PostgreSQL:
// the demo newsroom, staff who can sign in, a clock the test moves, and clients
// for the browser and the APIs. Tests of the newsroom, the APIs and the assembled
// node share it.
package sitetest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/app"
	"dateline/internal/auth"
	"dateline/internal/demo"
	"dateline/internal/ingest"
	"dateline/internal/job"
	"dateline/internal/letters"
	"dateline/internal/media/fsblob"
	"dateline/internal/people"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
)

// Clock is a settable clock shared by the store, the desk and the scheduler.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock is a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Set moves the clock.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// Site is the whole wired site (public, newsroom, both APIs) over the demo newsroom
// in a fresh store, with an admin, an editor and a writer who can sign in, and a
// clock the test moves.
type Site struct {
	T         *testing.T
	Store     *store.Store
	HTTP      *httptest.Server
	Scheduler *job.Scheduler
	Clock     *Clock
	Demo      *demo.Newsroom
	People    map[people.Role]people.Person
	Hasher    *auth.Hasher // counts the newsroom's password hashes
	Blobs     *fsblob.Dir  // the media files the site serves
}

// Password is the test staff's password.
const Password = "a long enough password"

// New is a test site on SQLite.
func New(t *testing.T) *Site { return NewOn(t, "sqlite") }

// RunWorkers runs a node's scheduler and outbox relay until the test ends.
func RunWorkers(t testing.TB, w *app.Workers) {
	ctx, cancel := context.WithCancel(context.Background())
	w.Run(ctx)
	t.Cleanup(func() {
		cancel()
		_ = w.Wait(context.Background())
	})
}

// DrainOutbox waits until every queued outbox event has been delivered.
func DrainOutbox(t testing.TB, st *store.Store) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		backlog, err := st.OutboxBacklog(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(backlog) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox not drained within 30 s: %v", backlog)
		}
		<-tick.C
	}
}

// EachEngine runs a test against the wired site on every engine, as subtests.
func EachEngine(t *testing.T, test func(t *testing.T, s *Site)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { test(t, NewOn(t, engine)) })
	}
}

// OpenStore opens a new, empty store on an engine ("sqlite" or "postgres") and a
// media directory beside it, both closed when the test ends.
func OpenStore(t testing.TB, engine string) (*store.Store, *fsblob.Dir) {
	t.Helper()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "site.db")
	if engine == "postgres" {
		dsn = pgtest.URL(t)
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, MustBlobs(t, dir)
}

// NewOn is a test site on an engine ("sqlite" or "postgres").
func NewOn(t *testing.T, engine string) *Site { return NewWith(t, engine, nil) }

// NewWith is a test site whose wiring options a test adjusts first.
func NewWith(t *testing.T, engine string, configure func(*app.Options)) *Site {
	t.Helper()
	return build(t, engine, filepath.Join(t.TempDir(), "theme"), configure)
}

// NewThemed is a test site whose theme directory (templates, static files,
// labels) is themeDir.
func NewThemed(t *testing.T, engine, themeDir string) *Site {
	t.Helper()
	return build(t, engine, themeDir, nil)
}

func build(t *testing.T, engine, themeDir string, configure func(*app.Options)) *Site {
	t.Helper()
	st, blobs := OpenStore(t, engine)
	clk := &Clock{t: time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)}
	st.SetClock(clk.Now)
	n, err := demo.Load(context.Background(), st, blobs, clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hasher := auth.NewHasher(2, time.Minute)
	opts := app.Options{MinFillTime: -1, WireClient: ingest.Client(true, 10*time.Second), Hasher: hasher}
	if configure != nil {
		configure(&opts)
	}
	handler, work, err := app.Assemble(st, blobs, themeDir, log, clk.Now, opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(handler)
	t.Cleanup(hs.Close)
	relayCtx, stopRelay := context.WithCancel(context.Background())
	t.Cleanup(stopRelay)
	go work.Relay.Run(relayCtx)
	DrainOutbox(t, st) // the demo's related stories are computed before a test looks
	s := &Site{T: t, Store: st, HTTP: hs, Scheduler: work.Scheduler, Clock: clk, Demo: n,
		People: map[people.Role]people.Person{}, Hasher: hasher, Blobs: blobs}
	s.AddStaff()
	return s
}

// Browser is a signed-in (or anonymous) client with its own cookies and CSRF token.
type Browser struct {
	Site   *Site
	Client *http.Client
	CSRF   string
}

// CSRFField finds the CSRF token in a newsroom form.
var CSRFField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// Anonymous is a reader's browser.
func (s *Site) Anonymous() *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{
		Site:   s,
		Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// SignIn signs a role's test person in through the login form.
func (s *Site) SignIn(role people.Role) *Browser {
	s.T.Helper()
	b := s.Anonymous()
	status, _, _ := b.Post("/newsroom/login", url.Values{"email": {s.People[role].Email}, "password": {Password}})
	if status != http.StatusSeeOther {
		s.T.Fatalf("sign in as %s: status %d", role, status)
	}
	_, _, body := b.Get("/newsroom/stories/new")
	m := CSRFField.FindStringSubmatch(body)
	if m == nil {
		s.T.Fatalf("no CSRF token on the editor page for %s", role)
	}
	b.CSRF = m[1]
	return b
}

// Do sends a request as this browser.
func (b *Browser) Do(req *http.Request) (int, http.Header, string) {
	b.Site.T.Helper()
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.Client.Do(req)
	if err != nil {
		b.Site.T.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// Get fetches a path of the site.
func (b *Browser) Get(path string) (int, http.Header, string) {
	req, _ := http.NewRequest(http.MethodGet, b.Site.HTTP.URL+path, nil)
	return b.Do(req)
}

// Post sends a form, adding the session's CSRF token.
func (b *Browser) Post(path string, form url.Values) (int, http.Header, string) {
	if b.CSRF != "" && form.Get("csrf") == "" {
		form.Set("csrf", b.CSRF)
	}
	req, _ := http.NewRequest(http.MethodPost, b.Site.HTTP.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.Do(req)
}

// PostLetter sends a reader message with a form token from the contact page.
func (b *Browser) PostLetter(form url.Values) (int, http.Header, string) {
	b.Site.T.Helper()
	_, _, page := b.Get("/contact/")
	if m := regexp.MustCompile(`name="started" value="([^"]*)"`).FindStringSubmatch(page); m != nil {
		form.Set("started", m[1])
	}
	return b.Post("/letters/", form)
}

// Token makes an Admin API token for a role's test person.
func (s *Site) Token(role people.Role) string {
	s.T.Helper()
	secret, hash := auth.NewSecret()
	if err := s.Store.CreateToken(context.Background(), hash, s.People[role].ID, "test"); err != nil {
		s.T.Fatal(err)
	}
	return secret
}

// API calls the Admin API with a bearer token ("" for none).
func (s *Site) API(token, method, path, body string) (int, string) {
	s.T.Helper()
	req, _ := http.NewRequest(method, s.HTTP.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.T.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// Session signs a role's test person in directly through the store (fast; the login
// form has its own tests).
func (s *Site) Session(role people.Role) *Browser {
	s.T.Helper()
	b := s.Anonymous()
	secret, hash := auth.NewSecret()
	csrf, _ := auth.NewSecret()
	now := s.Clock.Now()
	if err := s.Store.CreateSession(context.Background(), auth.Session{TokenHash: hash, PersonID: s.People[role].ID, CSRF: csrf,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		s.T.Fatal(err)
	}
	u, _ := url.Parse(s.HTTP.URL)
	b.Client.Jar.SetCookies(u, []*http.Cookie{{Name: "dateline_session", Value: secret, Path: "/"}})
	b.CSRF = csrf
	return b
}

// Itoa formats an id.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

// AddStaff adds a writer, an editor and an admin who can sign in with Password.
func (s *Site) AddStaff() {
	t := s.T
	t.Helper()
	hash, err := auth.HashPassword(Password)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []people.Role{people.RoleWriter, people.RoleEditor, people.RoleAdmin} {
		p := people.Person{Slug: "test-" + string(role), Name: "Test " + string(role), Email: string(role) + "@test.example", Role: role}
		if err := s.Store.CreatePerson(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
		if err := s.Store.SetPassword(context.Background(), p.ID, hash); err != nil {
			t.Fatal(err)
		}
		s.People[role] = p
	}
}

// LettersPending selects a story's pending messages.
func LettersPending(storyID int64) letters.Query {
	return letters.Query{StoryID: storyID, State: letters.StatePending}
}

// MustBlobs opens the media directory under data.
func MustBlobs(t testing.TB, data string) *fsblob.Dir {
	t.Helper()
	b, err := fsblob.Open(filepath.Join(data, "media"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// DiscardLog is a logger that writes nowhere.
func DiscardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// PostLetterFrom sends a reader message as if from a client address behind the
// trusted proxy at 127.0.0.1.
func (b *Browser) PostLetterFrom(form url.Values, clientIP string) (int, http.Header, string) {
	b.Site.T.Helper()
	_, _, page := b.Get("/contact/")
	if m := regexp.MustCompile(`name="started" value="([^"]*)"`).FindStringSubmatch(page); m != nil {
		form.Set("started", m[1])
	}
	req, _ := http.NewRequest(http.MethodPost, b.Site.HTTP.URL+"/letters/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", clientIP)
	return b.Do(req)
}
