package siteimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"dateline/internal/desk"
	"dateline/internal/origin"
	"dateline/internal/section"
)

// converterVersion is part of every digest: a better converter in a later release
// updates what it would now write differently.
const converterVersion = "1"

// Reads are what the importer reads from the site besides the desk.
type Reads interface {
	origin.Store
	Sections(ctx context.Context) ([]section.Section, error)
	FrontIDs(ctx context.Context, sectionID int64) ([]int64, error)
}

// Options say how to import.
type Options struct {
	Desk   *desk.Desk
	Reads  Reads
	Actor  desk.Actor
	DryRun bool // go through everything, keep nothing
	// Uploads is a local copy of the old site's uploads folder (wp-content/uploads,
	// Ghost's content/images); "" for none.
	Uploads string
	// Fetch opens a photo's old address (the guarded client); nil: not fetched.
	Fetch      desk.Fetcher
	KeepEmails bool           // keep commenters' email addresses
	Zone       *time.Location // the old site's zone, for dates it gives only locally
	Batch      int            // posts per transaction; default 250
	// Progress is told how many posts are done of how many.
	Progress func(done, total int)
}

// Export is another site's content in neutral records: the small kinds in full,
// the posts as a stream.
type Export struct {
	Source      string // "wordpress https://old.example"
	BaseURL     string // the old site's address, when known
	Language    string
	Authors     []Author
	Categories  []Term
	Tags        []Term
	Attachments []Attachment
	PostCount   int
	Posts       func(visit func(Post) error) error
	// The old site's address forms for the archives Dateline redirects.
	CategoryPaths func(path []string) []string // a category's paths, from its root
	TagPaths      func(key string) []string
	AuthorPaths   func(key string) []string
	Feeds         []string        // the site's main feeds
	Pages         map[string]Post // every page: key, slug, title and parent, to flatten children
	Skipped       map[string]int  // what the export holds that is not imported, by kind
	ExtraPostURLs func(p Post) []string
}

// importer carries one run's state.
type importer struct {
	opts     Options
	ex       *Export
	report   *Report
	people   map[string]int64 // author key → person
	sections map[string]int64 // category key → section
	fallback int64            // the section of posts without a category
	topics   map[string]int64
	photos   map[string]int64 // attachment key → photo (0 in a dry run)
	byURL    map[string]string
	pages    map[string]Post // page key → page (slug and parent only)
	sticky   []int64         // the stories of posts the old site kept at the top
	secByKey map[string]*section.Section
}

// Run files an export through the desk.
func Run(ctx context.Context, ex *Export, opts Options) (*Report, error) {
	if opts.Batch <= 0 {
		opts.Batch = 250
	}
	if opts.Zone == nil {
		opts.Zone = time.UTC
	}
	im := &importer{opts: opts, ex: ex, report: &Report{Source: ex.Source, Counts: map[Kind]map[desk.ImportOutcome]int{},
		Skipped: map[string]int{}},
		people: map[string]int64{}, sections: map[string]int64{}, topics: map[string]int64{}, photos: map[string]int64{},
		byURL: map[string]string{}, pages: ex.Pages, secByKey: map[string]*section.Section{}}
	run := func(ctx context.Context) error {
		steps := []func(context.Context) error{im.importPeople, im.importSections, im.importTopics, im.feeds, im.media, im.posts, im.front}
		for _, step := range steps {
			if err := step(ctx); err != nil {
				return err
			}
		}
		return nil
	}
	for k, n := range ex.Skipped {
		im.report.skip(k, n)
	}
	var err error
	if opts.DryRun {
		err = opts.Desk.Rehearse(ctx, run)
	} else {
		err = run(ctx)
	}
	return im.report, err
}

func digest(v any) string {
	b, _ := json.Marshal(v) // records are plain values
	sum := sha256.Sum256(append(b, converterVersion...))
	return hex.EncodeToString(sum[:12])
}

func (im *importer) link(kind Kind, key string, v any) origin.Link {
	return origin.Link{Source: im.ex.Source, Kind: string(kind), OldID: key, Digest: digest(v)}
}

func (im *importer) file(ctx context.Context, kind Kind, items []desk.ImportItem) error {
	for start := 0; start < len(items); start += im.opts.Batch {
		batch := items[start:min(start+im.opts.Batch, len(items))]
		outcomes, err := im.opts.Desk.Import(ctx, im.opts.Actor, batch)
		if err != nil {
			return err
		}
		for i, o := range outcomes {
			k := Kind(batch[i].Link.Kind)
			if k == "" {
				k = kind
			}
			im.report.count(k, o)
			if o == desk.ImportConflict {
				im.report.warn(Warning{Code: WarnConflict, Where: string(k) + " " + batch[i].Link.OldID})
			}
		}
	}
	return nil
}

func dedupe(v []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range v {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func dedupeIDs(v []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range v {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
