package public

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dateline/internal/cache"
)

// TestConcurrentMissesRenderOnce: a burst of readers on a page nobody has asked for
// yet (a breaking story, a common search word) costs one render, and every reader
// gets the page.
func TestConcurrentMissesRenderOnce(t *testing.T) {
	const readers = 32
	s := &Server{
		now:   time.Now,
		pages: cache.New(1<<20, time.Minute),
		kept:  newLastGood(10, 1<<20),
		feed:  func() (time.Time, bool) { return time.Time{}, true },
	}
	var renders atomic.Int64
	arrived := make(chan struct{}, readers)
	release := make(chan struct{})
	page := s.cachePages(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		renders.Add(1)
		<-release // hold the render until every reader has asked
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<p>Breaking</p>")
	}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		page.ServeHTTP(w, r)
	}))
	defer srv.Close()

	var wg sync.WaitGroup
	bodies := make([]string, readers)
	for i := range readers {
		wg.Go(func() {
			res, err := http.Get(srv.URL + "/world/")
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK {
				t.Errorf("reader %d: status %d", i, res.StatusCode)
			}
			bodies[i] = string(b)
		})
	}
	deadline := time.After(20 * time.Second)
	for n := range readers {
		select {
		case <-arrived:
		case <-deadline:
			t.Fatalf("only %d of %d readers arrived", n, readers)
		}
	}
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("renders for %d concurrent readers = %d, want 1", readers, n)
	}
	for i, b := range bodies {
		if b != "<p>Breaking</p>" {
			t.Errorf("reader %d got %q", i, b)
		}
	}
}
