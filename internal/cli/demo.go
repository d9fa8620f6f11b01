package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"dateline/internal/demo"
)

// demoCmd loads the demo newsroom into an empty site, or adds a generated archive.
func demoCmd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	n := fs.Int("stories", 0, "add this many generated stories for benchmarks (loads the demo newsroom first if the site is empty)")
	seed := fs.Uint64("seed", 1, "random seed for generated stories")
	st := addStorageFlags(fs, env)
	if err := parseFlags(fs, env, args); err != nil {
		return err
	}
	if *n < 0 {
		return fmt.Errorf("--stories must not be negative, got %d", *n)
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()

	loaded, err := loadDemoIfEmpty(ctx, s, blobs, true)
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintln(env.Stdout, "Loaded the demo newsroom.")
	} else if *n == 0 {
		return fmt.Errorf("the site at %s already has content; the demo newsroom loads only into an empty site (use --stories N to add an archive)", st.dsn())
	}
	if *n == 0 {
		return nil
	}
	done, err := s.BulkLoad(ctx)
	if err != nil {
		return err
	}
	defer done()
	bar := newProgress(env.Stderr, *n, isTerminal(env.Stderr))
	start := time.Now()
	if err := demo.Archive(ctx, s, *n, time.Now(), *seed, bar.update); err != nil {
		return err
	}
	bar.done()
	took := time.Since(start)
	fmt.Fprintf(env.Stdout, "Added %d stories, searchable and with their related stories, in %s (%.0f stories/s).\n",
		*n, took.Round(time.Millisecond), float64(*n)/took.Seconds())
	// The archive indexes its stories as it stores them; this completes the index
	// of a site whose earlier load was interrupted.
	if indexed, err := s.IndexMissing(ctx); err != nil {
		return err
	} else if indexed > 0 {
		fmt.Fprintf(env.Stdout, "Indexed %d earlier stories missing from search.\n", indexed)
	}
	return nil
}

// isTerminal reports whether w is a character device, where a live progress bar makes sense.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
