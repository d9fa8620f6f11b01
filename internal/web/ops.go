package web

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Check is one condition a node must meet to take traffic: the database answers
// with this program's schema, the change feed from other nodes is live, the media
// store is readable.
type Check struct {
	Name string
	Run  func(ctx context.Context) error
}

// Readiness answers /healthz (the process is alive) and /readyz (every check passes)
// for load balancers. /readyz says only "ready" or "not ready": the reasons, which
// name hosts, users and paths, go to the log when a check starts or stops failing,
// and to /metrics as dateline_ready{check}.
type Readiness struct {
	checks  []Check
	log     *slog.Logger
	gauge   *prometheus.GaugeVec
	mu      sync.Mutex
	failing map[string]bool
}

// NewReadiness runs checks on each /readyz; reg (optional) receives the gauge.
func NewReadiness(log *slog.Logger, reg prometheus.Registerer, checks ...Check) *Readiness {
	h := &Readiness{checks: checks, log: log, failing: map[string]bool{},
		gauge: prometheus.NewGaugeVec(
			prometheus.GaugeOpts{Name: "dateline_ready", Help: "1 when a readiness check passes, 0 when it fails."},
			[]string{"check"},
		)}
	if reg != nil {
		reg.MustRegister(h.gauge)
	}
	return h
}

// Ready runs every check and reports whether all passed, logging changes.
func (h *Readiness) Ready(ctx context.Context) bool {
	ok := true
	for _, c := range h.checks {
		err := c.Run(ctx)
		h.mu.Lock()
		was := h.failing[c.Name]
		h.failing[c.Name] = err != nil
		h.mu.Unlock()
		switch {
		case err != nil && !was:
			h.log.Error("not ready", "check", c.Name, "reason", err)
		case err == nil && was:
			h.log.Info("ready again", "check", c.Name)
		}
		if err != nil {
			ok = false
			h.gauge.WithLabelValues(c.Name).Set(0)
		} else {
			h.gauge.WithLabelValues(c.Name).Set(1)
		}
	}
	return ok
}

// Handler serves /healthz and /readyz.
func (h *Readiness) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if !h.Ready(ctx) {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	return mux
}

// Metrics counts requests by route group and status and times them, into reg; with
// a logger it also writes the access log, so a request is wrapped once, not twice.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	Log      *slog.Logger
	// The series already met, so a request finds its counter and timer without
	// hashing label values: route groups and statuses are few.
	counters sync.Map // routeStatus → prometheus.Counter
	timers   sync.Map // route group → prometheus.Observer
}

type routeStatus struct {
	route  string
	status int
}

func (m *Metrics) counter(route string, status int) prometheus.Counter {
	key := routeStatus{route, status}
	if c, ok := m.counters.Load(key); ok {
		return c.(prometheus.Counter)
	}
	c, _ := m.counters.LoadOrStore(key, m.requests.WithLabelValues(route, strconv.Itoa(status)))
	return c.(prometheus.Counter)
}

func (m *Metrics) timer(route string) prometheus.Observer {
	if o, ok := m.timers.Load(route); ok {
		return o.(prometheus.Observer)
	}
	o, _ := m.timers.LoadOrStore(route, m.latency.WithLabelValues(route))
	return o.(prometheus.Observer)
}

// NewMetrics registers the request metrics in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(
			prometheus.CounterOpts{Name: "dateline_http_requests_total", Help: "HTTP requests by route group and status."},
			[]string{"route", "status"},
		),
		latency: prometheus.NewHistogramVec(
			prometheus.HistogramOpts{Name: "dateline_http_request_seconds", Help: "HTTP request latency by route group.",
				Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}},
			[]string{"route"},
		),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// RouteGroup names a path's kind of page, keeping the metrics' labels few.
func RouteGroup(path string) string {
	switch {
	case path == "/":
		return "home"
	case strings.HasPrefix(path, "/api/v1/"):
		return "content_api"
	case strings.HasPrefix(path, "/api/admin/"):
		return "admin_api"
	case strings.HasPrefix(path, "/newsroom/"):
		return "newsroom"
	case strings.HasPrefix(path, "/static/"), strings.HasPrefix(path, "/media/"):
		return "files"
	case strings.HasPrefix(path, "/search"):
		return "search"
	case strings.HasSuffix(path, "/feed.xml"), strings.HasSuffix(path, "/feed.atom"), strings.HasSuffix(path, "/feed.json"):
		return "feed"
	case strings.Contains(path, "sitemap"), path == "/robots.txt":
		return "sitemap"
	case strings.HasPrefix(path, "/letters/"):
		return "letters"
	case strings.Count(strings.Trim(path, "/"), "/") >= 4:
		return "story"
	}
	return "page"
}

// Wrap measures next.
func (m *Metrics) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		route := RouteGroup(r.URL.Path)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		took := time.Since(start)
		m.counter(route, rec.status).Inc()
		m.timer(route).Observe(took.Seconds())
		if m.Log != nil {
			logRequest(r.Context(), m.Log, r, rec, took)
		}
	})
}

// MetricsHandler serves reg in the Prometheus text format.
func MetricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}
