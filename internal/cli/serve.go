package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"dateline/internal/app"
	"dateline/internal/cdn"
	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/job"
	"dateline/internal/notify"
	"dateline/internal/people"
	"dateline/internal/settings"
	"dateline/internal/store"
	"dateline/internal/web"
)

// serve runs the site until ctx is cancelled, then shuts down gracefully.
func serve(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr(env, "DATELINE_ADDR", ":8080"), "address to listen on (env DATELINE_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo newsroom into an empty database, even PostgreSQL")
	baseURL := fs.String("base-url", env.Getenv("DATELINE_BASE_URL"),
		"the site's public address, e.g. https://news.example (env DATELINE_BASE_URL); wins over the newsroom's setting")
	metricsAddr := fs.String(
		"metrics-addr",
		envOr(env, "DATELINE_METRICS_ADDR", ""),
		"serve Prometheus metrics at /metrics on this address, apart from the site (env DATELINE_METRICS_ADDR; off when empty)",
	)
	cacheSize := fs.String("cache-size", envOr(env, "DATELINE_CACHE_SIZE", "32MiB"),
		"the page cache's bound, e.g. 32MiB or 256MB (env DATELINE_CACHE_SIZE); the Go memory limit follows it unless GOMEMLIMIT is set")
	st := addStorageFlags(fs, env)
	kf, err := addKeyFlags(fs, env)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	cacheBytes, err := parseBytes(*cacheSize)
	if err == nil && cacheBytes < 1<<20 {
		err = fmt.Errorf("%s is less than 1MiB", *cacheSize)
	}
	if err != nil {
		return fmt.Errorf("--cache-size: %w", err)
	}
	defer debug.SetMemoryLimit(setMemoryLimit(env, cacheBytes))
	explicitBase := ""
	if strings.TrimSpace(*baseURL) != "" {
		if explicitBase, err = settings.ParseBaseURL(*baseURL); err != nil {
			return fmt.Errorf("--base-url: %w", err)
		}
	}
	log := slog.New(web.LogContext{Handler: slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})})

	// The lock comes before the database is opened, so a restore cannot replace the
	// file between the two.
	if err := checkDataDir(st.data); err != nil {
		return err
	}
	lock, err := lockData(st.data, false)
	if err != nil {
		return err
	}
	defer lock.Release()
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()

	// A new embedded site starts with the demo newsroom so there is something to see;
	// a PostgreSQL site is production and is seeded only when asked.
	keys, err := loadKeys(ctx, s, env, kf, st.data, log)
	if err != nil {
		return err
	}
	loaded, err := loadDemoIfEmpty(ctx, s, blobs, s.Engine() == "sqlite" || *withDemo)
	if err != nil {
		return err
	}
	if loaded {
		log.Info("loaded the demo newsroom into the new database")
	}

	mailer, err := notify.FromEnv(env.Getenv)
	if err != nil {
		return err
	}
	ws, err := readWireSettings(env, st.data)
	if err != nil {
		return err
	}
	maxStale, err := envDuration(env, "DATELINE_MAX_STALE", time.Minute)
	if err != nil {
		return err
	}
	var served string // the address bound, known once listening
	opts := app.Options{Registry: prometheus.NewRegistry(), WireClient: ingest.Client(ws.allowPrivate, 30*time.Second), Keys: keys,
		Served:    func() string { return served },
		InviteTTL: kf.inviteTTL, ResetTTL: kf.resetTTL, MaxStale: maxStale, Desk: &desk.Desk{Store: s, Blobs: blobs, Now: time.Now},
		CacheBytes: cacheBytes,
	}
	in := newIngester(s, blobs, ws, log)
	var poller *ingest.Poller
	if len(ws.feeds) > 0 {
		poller = &ingest.Poller{In: in, Client: opts.WireClient, Feeds: ws.feeds, Interval: ws.poll, Now: time.Now}
		opts.WireFeeds = poller.Statuses
	}
	if mailer != nil {
		site, err := s.Site(ctx)
		if err != nil {
			return err
		}
		mailer.DeskURL = site.BaseURL + "/newsroom/letters"
		opts.Notify = mailer.Message
	}
	if purger := cdn.FromEnv(env.Getenv); purger != nil {
		opts.Purge = purger.Send
	}
	handler, work, err := app.Assemble(s, blobs, filepath.Join(st.data, "theme"), log, time.Now, opts)
	if err != nil {
		return err
	}
	if err := adviseAdmin(ctx, s, env); err != nil {
		return err
	}
	if loaded {
		work.Relay.DeliverDue(ctx)
	}
	work.Run(ctx)
	go cleanOldPhotos(ctx, opts.Desk, log)
	go s.ListenForChanges(ctx)
	go (&job.Retention{Store: s, Now: time.Now, Interval: 10 * time.Minute, Log: log, EmptyTrash: opts.Desk.EmptyTrash}).Run(ctx)
	if ws.drop != "" {
		drop := &ingest.DropFolder{In: in, Dir: ws.drop}
		if err := drop.Prepare(); err != nil {
			return err
		}
		go func() {
			if err := drop.Run(ctx); err != nil && ctx.Err() == nil {
				log.Error("wire drop folder stopped", "dir", ws.drop, "err", err)
			}
		}()
		fmt.Fprintf(env.Stdout, "Wire drop folder: %s\n", ws.drop)
	}
	if poller != nil {
		go poller.Run(ctx)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if err := announceAddress(ctx, s, env, explicitBase, ln.Addr(), &served); err != nil {
		return err
	}
	srv := newHTTPServer(handler, log, serverLimits{})
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("metrics: listen on %s: %w", *metricsAddr, err)
		}
		// The metrics address is for operators only, so it also carries pprof profiles.
		ops := http.NewServeMux()
		ops.Handle("/metrics", web.MetricsHandler(opts.Registry))
		ops.HandleFunc("/debug/pprof/", pprof.Index)
		ops.HandleFunc("/debug/pprof/profile", pprof.Profile)
		ops.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		msrv := newHTTPServer(ops, log, serverLimits{write: 2 * time.Minute})
		go func() {
			if err := msrv.Serve(mln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("metrics server stopped", "err", err)
			}
		}()
		defer msrv.Close()
		fmt.Fprintf(env.Stdout, "Metrics at http://%s/metrics\n", mln.Addr())
	}
	fmt.Fprintf(env.Stdout, "Dateline is serving %s (data in %s)\n", siteURL(ln.Addr()), st.data)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if err := work.Wait(shutdown); err != nil {
		log.Warn("background work still running at shutdown; the outbox hands it to the next claim", "err", err)
	}
	return nil
}

// announceAddress settles the site's address and says it: --base-url when given,
// else the stored setting, else (a setting never made) the address bound. It warns
// when the address names another host or port than the one served and no proxy is
// configured to explain it.
func announceAddress(ctx context.Context, s *store.Store, env Env, explicit string, bound net.Addr, served *string) error {
	*served = strings.TrimSuffix(siteURL(bound), "/")
	s.SetAddress(explicit, *served)
	site, err := s.Site(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Site address: %s\n", site.BaseURL)
	if w := settings.AddressWarning(site.BaseURL, *served, site.TrustedProxies); w != "" {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	return nil
}

// siteURL is the address to open in a browser: "http://localhost:8080/" for ":8080".
func siteURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return "http://" + host + ":" + port + "/"
}

// serverLimits are the HTTP server's defences against slow and greedy clients.
type serverLimits struct {
	readHeader, read, write, idle time.Duration
	maxHeaderBytes                int
}

// newHTTPServer is the server every listener uses: timeouts so that slow clients
// cannot hold connections, and a bound on request header size (431 past it).
func newHTTPServer(h http.Handler, log *slog.Logger, l serverLimits) *http.Server {
	def := func(v, d time.Duration) time.Duration {
		if v == 0 {
			return d
		}
		return v
	}
	if l.maxHeaderBytes == 0 {
		l.maxHeaderBytes = 64 << 10
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: def(l.readHeader, 10*time.Second),
		ReadTimeout:       def(l.read, 30*time.Second),
		WriteTimeout:      def(l.write, 60*time.Second),
		IdleTimeout:       def(l.idle, 120*time.Second),
		MaxHeaderBytes:    l.maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// adviseAdmin tells the operator how to get into the newsroom when nobody can.
func adviseAdmin(ctx context.Context, s *store.Store, env Env) error {
	list, err := s.People(ctx)
	if err != nil {
		return err
	}
	for _, p := range list {
		if p.Role == people.RoleAdmin && !p.Disabled {
			return nil
		}
	}
	fmt.Fprintln(env.Stdout, "No newsroom admin exists yet. Create one with:")
	fmt.Fprintln(env.Stdout, "  dateline user add --email you@example.com --name \"Your Name\" --role admin   (type the password, then Enter)")
	return nil
}

// cleanOldPhotos re-stores, without their metadata, photos kept by a version that
// published them byte for byte. It runs once per start, in the background, within the
// desk's decoding budget; a site with nothing to clean costs one query.
func cleanOldPhotos(ctx context.Context, d *desk.Desk, log *slog.Logger) {
	n, problems := d.CleanStoredPhotos(ctx)
	if n > 0 {
		log.Info("removed metadata from stored photos", "photos", n)
	}
	for _, err := range problems {
		log.Warn("a stored photo could not be cleaned of its metadata", "err", err)
	}
}
