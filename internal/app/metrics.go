package app

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"dateline/internal/store"
	"dateline/internal/web/public"
)

// registerStoreMetrics exposes the render cache's, the database pool's and the outbox's figures.
func registerStoreMetrics(reg *prometheus.Registry, s *store.Store, site *public.Server, kinds []string) {
	reg.MustRegister(collectors.NewDBStatsCollector(s.DB(), "dateline"), newOutboxBacklog(s, kinds),
		// The Go heap, the GC's soft memory limit and the process's resident memory:
		// with the caches below, every memory user of a node.
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dateline_cache_max_bytes", Help: "The render cache's bound in bytes."},
			func() float64 { return float64(site.CacheMaxBytes()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dateline_db_page_cache_max_bytes",
			Help: "The most the database's page caches hold in this process (SQLite's connections together; 0 on PostgreSQL)."},
			func() float64 { return float64(s.PageCacheBytes()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dateline_body_cache_entries", Help: "Rendered story bodies kept."},
			func() float64 { n, _ := site.BodyCacheStats(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dateline_body_cache_max_entries", Help: "Rendered story bodies kept at most."},
			func() float64 { _, n := site.BodyCacheStats(); return float64(n) }))
	stat := func(i int) func() float64 {
		return func() float64 {
			h, m, e, p, b := site.CacheStats()
			return []float64{float64(h), float64(m), float64(e), float64(p), float64(b)}[i]
		}
	}
	reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "dateline_cache_hits_total", Help: "Render cache hits."}, stat(0)),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "dateline_cache_misses_total", Help: "Render cache misses."}, stat(1)),
		prometheus.NewCounterFunc(
			prometheus.CounterOpts{Name: "dateline_cache_evictions_total", Help: "Pages evicted to stay within the cache size."},
			stat(2),
		),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dateline_cache_pages", Help: "Pages in the render cache."}, stat(3)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dateline_cache_bytes", Help: "Bytes in the render cache."}, stat(4)),
		prometheus.NewCounterFunc(
			prometheus.CounterOpts{
				Name: "dateline_media_missing_total",
				Help: "Reads of a published story's media file that found no file on this node.",
			},
			func() float64 { return float64(site.MediaMissing()) },
		),
	)
}
