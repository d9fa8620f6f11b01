package export_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dateline/internal/export"
	"dateline/internal/letters"
	"dateline/internal/sitetest"
	"dateline/internal/web/public"
)

// exporter renders the test site for a static export, as `dateline export` does.
func exporter(t *testing.T, s *sitetest.Site, live string) http.Handler {
	t.Helper()
	pages, err := public.New(public.Config{Store: s.Store, Blobs: s.Blobs, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: s.Clock.Now, Letters: &letters.Submitter{Store: s.Store, Now: s.Clock.Now}, CacheBytes: 1, MaxRenders: 64,
		Static: &public.Static{Live: live}})
	if err != nil {
		t.Fatal(err)
	}
	s.Store.OnChange(pages.Invalidate)
	return pages.Handler()
}

func baseURL(t *testing.T, s *sitetest.Site) string {
	t.Helper()
	site, err := s.Store.Site(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return site.BaseURL
}

func runExport(t *testing.T, s *sitetest.Site, dir string, configure func(*export.Options)) export.Report {
	t.Helper()
	opts := export.Options{Dir: dir, Site: exporter(t, s, ""), BaseURL: baseURL(t, s), OnChange: s.Store.OnChange}
	if configure != nil {
		configure(&opts)
	}
	rep, err := export.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

var serverPart = regexp.MustCompile(`(?s)<!--server-->.*?<!--/server-->`)

// linkAttr finds what a page links to and loads: links, images and their
// renditions, style sheets, scripts, feeds.
var linkAttr = regexp.MustCompile(`(?:href|src)="([^"#?]+)[^"]*"|srcset="([^"]+)"`)

// TestExportServesAsIs exports the demo site, serves the directory with a plain
// file server, follows every link on every page (none may be broken), and checks
// every exported file against the live server's bytes for the same address,
// outside the parts that need a server.
func TestExportServesAsIs(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		dir := filepath.Join(t.TempDir(), "site")
		rep := runExport(t, s, dir, nil)
		if rep.Pages < 50 || rep.Written != rep.Pages || rep.Removed != 0 {
			t.Fatalf("report: %+v", rep)
		}
		story := s.PublicPath(s.Demo.Stories["ferries"])
		for _, f := range []string{"index.html", strings.TrimPrefix(story, "/") + "index.html", "world/index.html", "feed.xml",
			"feed.atom", "feed.json", "sitemap.xml", "news-sitemap.xml", "robots.txt", "404.html", export.ManifestName} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("the export lacks %s", f)
			}
		}

		files := httptest.NewServer(http.FileServer(http.Dir(dir)))
		defer files.Close()
		base, _ := url.Parse(baseURL(t, s))
		checked, pages := map[string]bool{}, 0
		var walk func(path string)
		walk = func(path string) {
			if checked[path] {
				return
			}
			checked[path] = true
			res, err := http.Get(files.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("broken link: %s answers %d", path, res.StatusCode)
				return
			}
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				return
			}
			pages++
			for _, m := range linkAttr.FindAllStringSubmatch(string(body), -1) {
				targets := []string{m[1]}
				if m[2] != "" {
					targets = nil
					for _, c := range strings.Split(m[2], ",") {
						targets = append(targets, strings.Fields(c)[0])
					}
				}
				for _, l := range targets {
					u, err := url.Parse(strings.ReplaceAll(l, "&amp;", "&"))
					if err != nil {
						t.Errorf("%s links to %q", path, l)
						continue
					}
					if u.Host != "" && u.Host != base.Host {
						continue // another site
					}
					next := (&url.URL{Path: path}).ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath}).EscapedPath()
					if next == "/contact/" && strings.Contains(l, "?") {
						continue // the contact form is the live site's
					}
					walk(next)
				}
			}
		}
		walk("/")
		if pages < 40 {
			t.Fatalf("the walk met only %d pages", pages)
		}
		t.Logf("exported %d files; the walk met %d pages and checked %d links", rep.Pages, pages, len(checked))

		// Every exported file is the live server's bytes outside the server parts.
		var m struct {
			Pages map[string]struct{ File string } `json:"pages"`
		}
		b, err := os.ReadFile(filepath.Join(dir, export.ManifestName))
		if err != nil || json.Unmarshal(b, &m) != nil {
			t.Fatalf("manifest: %v", err)
		}
		live := s.Anonymous()
		for path, e := range m.Pages {
			if path == "/404.html" {
				continue
			}
			status, _, want := live.Get(path)
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.File)))
			if err != nil || status != http.StatusOK {
				t.Errorf("%s: live %d, file %v", path, status, err)
				continue
			}
			if serverPart.ReplaceAllString(string(got), "") != serverPart.ReplaceAllString(want, "") {
				t.Errorf("%s: the exported file differs from the live page", path)
			}
			if strings.Contains(string(got), `action="/search"`) || strings.Contains(string(got), `action="/letters/"`) {
				t.Errorf("%s: an exported page has a form that needs a server", path)
			}
		}
		if !strings.Contains(string(mustRead(t, filepath.Join(dir, "index.html"))), "<!--server-->") {
			t.Error("the home page marks no server part")
		}
	})
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportLinksToTheLiveSite: with a live address, the search form and the
// letters point there.
func TestExportLinksToTheLiveSite(t *testing.T) {
	s := sitetest.New(t)
	dir := t.TempDir()
	_ = runExport(t, s, dir, func(o *export.Options) { o.Site = exporter(t, s, "https://live.example.org") })
	story := s.PublicPath(s.Demo.Stories["ferries"])
	page := string(mustRead(t, filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(story, "/")), "index.html")))
	if !strings.Contains(page, `action="https://live.example.org/search"`) {
		t.Error("the search form does not go to the live site")
	}
	if !strings.Contains(page, `href="https://live.example.org/contact/?story=`) {
		t.Error("the story page does not send letters to the live site")
	}
}

// An export refuses a directory that holds someone else's files, and leaves them.
func TestExportRefusesAForeignDirectory(t *testing.T) {
	s := sitetest.New(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := export.Run(context.Background(), export.Options{Dir: dir, Site: exporter(t, s, ""), BaseURL: baseURL(t, s)})
	if !errors.Is(err, export.ErrNotAnExport) {
		t.Fatalf("export into a foreign directory: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the directory now holds %d entries", len(entries))
	}
}
