package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dateline/internal/store"
)

// outboxBacklog reports the events waiting in the outbox, by kind, at each scrape:
// a kind that keeps growing has a failing endpoint.
type outboxBacklog struct {
	store *store.Store
	kinds []string // the kinds this node delivers, reported even when none wait
	desc  *prometheus.Desc
}

func newOutboxBacklog(s *store.Store, kinds []string) *outboxBacklog {
	return &outboxBacklog{store: s, kinds: kinds, desc: prometheus.NewDesc("dateline_outbox_backlog",
		"Outbox events not yet delivered, by kind (a growing kind has a failing endpoint).", []string{"kind"}, nil)}
}

func (o *outboxBacklog) Describe(ch chan<- *prometheus.Desc) { ch <- o.desc }

func (o *outboxBacklog) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	backlog, err := o.store.OutboxBacklog(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(o.desc, err)
		return
	}
	for _, kind := range o.kinds {
		if _, ok := backlog[kind]; !ok {
			backlog[kind] = 0
		}
	}
	for kind, n := range backlog {
		ch <- prometheus.MustNewConstMetric(o.desc, prometheus.GaugeValue, float64(n), kind)
	}
}
