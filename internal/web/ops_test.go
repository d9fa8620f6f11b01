package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestReadinessSaysOnlyReadyOrNot(t *testing.T) {
	var logs bytes.Buffer
	var down error
	reg := prometheus.NewRegistry()
	h := NewReadiness(
		slog.New(slog.NewTextHandler(&logs, nil)),
		reg,
		Check{Name: "database", Run: func(context.Context) error { return down }},
		Check{Name: "media", Run: func(context.Context) error { return nil }},
	).Handler()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	if rec := get("/readyz"); rec.Code != 200 || get("/healthz").Code != 200 {
		t.Fatalf("ready: %d", rec.Code)
	}
	down = errors.New("database unreachable: dial tcp db.internal:5432 as user dateline_rw")
	for range 3 {
		rec := get("/readyz")
		if rec.Code != http.StatusServiceUnavailable || strings.TrimSpace(rec.Body.String()) != "not ready" {
			t.Fatalf("database down: %d %q, want 503 saying only \"not ready\"", rec.Code, rec.Body.String())
		}
	}
	if get("/healthz").Code != 200 {
		t.Fatal("healthz depends on the database")
	}
	if n := strings.Count(logs.String(), "db.internal"); n != 1 {
		t.Fatalf("the reason was logged %d times, want once:\n%s", n, logs.String())
	}
	if v := readyGauge(t, reg, "database"); v != 0 {
		t.Fatalf("dateline_ready{check=database} = %v", v)
	}
}

// readyGauge reads dateline_ready{check} from the registry.
func readyGauge(t *testing.T, reg *prometheus.Registry, check string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil || len(families) != 1 || families[0].GetName() != "dateline_ready" {
		t.Fatalf("metrics: %v %v", families, err)
	}
	for _, m := range families[0].GetMetric() {
		if m.GetLabel()[0].GetValue() == check {
			return m.GetGauge().GetValue()
		}
	}
	t.Fatalf("no gauge for %s", check)
	return 0
}
