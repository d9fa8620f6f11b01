package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
)

// walk is one export's state: the pages read so far and what they hold.
type walk struct {
	opts  Options
	site  *url.URL
	prev  *manifest
	fresh bool // a first export into an empty directory
	dirs  dirs

	mu      sync.Mutex
	pages   map[string]entry // by site path
	seen    map[string]bool  // queued or read in this pass
	written map[string]bool  // pages whose file this run wrote
	bytes   int64
	done    int
}

// listTags are what a page without its own tags (a feed, a sitemap) is built from.
var listTags = []string{"site", "stories", "comments"}

// crawl reads the pages in start and every page they link to that was not read
// yet, with the workers, writing each page's file.
func (w *walk) crawl(ctx context.Context, start []string) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu      sync.Mutex
		ready   = sync.NewCond(&mu)
		pending []string
		active  int
	)
	push := func(paths []string) {
		w.mu.Lock()
		var fresh []string
		for _, p := range paths {
			if !w.seen[p] && !serverOnly(p) {
				w.seen[p] = true
				fresh = append(fresh, p)
			}
		}
		w.mu.Unlock()
		mu.Lock()
		pending = append(pending, fresh...)
		mu.Unlock()
		ready.Broadcast()
	}
	push(start)
	var wg sync.WaitGroup
	for range w.opts.Workers {
		wg.Go(func() {
			for {
				mu.Lock()
				for len(pending) == 0 && active > 0 && ctx.Err() == nil {
					ready.Wait()
				}
				if len(pending) == 0 || ctx.Err() != nil {
					mu.Unlock()
					ready.Broadcast()
					return
				}
				p := pending[len(pending)-1]
				pending = pending[:len(pending)-1]
				active++
				mu.Unlock()

				found, err := w.read(ctx, p)
				if err != nil {
					cancel(err)
				} else {
					push(found)
				}
				mu.Lock()
				active--
				mu.Unlock()
				ready.Broadcast()
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}

// read renders one page, writes its file and returns the pages it links to. A
// page that is not there (any more) is dropped.
func (w *walk) read(ctx context.Context, p string) ([]string, error) {
	res := w.get(ctx, p)
	defer w.progress()
	switch {
	case res.status == http.StatusOK:
	case res.status == http.StatusNotFound || res.status == http.StatusGone || (res.status >= 300 && res.status < 400):
		w.mu.Lock()
		e, had := w.pages[p]
		delete(w.pages, p)
		w.bytes -= e.size // zero unless it had been written
		w.mu.Unlock()
		if had { // unpublished while the export ran
			return nil, removeFile(w.opts.Dir, e.File)
		}
		return nil, nil
	default:
		return nil, fmt.Errorf("export: %s answered %d: %s", p, res.status, firstLine(res.body))
	}
	file, err := fileFor(p)
	if err != nil {
		return nil, err
	}
	tags := strings.Fields(res.header.Get("Surrogate-Key"))
	if len(tags) == 0 && !strings.HasPrefix(p, "/media/") && !strings.HasPrefix(p, "/static/") {
		tags = listTags
	}
	if err := w.keep(p, file, res.body, tags); err != nil {
		return nil, err
	}
	return links(res.body, res.header.Get("Content-Type"), p, w.site), nil
}

func (w *walk) progress() {
	w.mu.Lock()
	w.done++
	done, known := w.done, len(w.seen)
	w.mu.Unlock()
	if w.opts.Progress != nil {
		w.opts.Progress(done, known)
	}
}

// response is one page as the site's handler answered it.
type response struct {
	status int
	header http.Header
	body   []byte
}

// get asks the site's handler for a page, as a reader's GET would.
func (w *walk) get(ctx context.Context, p string) response {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, w.site.Scheme+"://"+w.site.Host+p, nil)
	if err != nil {
		return response{status: http.StatusBadRequest, body: []byte(err.Error())}
	}
	req.RemoteAddr = "127.0.0.1:0"
	rec := httptest.NewRecorder() // the page in memory, as a reader would get it
	w.opts.Site.ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Result().Header, body: rec.Body.Bytes()}
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return string(line[:min(len(line), 200)])
}
