package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"dateline/internal/export"
	"dateline/internal/letters"
	"dateline/internal/settings"
	"dateline/internal/web/public"
)

// exportCmd writes the public site as static files: dateline export DIR.
func exportCmd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	st := addStorageFlags(fs, env)
	baseURL := fs.String("base-url", "", "the address the exported site will be served at (default: the site's address setting)")
	live := fs.String("live-url", "", "a live Dateline site for the search form and letters to point to; without one they are left out")
	incremental := fs.Bool("incremental", false, "write only the files whose pages changed since the last export into DIR")
	workers := fs.Int("workers", 0, "pages rendered at once (default: 2 per CPU)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dateline export [flags] DIR")
		fs.PrintDefaults()
	}
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() != 1 || *workers < 0 {
		fs.Usage()
		return errUsage
	}
	dir := fs.Arg(0)
	if *live != "" {
		v, err := settings.ParseBaseURL(*live)
		if err != nil {
			return fmt.Errorf("--live-url: %w", err)
		}
		*live = v
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()
	if strings.TrimSpace(*baseURL) != "" {
		explicit, err := settings.ParseBaseURL(*baseURL)
		if err != nil {
			return fmt.Errorf("--base-url: %w", err)
		}
		s.SetAddress(explicit, "")
	}
	site, err := s.Site(ctx)
	if err != nil {
		return err
	}
	pages, err := public.New(public.Config{Store: s, Blobs: blobs, ThemeDir: filepath.Join(st.data, "theme"),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now, Letters: &letters.Submitter{Store: s, Now: time.Now},
		CacheBytes: 1, MaxRenders: 1 << 10, Static: &public.Static{Live: *live}})
	if err != nil {
		return err
	}
	s.OnChange(pages.Invalidate)
	listen, stop := context.WithCancel(ctx)
	defer stop()
	go s.ListenForChanges(listen) // a server publishing meanwhile, in another process or on another node

	bar := newProgress(env.Stderr, 1, isTerminal(env.Stderr))
	bar.unit = "pages"
	rep, err := export.Run(ctx, export.Options{Dir: dir, Site: pages.Handler(), BaseURL: site.BaseURL, OnChange: s.OnChange,
		Settle: 1500 * time.Millisecond, Incremental: *incremental, Workers: *workers,
		Progress: func(done, known int) { bar.total = known; bar.update(done) }})
	bar.done()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Exported %d files (%.1f MB) for %s into %s in %s (%.0f files/s): %d written, %d unchanged, %d removed",
		rep.Pages, float64(rep.Bytes)/1e6, site.BaseURL, dir, rep.Took.Round(time.Millisecond), float64(rep.Pages)/rep.Took.Seconds(),
		rep.Written, rep.Unchanged, rep.Removed)
	if rep.Passes > 1 {
		fmt.Fprintf(env.Stdout, "; pages changed during the export were read again (%d passes)", rep.Passes)
	}
	fmt.Fprintln(env.Stdout, ".")
	return nil
}
