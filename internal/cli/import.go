package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/people"
	"dateline/internal/siteimport"
)

// importCmd brings another site's export over: dateline import wordpress|ghost FILE.
func importCmd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	st := addStorageFlags(fs, env)
	dry := fs.Bool("dry-run", false, "print what would be created, changed and skipped, and every warning; write nothing")
	uploads := fs.String("uploads", "", "a local copy of the old site's uploads folder (wp-content/uploads, Ghost's content/images)")
	fetch := fs.Bool("fetch-media", false, "fetch photos from their old addresses (public addresses only unless DATELINE_WIRE_ALLOW_PRIVATE=1)")
	keepEmails := fs.Bool("keep-reader-emails", false, "keep commenters' email addresses (not kept by default)")
	zone := fs.String("timezone", "", "the old site's time zone, for dates it gives only locally (default: this site's)")
	batch := fs.Int("batch", 250, "posts per transaction")
	oldURL := fs.String("site-url", "", "Ghost: the old site's address, for the __GHOST_URL__ in its links and photos (needed with --fetch-media)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dateline import [flags] wordpress|ghost FILE")
		fs.PrintDefaults()
	}
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() != 2 || (fs.Arg(0) != "wordpress" && fs.Arg(0) != "ghost") || *batch < 1 {
		fs.Usage()
		return errUsage
	}
	kind, file := fs.Arg(0), fs.Arg(1)
	if _, err := os.Stat(file); err != nil {
		return err
	}
	ws, err := readWireSettings(env, st.data)
	if err != nil {
		return err
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()
	site, err := s.Site(ctx)
	if err != nil {
		return err
	}
	loc, err := time.LoadLocation(firstOf(*zone, site.TimeZone, "UTC"))
	if err != nil {
		return fmt.Errorf("--timezone: %w", err)
	}
	open := func() (io.ReadCloser, error) { return os.Open(file) }
	var ex *siteimport.Export
	var warnings []siteimport.Warning
	if kind == "wordpress" {
		ex, warnings, err = siteimport.WordPress(open, loc)
	} else {
		ex, warnings, err = siteimport.Ghost(open, *oldURL)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	d := &desk.Desk{Store: s, Blobs: blobs, Now: time.Now}
	opts := siteimport.Options{Desk: d, Reads: s, DryRun: *dry, Uploads: *uploads, KeepEmails: *keepEmails, Zone: loc, Batch: *batch,
		Actor: desk.Actor{Person: people.Person{Name: "import", Role: people.RoleAdmin}, IP: "command line"}}
	if *fetch {
		opts.Fetch = ingest.Fetch(ingest.Client(ws.allowPrivate, time.Minute))
	}
	bar := newProgress(env.Stderr, ex.PostCount, isTerminal(env.Stderr))
	bar.unit = "posts"
	opts.Progress = func(done, _ int) { bar.update(done) }
	done, err := s.BulkLoad(ctx)
	if err != nil {
		return err
	}
	defer done()
	started := time.Now()
	report, err := siteimport.Run(ctx, ex, opts)
	bar.done()
	report.Warnings = append(warnings, report.Warnings...)
	report.Write(env.Stdout, *dry)
	took := time.Since(started)
	fmt.Fprintf(env.Stdout, "%d posts and pages in %s (%.0f/s)\n", ex.PostCount, took.Round(time.Millisecond),
		float64(ex.PostCount)/max(took.Seconds(), 1e-9))
	if err != nil {
		return fmt.Errorf("stopped: %w (what was filed before stays; run the import again to finish)", err)
	}
	return nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
