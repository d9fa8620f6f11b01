// Package ingest brings agency copy into the wire queue: files and folders named on
// the command line, a watched drop folder, and feeds polled over HTTP. Each item is
// stored on its own, so one bad file or item never holds up the rest, and a
// withdrawal takes down what was published as is at once.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dateline/internal/wire"
)

// DefaultMaxBytes is the largest file taken by default; agency items are rarely
// over a megabyte, and a bigger file is more likely a mistake or an attack.
const DefaultMaxBytes = 10 << 20

// Withdrawer takes down the stories published as is from a withdrawn item.
type Withdrawer interface {
	ApplyWithdrawal(ctx context.Context, e wire.Entry) ([]int64, error)
}

// Ingester stores wire items.
type Ingester struct {
	Store    wire.Store
	Withdraw Withdrawer
	MaxBytes int64 // per file or feed response; DefaultMaxBytes when 0
	Now      func() time.Time
	Log      *slog.Logger
}

// Report is what happened to one item, or to a file that gave no items.
type Report struct {
	Source    string // the file or feed
	Item      wire.Item
	Outcome   wire.Outcome
	TakenDown []int64 // stories unpublished because the item was withdrawn
	Err       error
	NoItems   bool // the file or feed was read and carries no items: not a failure
}

// Channels name the ways copy comes in; a polled feed's channel is its URL.
const (
	ChannelCommandLine = "the command line"
)

// FolderChannel is the channel of a drop folder.
func FolderChannel(dir string) string { return "folder " + dir }

func (in *Ingester) maxBytes() int64 {
	if in.MaxBytes > 0 {
		return in.MaxBytes
	}
	return DefaultMaxBytes
}

// Data ingests one file's bytes that came in through channel, returning a report
// per item (or one for the file).
func (in *Ingester) Data(ctx context.Context, source, channel string, data []byte) []Report {
	if int64(len(data)) > in.maxBytes() {
		return []Report{{Source: source, Err: in.tooBig(int64(len(data)))}}
	}
	results, err := parse(data, channel)
	if err != nil {
		return []Report{{Source: source, Err: err}}
	}
	if len(results) == 0 {
		return []Report{{Source: source, NoItems: true}}
	}
	reports := make([]Report, 0, len(results))
	for _, r := range results {
		rep := Report{Source: source, Item: r.Item, Err: r.Err}
		if rep.Err == nil {
			rep.Item, rep.Outcome, rep.TakenDown, rep.Err = in.save(ctx, r.Item)
		}
		reports = append(reports, rep)
	}
	return reports
}

// parse never lets a parser's panic take the server down: the file is reported bad.
func parse(data []byte, channel string) (results []wire.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			results, err = nil, fmt.Errorf("the file could not be read (parser failure: %v)", p)
		}
	}()
	return wire.Parse(data, channel)
}

func (in *Ingester) tooBig(n int64) error {
	return fmt.Errorf("the file is %d bytes, over the %d-byte limit (set by DATELINE_WIRE_MAX_BYTES or --max-bytes)", n, in.maxBytes())
}

// save stores an item and returns it as the queue now holds it.
func (in *Ingester) save(ctx context.Context, it wire.Item) (wire.Item, wire.Outcome, []int64, error) {
	if it.Agency == "" {
		it.Agency = "Unknown agency"
	}
	if it.Source == "" {
		// Copy that names no provider is known by the way it came in, so a notice
		// from elsewhere cannot touch it.
		it.Source = "via " + it.Channel
	}
	e, outcome, err := in.Store.SaveWireItem(ctx, it, in.Now())
	if err != nil {
		return it, "", nil, err
	}
	if outcome == wire.Added || outcome == wire.Updated {
		raw := it.Raw
		it = e.Item
		it.Raw = raw
	}
	var down []int64
	// A repeated withdrawal runs again too, in case the first was cut short.
	if e.Withdrawn() && outcome != wire.Older && in.Withdraw != nil {
		down, err = in.Withdraw.ApplyWithdrawal(ctx, e)
	}
	if in.Log != nil && (outcome == wire.Added || outcome == wire.Updated) {
		in.Log.Info(
			"wire item",
			"agency",
			it.Agency,
			"id",
			it.ID,
			"version",
			it.Version,
			"status",
			it.Status,
			"outcome",
			outcome,
			"taken_down",
			down,
		)
	}
	return it, outcome, down, err
}

// Paths ingests files and, recursively, folders (hidden files are skipped). Every
// file is tried; the reports say which failed and why.
func (in *Ingester) Paths(ctx context.Context, paths []string) []Report {
	var reports []Report
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				reports = append(reports, Report{Source: path, Err: err})
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return ctx.Err()
			}
			reports = append(reports, in.File(ctx, path, ChannelCommandLine)...)
			return ctx.Err()
		})
		if err != nil {
			reports = append(reports, Report{Source: root, Err: err})
			break
		}
	}
	return reports
}

// File ingests one file, refusing it unread when it is over the size limit.
func (in *Ingester) File(ctx context.Context, path, channel string) []Report {
	data, size, err := readLimited(path, in.maxBytes())
	if errors.Is(err, errTooBig) {
		return []Report{{Source: path, Err: in.tooBig(size)}}
	}
	if err != nil {
		return []Report{{Source: path, Err: err}}
	}
	return in.Data(ctx, path, channel, data)
}

var errTooBig = errors.New("over the size limit")

// readLimited reads a regular file of at most limit bytes; past it, it returns
// errTooBig and the size.
func readLimited(path string, limit int64) ([]byte, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return nil, 0, err
	case !st.Mode().IsRegular():
		return nil, 0, errors.New("not a regular file")
	case st.Size() > limit:
		return nil, st.Size(), errTooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, int64(len(data)), errTooBig
	}
	return data, int64(len(data)), err
}

// Failed reports whether any report is an error.
func Failed(reports []Report) bool {
	for _, r := range reports {
		if r.Err != nil {
			return true
		}
	}
	return false
}

// String is the report's line for people: "added NTB urn:… v2 “Headline”" or the error.
func (r Report) String() string {
	if r.Err != nil {
		return "failed: " + r.Err.Error()
	}
	if r.NoItems {
		return "no items"
	}
	s := fmt.Sprintf("%s %s %s %s v%d %q", r.Outcome, r.Item.Kind, r.Item.Agency, r.Item.ID, r.Item.Version, r.Item.Headline)
	if r.Item.Status != wire.StatusUsable {
		s += " (" + string(r.Item.Status) + ")"
	}
	if len(r.TakenDown) > 0 {
		s += fmt.Sprintf("; took down stories %v published as is", r.TakenDown)
	}
	return s
}
