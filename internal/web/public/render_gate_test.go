package public

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"dateline/internal/cache"
)

// TestCrawlIsShedNotQueued: a crawler opening many connections on distinct cold
// pages does not build an unbounded queue of renders. Past the renders that may run
// and the few that may wait, a request gets 503 with Retry-After at once; pages in
// the cache are still served; once the renders finish, misses render again.
func TestCrawlIsShedNotQueued(t *testing.T) {
	const renders, waiting, crawlers = 2, 3, 24
	s := &Server{
		now:   time.Now,
		pages: cache.New(1<<20, time.Minute),
		kept:  newLastGood(10, 1<<20),
		feed:  func() (time.Time, bool) { return time.Time{}, true },
		gate:  newRenderGate(renders, waiting, time.Minute),
	}
	started := make(chan string, crawlers)
	release := make(chan struct{})
	page := s.cachePages(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/hot/" {
			started <- r.URL.Path
			<-release // a slow render: the crawl piles up behind it
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<p>"+r.URL.Path+"</p>")
	}))
	srv := httptest.NewServer(page)
	defer srv.Close()
	get := func(path string) (int, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		defer res.Body.Close()
		io.Copy(io.Discard, res.Body)
		return res.StatusCode, res.Header.Get("Retry-After")
	}
	if status, _ := get("/hot/"); status != http.StatusOK { // cached before the crawl
		t.Fatalf("hot page: %d", status)
	}

	var wg sync.WaitGroup
	statuses := make(chan int, crawlers)
	shed := make(chan string, crawlers)
	for i := range crawlers {
		wg.Go(func() {
			status, retry := get("/archive/" + strconv.Itoa(i) + "/")
			statuses <- status
			if status == http.StatusServiceUnavailable {
				shed <- retry
			}
		})
	}
	// The renders that may run start; every request past those that may wait is
	// answered 503 while they are held.
	for range renders {
		select {
		case <-started:
		case <-time.After(20 * time.Second):
			t.Fatal("the renders did not start")
		}
	}
	for range crawlers - renders - waiting {
		select {
		case retry := <-shed:
			if n, err := strconv.Atoi(retry); err != nil || n < 1 {
				t.Fatalf("a shed request's Retry-After: %q", retry)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the crawl past the bound was not shed")
		}
	}
	if status, _ := get("/hot/"); status != http.StatusOK {
		t.Fatalf("a cached page during the crawl: %d", status)
	}
	close(release)
	wg.Wait()
	close(statuses)
	ok := 0
	for st := range statuses {
		if st == http.StatusOK {
			ok++
		}
	}
	if ok != renders+waiting {
		t.Fatalf("%d crawl requests were served, want the %d that rendered or waited", ok, renders+waiting)
	}
	if status, _ := get("/archive/new/"); status != http.StatusOK {
		t.Fatalf("a miss after the crawl: %d", status)
	}
}
