package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/media"
	"dateline/internal/store"
)

// wireSettings are the wire desk's settings, from the environment.
type wireSettings struct {
	drop         string        // the drop folder; "" when off
	feeds        []string      // feed URLs to poll
	poll         time.Duration // between polls of a feed
	allowPrivate bool          // let feeds and photos come from private addresses
	maxBytes     int64         // largest file or feed taken
}

func readWireSettings(env Env, data string) (wireSettings, error) {
	w := wireSettings{drop: filepath.Join(data, "wire-inbox"), poll: 5 * time.Minute, maxBytes: ingest.DefaultMaxBytes,
		feeds: strings.FieldsFunc(env.Getenv("DATELINE_WIRE_FEEDS"), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' })}
	switch v := env.Getenv("DATELINE_WIRE_DROP"); v {
	case "":
	case "off":
		w.drop = ""
	default:
		w.drop = v
	}
	if v := env.Getenv("DATELINE_WIRE_POLL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 10*time.Second {
			return w, fmt.Errorf("DATELINE_WIRE_POLL=%q: want a duration of at least 10s, such as 5m", v)
		}
		w.poll = d
	}
	if v := env.Getenv("DATELINE_WIRE_MAX_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 {
			return w, fmt.Errorf("DATELINE_WIRE_MAX_BYTES=%q: want a number of bytes, at least 1024", v)
		}
		w.maxBytes = n
	}
	switch v := env.Getenv("DATELINE_WIRE_ALLOW_PRIVATE"); v {
	case "", "0", "false":
	case "1", "true":
		w.allowPrivate = true
	default:
		return w, fmt.Errorf("DATELINE_WIRE_ALLOW_PRIVATE=%q: want 1 or 0", v)
	}
	return w, ingest.CheckFeeds(w.feeds)
}

// ingestCmd puts agency files and folders into the wire queue, reporting each file.
func ingestCmd(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	st := addStorageFlags(fs, env)
	maxBytes := fs.Int64("max-bytes", 0, "largest file taken, in bytes (default DATELINE_WIRE_MAX_BYTES, else 10 MB)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: dateline ingest [--data DIR] [--db DSN] [--max-bytes N] PATH...")
		fs.PrintDefaults()
	}
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	ws, err := readWireSettings(env, st.data)
	if err != nil {
		return err
	}
	if *maxBytes > 0 {
		ws.maxBytes = *maxBytes
	}
	for _, p := range fs.Args() {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	s, blobs, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	defer blobs.Close()
	in := newIngester(s, blobs, ws, nil)
	reports := in.Paths(ctx, fs.Args())
	counts := map[string]int{}
	files := map[string]bool{}
	for _, r := range reports {
		fmt.Fprintf(env.Stdout, "%s: %s\n", r.Source, r)
		if r.Err != nil {
			files[r.Source] = true
			counts["failed"]++
		} else {
			counts[string(r.Outcome)]++
		}
	}
	fmt.Fprintf(env.Stdout, "%d items added, %d updated, %d already queued, %d older versions ignored; %d items or files failed in %d files\n",
		counts["added"], counts["updated"], counts["unchanged"], counts["older"], counts["failed"], len(files))
	if len(files) > 0 {
		return fmt.Errorf("%d files could not be ingested in full (reasons above)", len(files))
	}
	return nil
}

// newIngester wires the ingester to the store and to a desk for withdrawals.
func newIngester(s *store.Store, blobs media.Blobs, ws wireSettings, log *slog.Logger) *ingest.Ingester {
	d := &desk.Desk{Store: s, Blobs: blobs, Now: time.Now}
	return &ingest.Ingester{Store: s, Withdraw: d, MaxBytes: ws.maxBytes, Now: time.Now, Log: log}
}
