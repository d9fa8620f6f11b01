package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"dateline/internal/cdn"
	"dateline/internal/desk"
	"dateline/internal/job"
	"dateline/internal/media"
	"dateline/internal/notify"
	"dateline/internal/people"
	"dateline/internal/store"
	"dateline/internal/web"
	"dateline/internal/web/api"
	"dateline/internal/web/newsroom"
	"dateline/internal/web/public"
)

// serve runs the site until ctx is cancelled, then shuts down gracefully.
func serve(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr(env, "DATELINE_ADDR", ":8080"), "address to listen on (env DATELINE_ADDR)")
	withDemo := fs.Bool("demo", false, "load the demo newsroom into an empty database, even PostgreSQL")
	st := addStorageFlags(fs, env)
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()

	// A new embedded site starts with the demo newsroom so there is something to see;
	// a PostgreSQL site is production and is seeded only when asked.
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
	opts := options{}
	if mailer != nil {
		site, err := s.Site(ctx)
		if err != nil {
			return err
		}
		mailer.Log, mailer.DeskURL = log, site.BaseURL+"/newsroom/letters"
		opts.notify = mailer.Message
	}
	if purger := cdn.FromEnv(env.Getenv, log); purger != nil {
		opts.purge = purger.Purge
	}
	handler, scheduler, err := wire(s, blobs, filepath.Join(st.data, "theme"), log, time.Now, opts)
	if err != nil {
		return err
	}
	if err := adviseAdmin(ctx, s, env); err != nil {
		return err
	}
	go scheduler.Run(ctx)
	go s.ListenForChanges(ctx)
	go (&job.Retention{Store: s, Now: time.Now, Interval: time.Hour, Log: log}).Run(ctx)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
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

// wire builds the whole site: the public pages, the newsroom and the Admin API on one
// handler, and the scheduler that publishes embargoed stories.
// options are the wiring choices tests and configuration make.
type options struct {
	notify      public.NotifyFunc
	minFillTime time.Duration // 0: the default; negative: none
	purge       func(tags []string)
}

func wire(s *store.Store, blobs media.Blobs, themeDir string, log *slog.Logger, now func() time.Time, opts options) (http.Handler, *job.Scheduler, error) {
	site, err := public.New(public.Config{Store: s, Blobs: blobs, ThemeDir: themeDir, Log: log, Now: now, Notify: opts.notify, MinFillTime: opts.minFillTime})
	if err != nil {
		return nil, nil, err
	}
	// Every committed change (here, or on another node) drops the cached pages built
	// from it, and asks the CDN, if any, to do the same.
	s.OnChange(site.Invalidate)
	if opts.purge != nil {
		site.OnInvalidate(opts.purge)
	}
	d := &desk.Desk{Store: s, Blobs: blobs, Now: now}
	nr, err := newsroom.New(newsroom.Config{Store: s, Desk: d, Preview: site, Blobs: blobs, Log: log})
	if err != nil {
		return nil, nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/admin/", api.New(s, d, log).Handler())
	mux.Handle("/api/v1/", api.NewContent(s, web.Adapter{Log: log}).Handler())
	mux.Handle("/newsroom/", nr.Handler())
	mux.Handle("/", site.Handler())
	scheduler := &job.Scheduler{Store: s, Now: now, Interval: time.Second, Log: log}
	return web.Recover(log, web.AccessLog(log, mux)), scheduler, nil
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
