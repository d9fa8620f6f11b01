package public_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"dateline/internal/demo"
	"dateline/internal/letters"
	"dateline/internal/media/fsblob"
	"dateline/internal/store"
	"dateline/internal/store/pgtest"
	"dateline/internal/web/public"
)

// demoNow puts the ferries story (published 5 hours earlier) at 8:15 p.m. EST on
// January 29, 1997, the reference page's own time.
var demoNow = time.Date(1997, 1, 30, 6, 15, 0, 0, time.UTC)

type site struct {
	clock  atomic.Int64 // the site's now, in Unix nanoseconds; starts at demoNow
	t      testing.TB
	store  *store.Store
	server *public.Server
	http   *httptest.Server
	demo   *demo.Newsroom
	client *http.Client
}

// newSite serves the demo newsroom from a fresh SQLite store.
func newSite(t testing.TB) *site {
	t.Helper()
	return newSiteOn(t, "sqlite", func(*public.Config) {})
}

// engines are the databases every feature test runs on.
var engines = []string{"sqlite", "postgres"}

// eachEngine runs a test against the demo site on every engine, as subtests. The
// PostgreSQL one skips (or fails in CI) without a test server; see pgtest.
func eachEngine(t *testing.T, test func(t *testing.T, s *site)) {
	eachEngineWith(t, func(*public.Config) {}, test)
}

// eachEngineWith is eachEngine with an adjusted server configuration.
func eachEngineWith(t *testing.T, configure func(*public.Config), test func(t *testing.T, s *site)) {
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) { test(t, newSiteOn(t, engine, configure)) })
	}
}

// openStore opens a fresh, empty store on an engine.
func openStore(t testing.TB, engine, dir string) *store.Store {
	t.Helper()
	dsn := filepath.Join(dir, "site.db")
	if engine == "postgres" {
		dsn = pgtest.URL(t)
	}
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newSiteOn serves the demo newsroom from a fresh store on the engine.
func newSiteOn(t testing.TB, engine string, configure func(*public.Config)) *site {
	t.Helper()
	return newSiteWithStore(t, openStore(t, engine, t.TempDir()), configure)
}

// newSiteWithStore serves the demo newsroom from the given empty store.
func newSiteWithStore(t testing.TB, st *store.Store, configure func(*public.Config)) *site {
	t.Helper()
	dir := t.TempDir()
	t.Cleanup(func() { st.Close() })
	blobs, err := fsblob.Open(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { blobs.Close() })
	s := &site{t: t, store: st}
	s.clock.Store(demoNow.UnixNano())
	st.SetClock(s.now)
	n, err := demo.Load(context.Background(), st, blobs, demoNow)
	if err != nil {
		t.Fatal(err)
	}
	cfg := public.Config{Store: st, Blobs: blobs, ThemeDir: filepath.Join(dir, "theme"),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MinFillTime: -1, Now: s.now, Letters: &letters.Submitter{Store: st, Now: s.now}}
	configure(&cfg)
	srv, err := public.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st.OnChange(srv.Invalidate)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s.server, s.http, s.demo, s.client = srv, hs, n, noRedirect
	return s
}

// now is the site's clock; advance moves it.
func (s *site) now() time.Time          { return time.Unix(0, s.clock.Load()).UTC() }
func (s *site) advance(d time.Duration) { s.clock.Add(int64(d)) }

// get fetches a path without following redirects and returns status, location and body.
func (s *site) get(path string) (int, string, string) {
	s.t.Helper()
	resp, err := s.client.Get(s.http.URL + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// page fetches a path that must answer 200 and parses it.
func (s *site) page(path string) *html.Node {
	s.t.Helper()
	status, _, body := s.get(path)
	if status != http.StatusOK {
		s.t.Fatalf("GET %s: status %d, want 200", path, status)
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	return doc
}

// storyPath is the public URL path of a demo story by key.
func (s *site) storyPath(key string) string {
	s.t.Helper()
	st := s.demo.Stories[key]
	sec := "/"
	for _, v := range s.demo.Sections {
		if v.ID == st.SectionID {
			sec += v.Slug + "/"
			if v.ParentID != 0 {
				for _, p := range s.demo.Sections {
					if p.ID == v.ParentID {
						sec = "/" + p.Slug + "/" + v.Slug + "/"
					}
				}
			}
		}
	}
	loc, _ := time.LoadLocation(s.demo.Site.TimeZone)
	return sec + st.PublishedAt.In(loc).Format("2006/01/02") + "/" + st.Slug + "/"
}

// Small DOM helpers over golang.org/x/net/html.

func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == tag }
}

func byClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Type == html.ElementNode && strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
	}
}

func byID(id string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id }
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for _, t := range find(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func one(t *testing.T, doc *html.Node, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	list := find(doc, match)
	if len(list) != 1 {
		t.Fatalf("%s: found %d, want exactly 1", what, len(list))
	}
	return list[0]
}

// position is the node's index in document order, to check the order of parts.
func position(doc, target *html.Node) int {
	i, found := 0, -1
	find(doc, func(n *html.Node) bool {
		if n == target {
			found = i
		}
		i++
		return false
	})
	return found
}

func nyc(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

type htmlNode = html.Node

// renderNode writes a parsed document back as HTML.
func renderNode(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	return b.String()
}
