package cli

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

// clock is a settable clock shared by the store, the desk and the scheduler.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// testSite is the whole wired site (public, newsroom, Admin API) over the demo
// newsroom in a fresh SQLite store, with an admin, an editor and a writer who can
// sign in, and a clock the test moves.
type testSite struct {
	t         *testing.T
	store     *store.Store
	http      *httptest.Server
	scheduler *job.Scheduler
	clock     *clock
	demo      *demo.Newsroom
	people    map[people.Role]people.Person
	hasher    *auth.Hasher // counts the newsroom's password hashes
}

const testPassword = "a long enough password"

func newTestSite(t *testing.T) *testSite { return newTestSiteOn(t, "sqlite") }

// runWorkers runs a node's scheduler and outbox relay until the test ends.
func runWorkers(t *testing.T, w *workers) {
	ctx, cancel := context.WithCancel(context.Background())
	w.run(ctx)
	t.Cleanup(func() {
		cancel()
		w.wait(context.Background())
	})
}

// drainOutbox waits until every queued outbox event has been delivered.
func drainOutbox(t *testing.T, st *store.Store) {
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

// eachEngine runs a test against the wired site on every engine, as subtests.
func eachEngine(t *testing.T, test func(t *testing.T, s *testSite)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) { test(t, newTestSiteOn(t, engine)) })
	}
}

func newTestSiteOn(t *testing.T, engine string) *testSite {
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
	blobs, err := fsblob.Open(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { blobs.Close() })
	clk := &clock{t: time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)}
	st.SetClock(clk.Now)
	n, err := demo.Load(context.Background(), st, blobs, clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hasher := auth.NewHasher(2, time.Minute)
	handler, work, err := assemble(
		st,
		blobs,
		filepath.Join(dir, "theme"),
		log,
		clk.Now,
		options{minFillTime: -1, wireClient: ingest.Client(true, 10*time.Second), hasher: hasher},
	)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(handler)
	t.Cleanup(hs.Close)
	relayCtx, stopRelay := context.WithCancel(context.Background())
	t.Cleanup(stopRelay)
	go work.relay.Run(relayCtx)
	drainOutbox(t, st) // the demo's related stories are computed before a test looks
	s := &testSite{
		t:         t,
		store:     st,
		http:      hs,
		scheduler: work.scheduler,
		clock:     clk,
		demo:      n,
		people:    map[people.Role]people.Person{},
		hasher:    hasher,
	}
	s.addStaff()
	return s
}

// browser is a signed-in (or anonymous) client with its own cookies and CSRF token.
type browser struct {
	site   *testSite
	client *http.Client
	csrf   string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (s *testSite) anonymous() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{
		site:   s,
		client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// signIn signs a role's test person in through the login form.
func (s *testSite) signIn(role people.Role) *browser {
	s.t.Helper()
	b := s.anonymous()
	status, _, _ := b.post("/newsroom/login", url.Values{"email": {s.people[role].Email}, "password": {testPassword}})
	if status != http.StatusSeeOther {
		s.t.Fatalf("sign in as %s: status %d", role, status)
	}
	_, _, body := b.get("/newsroom/stories/new")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		s.t.Fatalf("no CSRF token on the editor page for %s", role)
	}
	b.csrf = m[1]
	return b
}

func (b *browser) do(req *http.Request) (int, http.Header, string) {
	b.site.t.Helper()
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.client.Do(req)
	if err != nil {
		b.site.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

func (b *browser) get(path string) (int, http.Header, string) {
	req, _ := http.NewRequest(http.MethodGet, b.site.http.URL+path, nil)
	return b.do(req)
}

// post sends a form, adding the session's CSRF token.
func (b *browser) post(path string, form url.Values) (int, http.Header, string) {
	if b.csrf != "" && form.Get("csrf") == "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.site.http.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// postLetter sends a reader message with a form token from the contact page.
func (b *browser) postLetter(form url.Values) (int, http.Header, string) {
	b.site.t.Helper()
	_, _, page := b.get("/contact/")
	if m := regexp.MustCompile(`name="started" value="([^"]*)"`).FindStringSubmatch(page); m != nil {
		form.Set("started", m[1])
	}
	return b.post("/letters/", form)
}

// token makes an Admin API token for a role's test person.
func (s *testSite) token(role people.Role) string {
	s.t.Helper()
	secret, hash := auth.NewSecret()
	if err := s.store.CreateToken(context.Background(), hash, s.people[role].ID, "test"); err != nil {
		s.t.Fatal(err)
	}
	return secret
}

// api calls the Admin API with a bearer token ("" for none).
func (s *testSite) api(token, method, path, body string) (int, string) {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.http.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// session signs a role's test person in directly through the store (fast; the login
// form has its own tests).
func (s *testSite) session(role people.Role) *browser {
	s.t.Helper()
	b := s.anonymous()
	secret, hash := auth.NewSecret()
	csrf, _ := auth.NewSecret()
	now := s.clock.Now()
	if err := s.store.CreateSession(context.Background(), auth.Session{TokenHash: hash, PersonID: s.people[role].ID, CSRF: csrf,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		s.t.Fatal(err)
	}
	u, _ := url.Parse(s.http.URL)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "dateline_session", Value: secret, Path: "/"}})
	b.csrf = csrf
	return b
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// addStaff adds a writer, an editor and an admin who can sign in with testPassword.
func (s *testSite) addStaff() {
	t := s.t
	t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []people.Role{people.RoleWriter, people.RoleEditor, people.RoleAdmin} {
		p := people.Person{Slug: "test-" + string(role), Name: "Test " + string(role), Email: string(role) + "@test.example", Role: role}
		if err := s.store.CreatePerson(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
		if err := s.store.SetPassword(context.Background(), p.ID, hash); err != nil {
			t.Fatal(err)
		}
		s.people[role] = p
	}
}

func lettersPending(storyID int64) letters.Query {
	return letters.Query{StoryID: storyID, State: letters.StatePending}
}

func mustBlobs(t *testing.T, data string) *fsblob.Dir {
	t.Helper()
	b, err := fsblob.Open(filepath.Join(data, "media"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// postLetterFrom sends a reader message as if from a client address behind the
// trusted proxy at 127.0.0.1.
func (b *browser) postLetterFrom(form url.Values, clientIP string) (int, http.Header, string) {
	b.site.t.Helper()
	_, _, page := b.get("/contact/")
	if m := regexp.MustCompile(`name="started" value="([^"]*)"`).FindStringSubmatch(page); m != nil {
		form.Set("started", m[1])
	}
	req, _ := http.NewRequest(http.MethodPost, b.site.http.URL+"/letters/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", clientIP)
	return b.do(req)
}
