package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestHealth(t *testing.T) {
	var down error
	h := Health(func(context.Context) error { return down })
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 200} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d", path, rec.Code)
		}
	}
	down = errors.New("database unreachable")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database down: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 {
		t.Fatal("healthz depends on the database")
	}
}

// TestLimitRefusesPastTheBound holds the only slot and checks the next request gets
// 503 with Retry-After instead of queuing without end.
func TestLimitRefusesPastTheBound(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	h := Limit(1, 100*time.Millisecond, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	}))
	go h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/search?q=a", nil))
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the first request did not start")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?q=b", nil))
	close(release)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("second request past the bound: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
}
