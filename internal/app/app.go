// Package app assembles one node of a Dateline site from its parts: the public
// site, the newsroom, the Admin and Content APIs, the scheduler and the outbox
// relay, over one store. The command (package cli) and the tests that need the
// whole site build nodes with it.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dateline/internal/auth"
	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/job"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/secret"
	"dateline/internal/settings"
	"dateline/internal/store"
	"dateline/internal/web"
	"dateline/internal/web/api"
	"dateline/internal/web/newsroom"
	"dateline/internal/web/public"
)

// Options are the wiring choices that configuration and tests make.
type Options struct {
	Notify      NotifyFunc           // nil: no notices to the letters desk
	MinFillTime time.Duration        // 0: the default; negative: none
	Purge       PurgeFunc            // nil: no CDN
	Registry    *prometheus.Registry // metrics go here when set
	WireClient  *http.Client         // fetches agency photos; none fetched when nil
	WireFeeds   func() []ingest.Status
	Keys        *secret.Keys // one per site, the same on every node; random when nil (tests)

	InviteTTL, ResetTTL time.Duration // 0: the newsroom's defaults
	Hasher              *auth.Hasher  // nil: the newsroom's default bound
	MaxStale            time.Duration // 0: the public site's default
	CacheBytes          int           // the page cache's bound; 0: the public site's default
	Desk                *desk.Desk    // nil: a new one
	// Served is the address this node answers at, for the newsroom's warning when
	// the site's address names another; nil or "": unknown.
	Served func() string
}

// Assemble builds one node of the site: the public pages, the newsroom and both APIs
// on one handler, and the workers (the scheduler that publishes embargoed stories,
// the outbox relay) for the caller to run.
func Assemble(
	s *store.Store,
	blobs media.Blobs,
	themeDir string,
	log *slog.Logger,
	now func() time.Time,
	opts Options,
) (http.Handler, *Workers, error) {
	if opts.Keys == nil {
		opts.Keys = secret.Random()
	}
	site, err := public.New(
		public.Config{
			Store:       s,
			Blobs:       blobs,
			ThemeDir:    themeDir,
			Log:         log,
			Now:         now,
			Letters:     &letters.Submitter{Store: s, Now: now, Notify: opts.Notify != nil},
			MinFillTime: opts.MinFillTime,
			Keys:        opts.Keys,
			MaxStale:    opts.MaxStale,
			CacheBytes:  opts.CacheBytes,
		},
	)
	if err != nil {
		return nil, nil, err
	}
	// Every committed change (here, or on another node) drops the cached pages built
	// from it at once; the CDN, if any, is asked to do the same by the outbox relay
	// of whichever node claims the change's purge event.
	s.OnChange(site.Invalidate)
	relay := newRelay(s, now, log, opts.Purge, opts.Notify)
	s.OnChange(func(tags []string) {
		if slices.Contains(tags, store.TagOutbox) || slices.Contains(tags, store.TagSite) {
			relay.Poke()
		}
	})
	d := opts.Desk
	if d == nil {
		d = &desk.Desk{Store: s, Blobs: blobs, Now: now}
	}
	if opts.WireClient != nil {
		d.Fetch = ingest.Fetch(opts.WireClient)
	}
	nr, err := newsroom.New(
		newsroom.Config{
			Store:     s,
			Desk:      d,
			Accounts:  &auth.Accounts{Store: s, Now: now},
			Preview:   site,
			Blobs:     blobs,
			Log:       log,
			Feeds:     opts.WireFeeds,
			Keys:      opts.Keys,
			InviteTTL: opts.InviteTTL,
			ResetTTL:  opts.ResetTTL,
			Hasher:    opts.Hasher,
			Served:    opts.Served,
		},
	)
	if err != nil {
		return nil, nil, err
	}
	mux := http.NewServeMux()
	feedLive := func(context.Context) error {
		if since, live := s.ChangeFeed(); !live {
			return fmt.Errorf("not hearing other nodes' changes since %s", since.Format(time.RFC3339))
		}
		return nil
	}
	var reg prometheus.Registerer // nil unless metrics are on (a typed nil would not be)
	if opts.Registry != nil {
		reg = opts.Registry
	}
	health := web.NewReadiness(log, reg, web.Check{Name: "database", Run: s.Ready}, web.Check{Name: "changes", Run: feedLive},
		web.Check{Name: "media", Run: site.CheckMedia}).Handler()
	mux.Handle("GET /healthz", health)
	mux.Handle("GET /readyz", health)
	mux.Handle("/api/admin/", api.New(s, d, log).Handler())
	mux.Handle("/api/v1/", api.NewContent(s, site.Searches(), web.Adapter{Log: log}).Handler())
	mux.Handle("/newsroom/", nr.Handler())
	mux.Handle("/", site.Handler())
	// The scheduler sleeps until the next embargo. An embargo set, moved or lifted,
	// here or on another node, wakes it, and so does a reconnection (changes missed
	// meanwhile are reported as the whole site).
	scheduler := &job.Scheduler{Store: s, Now: now, Interval: time.Minute, Log: log}
	s.OnChange(func(tags []string) {
		if slices.Contains(tags, store.TagSchedule) || slices.Contains(tags, store.TagSite) {
			scheduler.Poke()
		}
	})
	var h http.Handler
	if opts.Registry != nil {
		m := web.NewMetrics(opts.Registry)
		m.Log = log
		h = m.Wrap(mux)
		registerStoreMetrics(opts.Registry, s, site, slices.Sorted(maps.Keys(relay.Handlers)))
	} else {
		h = web.AccessLog(log, mux)
	}
	// The trusted proxies, read once and again whenever the settings change, decide
	// whose X-Request-ID is kept.
	proxies := &web.Proxies{}
	loadProxies := func() {
		if site, err := s.Site(context.Background()); err == nil {
			list, _ := settings.ParseProxies(site.TrustedProxies)
			proxies.Set(list)
		}
	}
	loadProxies()
	s.OnChange(func(tags []string) {
		if slices.Contains(tags, store.TagSite) {
			loadProxies()
		}
	})
	return web.RequestIDs(proxies, web.Recover(log, h)), &Workers{Scheduler: scheduler, Relay: relay}, nil
}
