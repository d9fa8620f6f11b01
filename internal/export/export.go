// Package export writes the public site as static files: every page a reader can
// reach from the home page, the sitemaps and the feeds, rendered by the public
// site's own handler (so each is the live page's bytes), with its photos, their
// renditions and the theme's files, laid out so that nginx, a plain file server or
// an object-storage bucket serves them as is. A manifest beside them lets a later
// export rewrite only what changed and remove what is gone.
package export

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Options are what Run needs.
type Options struct {
	Dir string
	// Site renders the public site for a static export (public.Config.Static); it
	// caches nothing, so every page is read as it is now.
	Site http.Handler
	// BaseURL is the site's address: pages name it in absolute links.
	BaseURL string
	// OnChange registers a function told of every change committed while the
	// export runs (the store's change feed): the pages built from what changed are
	// read again, so the export is one consistent state of the site.
	OnChange func(fn func(tags []string))
	// Settle is how long a change committed elsewhere takes to be heard (the
	// change feed's delay): the export waits that long for news before it ends.
	Settle time.Duration
	// Incremental writes only the files whose bytes changed since the last export;
	// otherwise every file is written again.
	Incremental bool
	// Workers render pages at once; default 2 per CPU.
	Workers int
	// Progress is told of pages done and pages known so far.
	Progress func(done, known int)
}

// Report says what an export did.
type Report struct {
	Pages     int   // files the export holds
	Written   int   // files written by this run
	Unchanged int   // files left as they were (incremental)
	Removed   int   // files of pages that no longer exist
	Bytes     int64 // bytes the export holds
	Passes    int   // 1, plus one per round of changes made during the export
	Took      time.Duration
}

// seeds are where the walk starts: every page is reachable from them.
var seeds = []string{"/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/feed.xml", "/feed.atom", "/feed.json", "/favicon.ico"}

// maxPasses bounds the rounds of re-reading pages changed during the export.
const maxPasses = 5

// Run exports the site into opts.Dir.
func Run(ctx context.Context, opts Options) (Report, error) {
	started := time.Now()
	site, err := url.Parse(opts.BaseURL)
	if err != nil || site.Host == "" {
		return Report{}, fmt.Errorf("export: the site's address %q is not an absolute URL", opts.BaseURL)
	}
	prev, fresh, err := openDir(opts.Dir)
	if err != nil {
		return Report{}, err
	}
	if opts.Workers <= 0 {
		opts.Workers = 2 * runtime.GOMAXPROCS(0)
	}
	changes := &changeLog{}
	if opts.OnChange != nil {
		opts.OnChange(changes.add)
	}
	defer changes.stop()
	w := &walk{opts: opts, site: site, prev: prev, fresh: fresh, pages: map[string]entry{}, seen: map[string]bool{},
		written: map[string]bool{}}
	rep, err := w.run(ctx, changes)
	if err != nil {
		if fresh {
			emptyDir(opts.Dir) // nothing of a failed first export stays
		}
		return rep, err
	}
	rep.Took = time.Since(started)
	return rep, nil
}

// changeLog collects the tags of changes committed during the export.
type changeLog struct {
	mu      sync.Mutex
	tags    []string
	stopped bool
}

func (c *changeLog) add(tags []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.stopped {
		c.tags = append(c.tags, tags...)
	}
}

// take returns the tags collected since the last take.
func (c *changeLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.tags
	c.tags = nil
	return t
}

func (c *changeLog) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
}

// run walks the site from the seeds, then reads again the pages built from what
// changed meanwhile until nothing did, then removes the files of pages that are
// gone and saves the manifest.
func (w *walk) run(ctx context.Context, changes *changeLog) (Report, error) {
	var rep Report
	todo := append([]string(nil), seeds...)
	for pass := 1; ; pass++ {
		rep.Passes = pass
		if err := w.crawl(ctx, todo); err != nil {
			return rep, err
		}
		changed := pageTags(changes.take())
		if len(changed) == 0 && w.opts.Settle > 0 {
			select {
			case <-time.After(w.opts.Settle):
			case <-ctx.Done():
				return rep, ctx.Err()
			}
			changed = pageTags(changes.take())
		}
		if len(changed) == 0 {
			break
		}
		if pass == maxPasses {
			return rep, errors.New("export: the site kept changing during the export; run it again")
		}
		todo = w.builtFrom(changed)
	}
	if err := w.notFoundPage(ctx); err != nil {
		return rep, err
	}
	for p := range w.pages {
		if w.written[p] {
			rep.Written++
		} else {
			rep.Unchanged++
		}
	}
	if w.prev != nil {
		for p, e := range w.prev.Pages {
			if _, ok := w.pages[p]; !ok {
				if err := removeFile(w.opts.Dir, e.File); err != nil {
					return rep, err
				}
				rep.Removed++
			}
		}
	}
	rep.Pages, rep.Bytes = len(w.pages), w.bytes
	m := &manifest{Version: 1, BaseURL: w.opts.BaseURL, Pages: w.pages}
	return rep, m.save(w.opts.Dir)
}

// pageTags drops the tags that name no page (a schedule, the outbox).
func pageTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t != "schedule" && t != "outbox" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// builtFrom lists the pages built from any of tags, to read them again; they are
// forgotten as seen, and a page now gone is dropped when read.
func (w *walk) builtFrom(tags []string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for p, e := range w.pages {
		for _, t := range e.Tags {
			if slices.Contains(tags, t) {
				out = append(out, p)
				delete(w.seen, p)
				break
			}
		}
	}
	return out
}

// notFoundPage writes the site's 404 page as 404.html, for the web server's error
// page setting.
func (w *walk) notFoundPage(ctx context.Context) error {
	res := w.get(ctx, "/404.html")
	if res.status != http.StatusNotFound {
		return fmt.Errorf("export: the 404 page answered %d", res.status)
	}
	return w.keep("/404.html", "404.html", res.body, nil)
}

// keep writes a page's file unless an incremental export holds the same bytes.
func (w *walk) keep(sitePath, file string, body []byte, tags []string) error {
	e := entry{File: file, Hash: hash(body), Tags: tags}
	name := filepath.Join(w.opts.Dir, filepath.FromSlash(file))
	same := false
	if w.opts.Incremental && w.prev != nil {
		if old, ok := w.prev.Pages[sitePath]; ok && old.Hash == e.Hash && old.File == file {
			if _, err := os.Stat(name); err == nil {
				same = true
			}
		}
	}
	if !same {
		if err := w.write(name, body); err != nil {
			return err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if old, ok := w.pages[sitePath]; ok {
		w.bytes -= old.size
	}
	e.size = int64(len(body))
	w.pages[sitePath] = e
	w.bytes += e.size
	if !same {
		w.written[sitePath] = true // once, however many passes read it
	}
	return nil
}

// write puts a page's bytes in its file: directly the first time a first export
// writes it, through a temporary file and a rename when it replaces one.
func (w *walk) write(name string, body []byte) error {
	if err := w.dirs.ensure(filepath.Dir(name)); err != nil {
		return err
	}
	if w.fresh {
		err := createFile(name, body)
		if !errors.Is(err, os.ErrExist) { // written again in a later pass: replace it
			return err
		}
	}
	return replaceFile(name, body)
}
