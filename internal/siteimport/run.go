package siteimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/mail"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"dateline/internal/desk"
	"dateline/internal/fault"
	"dateline/internal/letters"
	"dateline/internal/origin"
	"dateline/internal/people"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/slug"
	"dateline/internal/story"
)

// maxHeadline is the longest headline a story may have (story.Validate's limit).
const maxHeadline = 300

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

// Report is what an import did, or (dry run) would do.
type Report struct {
	Source   string
	Counts   map[Kind]map[desk.ImportOutcome]int
	Skipped  map[string]int // by what was skipped
	Warnings []Warning
	Posts    int
	mu       sync.Mutex // the reader adds warnings while the filer does
}

func (r *Report) count(k Kind, o desk.ImportOutcome) {
	if r.Counts[k] == nil {
		r.Counts[k] = map[desk.ImportOutcome]int{}
	}
	r.Counts[k][o]++
}

func (r *Report) warn(w Warning) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Warnings = append(r.Warnings, w)
}

func (r *Report) skip(what string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Skipped[what] += n
}

// WarningCounts counts the warnings by code.
func (r *Report) WarningCounts() map[WarnCode]int {
	out := map[WarnCode]int{}
	for _, w := range r.Warnings {
		out[w.Code]++
	}
	return out
}

// Write prints the report: every warning, then counts per kind and per warning.
func (r *Report) Write(w io.Writer, dry bool) {
	for _, x := range r.Warnings {
		fmt.Fprintln(w, "warning:", x)
	}
	verb := "imported"
	if dry {
		verb = "would be imported (dry run: nothing was written)"
	}
	fmt.Fprintf(w, "\n%s %s:\n", r.Source, verb)
	for _, k := range []Kind{KindPerson, KindSection, KindTopic, KindMedia, KindStory, KindPage, KindMessage} {
		c := r.Counts[k]
		fmt.Fprintf(w, "  %-8s %d created, %d updated, %d unchanged, %d matched to existing, %d conflicts\n", k,
			c[desk.ImportCreated], c[desk.ImportUpdated], c[desk.ImportUnchanged], c[desk.ImportMatched], c[desk.ImportConflict])
	}
	keys := make([]string, 0, len(r.Skipped))
	for k := range r.Skipped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  skipped: %d %s\n", r.Skipped[k], k)
	}
	counts := r.WarningCounts()
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Fprintf(w, "  warnings: %d %s\n", counts[WarnCode(c)], c)
	}
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
		Skipped: map[string]int{}, Posts: ex.PostCount},
		people: map[string]int64{}, sections: map[string]int64{}, topics: map[string]int64{}, photos: map[string]int64{},
		byURL: map[string]string{}, pages: ex.Pages, secByKey: map[string]*section.Section{}}
	run := func(ctx context.Context) error {
		for _, step := range []func(context.Context) error{im.people_, im.sections_, im.topics_, im.feeds, im.media, im.posts, im.front} {
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

func (im *importer) people_(ctx context.Context) error {
	var items []desk.ImportItem
	for _, a := range im.ex.Authors {
		email := strings.ToLower(strings.TrimSpace(a.Email))
		if _, err := mail.ParseAddress(email); err != nil {
			// Dateline knows people by their address; one that cannot receive mail
			// until an admin gives the real one.
			if email != "" {
				im.report.warn(Warning{Code: WarnBadEmail, Where: "author " + a.Key, Detail: email})
			}
			email = firstNonEmpty(slug.Make(a.Key), slug.Make(a.Name), "author") + "@imported.invalid"
		}
		p := &people.Person{Name: firstNonEmpty(html.UnescapeString(a.Name), a.Key, "Author"), Slug: firstNonEmpty(slug.Make(a.Slug), slug.Make(a.Name), "author"), Email: email,
			Bio: a.Bio, Role: people.RoleWriter}
		it := desk.ImportItem{Link: im.link(KindPerson, a.Key, a), Person: p}
		it.Redirects, it.FeedRedirects = splitFeeds(im.ex.AuthorPaths(a.Key))
		items = append(items, it)
	}
	if err := im.file(ctx, KindPerson, items); err != nil {
		return err
	}
	for i, a := range im.ex.Authors {
		im.people[a.Key] = items[i].Person.ID
	}
	return nil
}

// sections makes categories sections: the top level and one level below it;
// deeper categories are folded into their ancestor at the second level.
func (im *importer) sections_(ctx context.Context) error {
	byKey := map[string]Term{}
	for _, t := range im.ex.Categories {
		byKey[t.Key] = t
	}
	chain := func(t Term) []string { // the keys from the root down to t
		out := []string{t.Key}
		for p, seen := t.Parent, 0; p != "" && seen < 50; seen++ {
			parent, ok := byKey[p]
			if !ok {
				break
			}
			out = append([]string{parent.Key}, out...)
			p = parent.Parent
		}
		return out
	}
	secs, err := im.opts.Reads.Sections(ctx)
	if err != nil {
		return err
	}
	tree := section.NewTree(secs)
	// Roots first, then their children, so parents have IDs.
	cats := append([]Term(nil), im.ex.Categories...)
	sort.SliceStable(cats, func(i, j int) bool { return len(chain(cats[i])) < len(chain(cats[j])) })
	for depth := 1; depth <= 2; depth++ {
		var items []desk.ImportItem
		var keys []string
		for _, t := range cats {
			c := chain(t)
			if len(c) != depth {
				continue
			}
			sec := &section.Section{Name: firstNonEmpty(html.UnescapeString(t.Name), t.Key),
				Slug: firstNonEmpty(slug.Make(t.Key), slug.Make(t.Name), "section")}
			if !section.ValidSlug(sec.Slug) {
				// Section addresses are ASCII (a topic's may be any script).
				ascii := "section-" + digest(t.Key)[:6]
				im.report.warn(Warning{Code: WarnSlugChanged, Where: "category " + t.Key, Detail: sec.Slug + " → " + ascii})
				sec.Slug = ascii
			}
			if depth == 2 {
				sec.ParentID = im.sections[c[0]]
			}
			it := desk.ImportItem{Link: im.link(KindSection, t.Key, t), Section: sec}
			it.Redirects, it.FeedRedirects = splitFeeds(im.ex.CategoryPaths(c))
			items = append(items, it)
			keys = append(keys, t.Key)
		}
		if err := im.file(ctx, KindSection, items); err != nil {
			return err
		}
		for i, k := range keys {
			im.sections[k], im.secByKey[k] = items[i].Section.ID, items[i].Section
		}
	}
	// Deeper ones: the posts go to the second-level ancestor, the old addresses too.
	var folded []desk.ImportItem
	for _, t := range cats {
		c := chain(t)
		if len(c) <= 2 {
			continue
		}
		im.sections[t.Key] = im.sections[c[1]]
		im.report.warn(Warning{Code: WarnSectionFolded, Where: "category " + t.Key, Detail: "into " + c[1]})
		// Its item names the ancestor's section, which the desk finds already
		// there: the old addresses lead to it.
		into := im.secByKey[c[1]]
		it := desk.ImportItem{Link: im.link(KindSection, t.Key, t), Section: &section.Section{Slug: into.Slug, ParentID: into.ParentID}}
		it.Redirects, it.FeedRedirects = splitFeeds(im.ex.CategoryPaths(c))
		folded = append(folded, it)
	}
	if err := im.file(ctx, KindSection, folded); err != nil {
		return err
	}
	if all := tree.All(); len(all) > 0 {
		im.fallback = all[0].ID
	}
	return nil
}

// feeds points the old site's main feeds at the site's feed.
func (im *importer) feeds(ctx context.Context) error {
	if len(im.ex.Feeds) == 0 {
		return nil
	}
	_, err := im.opts.Desk.Import(ctx, im.opts.Actor, []desk.ImportItem{{Link: im.link("redirect", "feeds", nil),
		Redirects: im.ex.Feeds, To: "/feed.xml"}})
	return err
}

func (im *importer) topics_(ctx context.Context) error {
	var items []desk.ImportItem
	for _, t := range im.ex.Tags {
		if strings.HasPrefix(t.Name, "#") { // Ghost's internal tags
			continue
		}
		tp := &section.Topic{Name: firstNonEmpty(html.UnescapeString(t.Name), t.Key),
			Slug: firstNonEmpty(slug.Make(t.Key), slug.Make(t.Name), "topic")}
		it := desk.ImportItem{Link: im.link(KindTopic, t.Key, t), Topic: tp}
		it.Redirects, it.FeedRedirects = splitFeeds(im.ex.TagPaths(t.Key))
		items = append(items, it)
	}
	if err := im.file(ctx, KindTopic, items); err != nil {
		return err
	}
	for i, it := range items {
		im.topics[it.Link.OldID] = items[i].Topic.ID
	}
	return nil
}

// sizeSuffix is WordPress's resized copy's "-300x200" before the extension.
var sizeSuffix = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)

// photoKey is the part of a photo's address that names it whatever the size:
// "2019/05/quay.jpg" for ".../wp-content/uploads/2019/05/quay-300x200.jpg".
func photoKey(u string) string {
	u, _, _ = strings.Cut(u, "?")
	if i := strings.Index(u, "/uploads/"); i >= 0 {
		u = u[i+len("/uploads/"):]
	} else if i := strings.Index(u, "/content/images/"); i >= 0 {
		u = u[i+len("/content/images/"):]
		u = regexp.MustCompile(`^size/w\d+/`).ReplaceAllString(u, "")
	} else if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	return sizeSuffix.ReplaceAllString(u, "$1")
}

// media brings the photos into the library, one transaction each (files are
// written and decoded), skipping those imported before.
func (im *importer) media(ctx context.Context) error {
	done, err := im.opts.Reads.ImportLinks(ctx, im.ex.Source, string(KindMedia))
	if err != nil {
		return err
	}
	for _, a := range im.ex.Attachments {
		ext := strings.ToLower(path.Ext(strings.SplitN(a.URL, "?", 2)[0]))
		if ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".gif" && ext != ".webp" {
			im.report.skip("attachment that is not a photo ("+ext+")", 1)
			continue
		}
		im.byURL[photoKey(a.URL)] = a.Key
		if l, ok := done[a.Key]; ok {
			im.photos[a.Key] = l.NewID
			im.report.count(KindMedia, desk.ImportUnchanged)
			continue
		}
		where := "attachment " + a.Key
		body, err := im.openPhoto(ctx, a)
		if err != nil {
			im.report.warn(Warning{Code: WarnMissingFile, Where: where, Detail: err.Error()})
			continue
		}
		if im.opts.DryRun {
			body.Close()
			im.photos[a.Key] = dryRunPhoto
			im.report.count(KindMedia, desk.ImportCreated)
			continue
		}
		alt := strings.TrimSpace(a.Alt)
		if alt == "" {
			alt = firstNonEmpty(html.UnescapeString(a.Title), "Photo")
			im.report.warn(Warning{Code: WarnNoAltText, Where: where, Detail: "its title is used: " + alt})
		}
		up := desk.Upload{Body: body, Alt: alt, Caption: firstNonEmpty(plain(a.Caption), html.UnescapeString(a.Title), alt),
			Credit: firstNonEmpty(a.Credit, "Archive")}
		var old []string
		if p := sitePath(strings.Replace(a.URL, ghostURL, "", 1), im.ex.BaseURL); p != "" {
			old = []string{p}
		}
		m, outcome, err := im.opts.Desk.ImportPhoto(ctx, im.opts.Actor, im.link(KindMedia, a.Key, a), up, old)
		body.Close()
		var bad desk.FieldErrors
		if errors.As(err, &bad) {
			im.report.warn(Warning{Code: WarnMediaRefused, Where: where, Detail: bad.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		im.photos[a.Key] = m.ID
		im.report.count(KindMedia, outcome)
	}
	return nil
}

// openPhoto opens a photo from the local uploads copy, else (when allowed) from
// its old address.
func (im *importer) openPhoto(ctx context.Context, a Attachment) (io.ReadCloser, error) {
	u := a.URL
	if im.opts.Uploads != "" {
		rel, _, _ := strings.Cut(u, "?")
		for _, marker := range []string{"/wp-content/uploads/", "/uploads/", "/content/images/"} {
			if i := strings.Index(rel, marker); i >= 0 {
				rel = rel[i+len(marker):]
				break
			}
		}
		if a.File != "" { // the export's own record of the path
			rel = a.File
		}
		name := filepath.Join(im.opts.Uploads, filepath.FromSlash(path.Clean("/"+rel)))
		f, err := os.Open(name)
		if err == nil {
			return f, nil
		}
		if im.opts.Fetch == nil {
			return nil, fmt.Errorf("not in %s (%s)", im.opts.Uploads, path.Clean("/" + rel)[1:])
		}
	}
	if im.opts.Fetch == nil {
		return nil, errors.New("no --uploads folder or --fetch-media given for " + u)
	}
	return im.opts.Fetch(ctx, u)
}

// dryRunPhoto stands, in a dry run, for a photo a real run would import.
const dryRunPhoto = -1

// resolve finds an imported photo for the converter (dryRunPhoto in a dry run).
func (im *importer) resolve(key, src string) int64 {
	if key == "" || im.photos[key] == 0 {
		key = im.byURL[photoKey(src)]
	}
	return im.photos[key]
}

// plain is text without markup, entities decoded.
func plain(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = tags.ReplaceAllString(s, " ")
	}
	return strings.TrimSpace(foldSpaces(html.UnescapeString(s)))
}

var tags = regexp.MustCompile(`<[^>]*>`)

// batch is a batch of posts read and converted, ready to file.
type batch struct {
	items  []desk.ImportItem
	posts  int
	sticky map[string]bool   // old keys of the batch's sticky posts
	slugs  map[string]string // the slug each story asked for, by old key
}

// posts files the stories and pages with their comments, a batch per transaction.
// Reading and converting the next batch (one goroutine) overlaps filing this one:
// one batch waits at most, so memory stays bounded.
func (im *importer) posts(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan batch, 1)
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		read <- im.readPosts(ctx, batches)
	}()
	done := 0
	for b := range batches {
		outcomes, err := im.fileBatch(ctx, b.items)
		if err != nil {
			cancel()
			for range batches { // let the reader finish
			}
			return err
		}
		for i, o := range outcomes {
			if o == "" {
				continue // not filed: reported
			}
			it := b.items[i]
			k := Kind(it.Link.Kind)
			im.report.count(k, o)
			if o == desk.ImportConflict {
				im.report.warn(Warning{Code: WarnConflict, Where: string(k) + " " + it.Link.OldID})
			}
			if want := b.slugs[it.Link.OldID]; k == KindStory && o == desk.ImportCreated && want != "" && it.Story.Slug != want {
				im.report.warn(Warning{Code: WarnSlugChanged, Where: "post " + it.Link.OldID,
					Detail: want + " was taken here: " + it.Story.Slug + " (the old addresses lead to it)"})
			}
			if k == KindStory && it.Story.State == story.StatePublished && b.sticky[it.Link.OldID] {
				im.sticky = append(im.sticky, it.Story.ID)
			}
		}
		done += b.posts
		if im.opts.Progress != nil {
			im.opts.Progress(done, im.ex.PostCount)
		}
	}
	return <-read
}

// fileBatch files a batch in one transaction. When the desk refuses it for what
// one post holds (a rule of the store the converter did not foresee), the batch is
// filed again post by post, so one bad post is reported and skipped rather than
// stopping the import: its outcomes are "" for the items not filed. A database
// out of reach, or a cancelled run, stops it.
func (im *importer) fileBatch(ctx context.Context, items []desk.ImportItem) ([]desk.ImportOutcome, error) {
	outcomes, err := im.opts.Desk.Import(ctx, im.opts.Actor, items)
	if err == nil || ctx.Err() != nil || errors.Is(err, fault.ErrUnavailable) || errors.Is(err, desk.ErrForbidden) {
		return outcomes, err
	}
	outcomes = make([]desk.ImportOutcome, len(items))
	for start := 0; start < len(items); {
		end := start + 1 // a post and the comments after it
		for end < len(items) && items[end].Story == nil && items[end].Page == nil {
			end++
		}
		got, err := im.opts.Desk.Import(ctx, im.opts.Actor, items[start:end])
		switch {
		case err == nil:
			copy(outcomes[start:end], got)
		case ctx.Err() != nil || errors.Is(err, fault.ErrUnavailable):
			return nil, err
		default:
			im.report.warn(Warning{Code: WarnNotFiled, Where: items[start].Link.Kind + " " + items[start].Link.OldID, Detail: err.Error()})
		}
		start = end
	}
	return outcomes, nil
}

// readPosts reads and converts the posts, sending them in batches.
func (im *importer) readPosts(ctx context.Context, out chan<- batch) error {
	seen := map[string]bool{}
	cur := batch{sticky: map[string]bool{}, slugs: map[string]string{}}
	send := func() error {
		if cur.posts == 0 {
			return nil
		}
		select {
		case out <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = batch{sticky: map[string]bool{}, slugs: map[string]string{}}
		return nil
	}
	err := im.ex.Posts(func(p Post) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		kind := KindStory
		if p.Page {
			kind = KindPage
		}
		if seen[string(kind)+p.Key] {
			im.report.warn(Warning{Code: WarnDuplicate, Where: string(kind) + " " + p.Key})
			return nil
		}
		seen[string(kind)+p.Key] = true
		if p.Sticky {
			cur.sticky[p.Key] = true
		}
		var err error
		if p.Page {
			cur.items, err = im.page(cur.items, p)
		} else {
			n := len(cur.items)
			cur.items, err = im.story(cur.items, p)
			if err == nil {
				cur.slugs[p.Key] = cur.items[n].Story.Slug
			}
		}
		if err != nil {
			return err
		}
		if cur.posts++; cur.posts >= im.opts.Batch {
			return send()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return send()
}

func (im *importer) warner(where string) func(WarnCode, string) {
	return func(c WarnCode, d string) { im.report.warn(Warning{Code: c, Where: where, Detail: d}) }
}

func (im *importer) story(items []desk.ImportItem, p Post) ([]desk.ImportItem, error) {
	where := "post " + p.Key
	warn := im.warner(where)
	st := &story.Story{Language: firstNonEmpty(im.ex.Language, "en"), CommentsOpen: p.Open, CreatedAt: p.Published}
	st.Headline = plain(p.Title)
	body := ToMarkdown(p.HTML, p.Autop, im.resolve, warn)
	if st.Headline == "" {
		warn(WarnNoTitle, "")
		st.Headline = firstNonEmpty(firstWords(plain(body), 12), "Untitled ("+where+")")
	}
	if r := []rune(st.Headline); len(r) > maxHeadline {
		warn(WarnCut, "the headline, to its first "+strconv.Itoa(maxHeadline)+" characters")
		st.Headline = strings.TrimSpace(string(r[:maxHeadline-1])) + "…"
	}
	st.BodyMarkdown = body
	st.Dek = plain(p.Excerpt)
	st.Slug = im.slugFor(p, st.Headline, warn)
	for _, c := range p.Categories {
		if id := im.sections[c]; id != 0 {
			st.SectionID = id
			break
		}
	}
	if st.SectionID == 0 {
		st.SectionID = im.sections[""]
		if st.SectionID == 0 {
			st.SectionID = im.fallback
		}
	}
	if st.SectionID == 0 {
		return items, fmt.Errorf("%s has no category and the site has no section to put it in: create one first", where)
	}
	for _, t := range p.Tags {
		if id := im.topics[t]; id != 0 {
			st.TopicIDs = append(st.TopicIDs, id)
		}
	}
	for _, a := range p.AuthorKeys {
		if id := im.people[a]; id != 0 {
			st.AuthorIDs = append(st.AuthorIDs, id)
		} else {
			warn(WarnUnknownAuthor, a)
		}
	}
	if id := im.photos[p.Featured]; id > 0 {
		st.LeadMediaID = id
	}
	switch p.Status {
	case StatusPublished:
		st.State, st.PublishedAt = story.StatePublished, p.Published
		if st.PublishedAt.IsZero() { // a published post with no date: when it last changed, else now
			st.PublishedAt = p.Modified
			if st.PublishedAt.IsZero() {
				st.PublishedAt = im.opts.Desk.Now().UTC()
			}
		}
	case StatusScheduled:
		st.State, st.ScheduledAt = story.StateScheduled, p.Published
	case StatusPending:
		st.State = story.StateInReview
	default:
		st.State = story.StateDraft
	}
	if st.CreatedAt.IsZero() {
		st.CreatedAt = p.Modified
	}
	redirects := append([]string(nil), p.OldURLs...)
	if im.ex.ExtraPostURLs != nil {
		redirects = append(redirects, im.ex.ExtraPostURLs(p)...)
	}
	items = append(items, desk.ImportItem{Link: im.link(KindStory, p.Key, p), Story: st, Redirects: dedupe(redirects)})
	return im.comments(items, p, st, where), nil
}

func (im *importer) comments(items []desk.ImportItem, p Post, st *story.Story, where string) []desk.ImportItem {
	byKey := map[string]*letters.Message{}
	list := append([]Comment(nil), p.Comments...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Date.Before(list[j].Date) })
	for _, c := range list {
		text := commentText(c.Text)
		if text == "" {
			im.report.skip("empty comment", 1)
			continue
		}
		if r := []rune(text); len(r) > letters.MaxTextRunes {
			text = string(r[:letters.MaxTextRunes])
			im.report.warn(Warning{Code: WarnCut, Where: where + " comment " + c.Key, Detail: "to the longest a letter may be"})
		}
		m := &letters.Message{Kind: letters.KindComment, Name: firstNonEmpty(plain(c.Name), letters.ErasedName), Text: text,
			State: letters.State(c.State), CreatedAt: c.Date}
		if im.opts.KeepEmails {
			m.Email = c.Email
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = st.CreatedAt
		}
		it := desk.ImportItem{Link: im.link(KindMessage, p.Key+"/"+c.Key, c), Message: m, StoryOf: st}
		if c.ParentKey != "" {
			it.ReplyTo = byKey[c.ParentKey]
		}
		byKey[c.Key] = m
		items = append(items, it)
	}
	return items
}

// slugFor keeps the old slug when it is one by Dateline's rules, else makes one.
func (im *importer) slugFor(p Post, title string, warn func(WarnCode, string)) string {
	if slug.Valid(p.Slug) {
		return p.Slug
	}
	s := firstNonEmpty(slug.Make(p.Slug), slug.Make(title), "story-"+p.Key)
	if p.Slug != "" {
		warn(WarnSlugChanged, p.Slug+" → "+s)
	}
	return s
}

func (im *importer) page(items []desk.ImportItem, p Post) ([]desk.ImportItem, error) {
	where := "page " + p.Key
	if p.Status != StatusPublished {
		im.report.skip("page not published ("+string(p.Status)+")", 1)
		return items, nil
	}
	warn := im.warner(where)
	s := im.slugFor(p, plain(p.Title), warn)
	// A child page's address joins its parents' slugs: Dateline's pages are flat.
	var parents []string
	for k, n := p.ParentKey, 0; k != "" && n < 20; n++ {
		parent, ok := im.pages[k]
		if !ok {
			break
		}
		parents = append([]string{firstNonEmpty(slug.Make(parent.Slug), slug.Make(parent.Title))}, parents...)
		k = parent.ParentKey
	}
	if len(parents) > 0 {
		flat := slug.Make(strings.Join(append(parents, s), "-"))
		warn(WarnPageFlattened, "/"+strings.Join(append(parents, s), "/")+"/ → /"+flat+"/")
		s = flat
	}
	pg := &settings.Page{Slug: s, Title: firstNonEmpty(plain(p.Title), s), BodyMarkdown: ToMarkdown(p.HTML, p.Autop, im.resolve, warn)}
	if strings.TrimSpace(pg.BodyMarkdown) == "" {
		pg.BodyMarkdown = pg.Title
	}
	if len(p.Comments) > 0 {
		im.report.skip("comment on a page", len(p.Comments))
	}
	return append(items, desk.ImportItem{Link: im.link(KindPage, p.Key, p), Page: pg, Redirects: dedupe(p.OldURLs)}), nil
}

// front puts sticky posts at the top of the home front, before what editors put
// there, within the front's size.
func (im *importer) front(ctx context.Context) error {
	if len(im.sticky) == 0 {
		return nil
	}
	current, err := im.opts.Reads.FrontIDs(ctx, 0)
	if err != nil {
		return err
	}
	ids := dedupeIDs(append(append([]int64(nil), im.sticky...), current...))
	if len(ids) > story.FrontSlots {
		ids = ids[:story.FrontSlots]
	}
	return im.opts.Desk.SetFront(ctx, im.opts.Actor, 0, ids, story.AnyFrontVersion)
}

// splitFeeds parts an item's old addresses into pages and feeds.
func splitFeeds(paths []string) (pages, feeds []string) {
	for _, u := range paths {
		if strings.Contains(u, "/feed") || strings.HasSuffix(u, "/rss/") {
			feeds = append(feeds, u)
		} else {
			pages = append(pages, u)
		}
	}
	return pages, feeds
}

// commentText is a comment's HTML as the plain text of a letter: paragraphs and
// line breaks kept, markup dropped, entities decoded.
func commentText(s string) string {
	s = strings.NewReplacer("</p>", "\n\n", "<br>", "\n", "<br/>", "\n", "<br />", "\n").Replace(s)
	return strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(s, "")))
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

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[:n]
	}
	return strings.Join(w, " ")
}
