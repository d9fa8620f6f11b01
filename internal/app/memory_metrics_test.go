package app_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"dateline/internal/app"
	"dateline/internal/sitetest"
	"dateline/internal/store/sqlite"
)

// Every memory user a node has is on /metrics: the page cache's bytes and bound,
// the story-body cache, SQLite's page caches, the Go heap and the process's resident memory; the page
// cache's bound is the one configured.
func TestMemoryUsersAreReported(t *testing.T) {
	st, blobs := sitetest.OpenStore(t, "sqlite")
	reg := prometheus.NewRegistry()
	handler, _, err := app.Assemble(st, blobs, filepath.Join(t.TempDir(), "theme"), slog.New(slog.NewTextHandler(io.Discard, nil)),
		sitetest.NewClock(time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)).Now, app.Options{MinFillTime: -1, Registry: reg, CacheBytes: 5 << 20})
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(handler)
	defer site.Close()
	if resp, err := http.Get(site.URL + "/"); err == nil {
		resp.Body.Close()
	}
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{"dateline_cache_bytes ", "dateline_cache_max_bytes 5.24288e+06", "dateline_body_cache_entries ",
		"dateline_body_cache_max_entries ", "dateline_db_page_cache_max_bytes " + strconv.FormatFloat(float64(sqlite.CacheBytes()), 'g', -1, 64),
		"go_memstats_heap_alloc_bytes ", "process_resident_memory_bytes ", "go_gc_gomemlimit_bytes "} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
