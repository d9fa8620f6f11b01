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
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"dateline/internal/export"
	"dateline/internal/letters"
	"dateline/internal/sitetest"
	"dateline/internal/story"
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

// publish makes a published story in the ferries story's section.
func publish(t *testing.T, s *sitetest.Site, slug, headline string) story.Story {
	t.Helper()
	ctx := context.Background()
	ferries := s.Demo.Stories["ferries"]
	st := &story.Story{Slug: slug, Headline: headline, BodyMarkdown: "Boats came back.", SectionID: ferries.SectionID,
		State: story.StateDraft, Language: "en"}
	if err := s.Store.CreateStory(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := st.Transition(story.StatePublished, time.Time{}, s.Clock.Now().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.UpdateStory(ctx, st); err != nil {
		t.Fatal(err)
	}
	return *st
}

// unpublish takes a published story down.
func unpublish(t *testing.T, s *sitetest.Site, st story.Story) {
	t.Helper()
	if err := st.Transition(story.StateUnpublished, time.Time{}, s.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.UpdateStory(context.Background(), &st); err != nil {
		t.Fatal(err)
	}
}

func exists(dir, sitePath string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(sitePath, "/")), "index.html"))
	return err == nil
}

// TestExportWhilePublishing: stories published and withdrawn while the export runs
// end up in it, or out of it, as the site is at its end, everywhere: their pages,
// the fronts, the feeds and sitemaps.
func TestExportWhilePublishing(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		dir := t.TempDir()
		ferries := s.Demo.Stories["ferries"]
		var fresh story.Story
		done := false
		rep := runExport(t, s, dir, func(o *export.Options) {
			o.Workers = 2
			o.Progress = func(n, _ int) {
				if n == 30 && !done { // midway: one story out, one in
					done = true
					unpublish(t, s, ferries)
					fresh = publish(t, s, "lighthouse-keepers-return", "Lighthouse keepers return to the point")
				}
			}
		})
		if !done || rep.Passes < 2 {
			t.Fatalf("the changes came too late to test anything: %+v", rep)
		}
		if exists(dir, s.PublicPath(ferries)) {
			t.Error("the withdrawn story's page is in the export")
		}
		if !exists(dir, s.PublicPath(fresh)) {
			t.Error("the story published during the export is not in it")
		}
		for f, shows := range map[string]func(story.Story) string{
			"index.html": func(st story.Story) string { return st.Headline }, "feed.xml": func(st story.Story) string { return st.Headline },
			"sitemap-stories-1.xml": s.PublicPath,
		} {
			b := string(mustRead(t, filepath.Join(dir, f)))
			if strings.Contains(b, shows(ferries)) || !strings.Contains(b, shows(fresh)) {
				t.Errorf("%s does not show the site as it is now", f)
			}
		}
	})
}

// TestIncrementalExport: a second export writes only what changed, and removes the
// pages that are gone.
func TestIncrementalExport(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		dir := t.TempDir()
		first := runExport(t, s, dir, nil)
		same := runExport(t, s, dir, func(o *export.Options) { o.Incremental = true })
		if same.Written != 0 || same.Unchanged != first.Pages || same.Removed != 0 {
			t.Fatalf("an export of an unchanged site: %+v (first %+v)", same, first)
		}
		ferries := s.Demo.Stories["ferries"]
		unpublish(t, s, ferries)
		next := runExport(t, s, dir, func(o *export.Options) { o.Incremental = true })
		if next.Removed < 1 || exists(dir, s.PublicPath(ferries)) {
			t.Errorf("the withdrawn story's page stayed: %+v", next)
		}
		if next.Written == 0 || next.Written > first.Pages/2 {
			t.Errorf("withdrawing one story rewrote %d of %d files", next.Written, first.Pages)
		}
		if b := string(mustRead(t, filepath.Join(dir, "index.html"))); strings.Contains(b, ferries.Headline) {
			t.Error("the home page still shows the withdrawn story")
		}
	})
}

// TestExportOutOfSpace: a disk that fills up midway (here, a limit on the size of
// the files this process may write) stops the export with the system's error, and
// a first export leaves nothing behind, not even a partial file. Not parallel: the
// limit is the whole process's while it runs.
func TestExportOutOfSpace(t *testing.T) {
	s := sitetest.New(t)
	dir := filepath.Join(t.TempDir(), "site")
	handler := exporter(t, s, "")
	signal.Ignore(syscall.SIGXFSZ) // a write past the limit fails instead of ending the process
	defer signal.Reset(syscall.SIGXFSZ)
	var was syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
		t.Skip("no file size limits here:", err)
	}
	small := was
	small.Cur = 16 << 10 // smaller than a story page
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &small); err != nil {
		t.Fatal(err)
	}
	_, err := export.Run(context.Background(), export.Options{Dir: dir, Site: handler, BaseURL: baseURL(t, s), Workers: 2})
	if rerr := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &was); rerr != nil {
		t.Fatal(rerr)
	}
	if !errors.Is(err, syscall.EFBIG) {
		t.Fatalf("an export past the disk's room: %v", err)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("a failed first export left %d entries (%v)", len(entries), err)
	}
}
