// Package public serves the reader-facing news site: fronts, story pages, archives,
// topic and author pages, media and static files. It only ever shows published copy.
package public

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"runtime"
	"time"

	"golang.org/x/sync/singleflight"

	"dateline/internal/cache"
	"dateline/internal/letters"
	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/render"
	"dateline/internal/search"
	"dateline/internal/secret"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/theme"
	"dateline/internal/web"
)

// Store is what the public site reads. Every story list it calls returns published
// stories only unless asked otherwise, and this package never asks otherwise; names
// (sections, topics, bureaus, people) come only through published stories.
type Store interface {
	Site(ctx context.Context) (settings.Site, error)
	PublishedSections(ctx context.Context) ([]section.Section, error)
	// Sections lists every section, for the newsroom's preview of a draft only.
	Sections(ctx context.Context) ([]section.Section, error)
	PublishedTopicBySlug(ctx context.Context, slug string) (section.Topic, error)
	PublishedTopics(ctx context.Context) ([]section.Topic, error)
	TopicsByID(ctx context.Context, ids []int64) ([]section.Topic, error)
	PublishedBureau(ctx context.Context, id int64) (people.Bureau, error)
	// BureauByID reads any bureau: only for the one a published story names.
	BureauByID(ctx context.Context, id int64) (people.Bureau, error)
	PublishedPersonBySlug(ctx context.Context, slug string) (people.Person, error)
	PeopleByID(ctx context.Context, ids []int64) ([]people.Person, error)
	MediaByID(ctx context.Context, id int64) (media.Media, error)
	MediaByIDs(ctx context.Context, ids []int64) (map[int64]media.Media, error)
	PublicMediaStories(ctx context.Context, id int64) ([]int64, error)
	MediaHeldBack(ctx context.Context, id int64) (bool, error)
	RecentPublicMedia(ctx context.Context, limit int) ([]media.Media, error)
	StoryBySlug(ctx context.Context, slug string) (story.Story, error)
	Stories(ctx context.Context, q story.Query) ([]story.Story, int, error)
	StoriesByID(ctx context.Context, ids []int64) ([]story.Story, error)
	// PublishedLocations lists published stories newest first with only their
	// address parts and dates, for sitemaps.
	PublishedLocations(ctx context.Context, offset, limit int) ([]story.Story, error)
	RelatedByTopic(ctx context.Context, id int64, exclude []int64, limit int) ([]story.Story, error)
	FrontStories(ctx context.Context, sectionID int64) ([]story.Story, error)
	PublishedAround(ctx context.Context, from, to time.Time) (prev, next time.Time, err error)
	SitePages(ctx context.Context) ([]settings.Page, error)
	FooterPages(ctx context.Context) ([]settings.Page, error)
	SitePageBySlug(ctx context.Context, slug string) (settings.Page, error)
	StoryGone(ctx context.Context, slug string) (bool, error)
	Redirect(ctx context.Context, path string) (to string, storyID int64, ok bool, err error)
	PublishedComments(ctx context.Context, storyID int64, limit, offset int) ([]letters.Message, int, error)
	StoryByID(ctx context.Context, id int64) (story.Story, error)
	CommentCounts(ctx context.Context, storyIDs []int64) (map[int64]int, error)
	AutoRelated(ctx context.Context, id int64) ([]story.Story, error)
	search.Searcher
	web.RateStore
	// ChangeFeed reports whether this node hears every change made on other nodes.
	ChangeFeed() (since time.Time, live bool)
}

// Config is what New needs.
type Config struct {
	Store     Store
	Blobs     media.Blobs
	ThemeDir  string // optional override directory layered over the embedded theme
	Log       *slog.Logger
	Now       func() time.Time // defaults to time.Now
	CacheSize int              // rendered story bodies kept; default 500
	// CacheBytes bounds the render cache of whole pages; default 32 MiB.
	CacheBytes int
	// SearchConcurrency bounds searches running at once; past it a search waits up
	// to 5 s, then gets 503. Default: 2 per CPU.
	SearchConcurrency int
	// MaxRenders bounds the renders of uncached pages running at once; default 2
	// per CPU. RenderQueue more may wait, for up to 2 s; past those a request gets
	// 503 with Retry-After at once. Default 16 per CPU.
	MaxRenders, RenderQueue int
	// Static renders the pages of a static export (see Static); nil for the live
	// site.
	Static *Static
	// SearchDeadline bounds one search's time in the database; past it, 503.
	// Default 2 s.
	SearchDeadline time.Duration
	// LetterLimit is how many reader messages one client may send in 10 minutes;
	// default 5.
	LetterLimit int
	// MinFillTime is how long a reader must have had the form before sending it
	// (robots post at once); default 3 s, negative for none.
	MinFillTime time.Duration
	// Letters files readers' messages; required.
	Letters *letters.Submitter
	// MaxStale is how long, after this node stopped hearing other nodes' changes,
	// it may still serve cached pages (marked stale); default 60 s.
	MaxStale time.Duration
	// Keys sign form tokens and key the hashes of readers' addresses; default
	// random (a single process that keeps nothing across restarts).
	Keys *secret.Keys
}

// Server is the public site.
type Server struct {
	store    Store
	blobs    media.Blobs
	theme    *theme.Theme
	bodies   *render.BodyCache
	log      *slog.Logger
	now      func() time.Time
	web      web.Adapter
	letters  *web.RateLimiter
	kept     *lastGood
	parts    partsCache // the chrome's data, between site changes
	names    names      // authors', topics' and bureaus' names, between site changes
	gate     *renderGate
	static   *Static // pages for a static export
	searches *search.Bounded
	pages    *cache.Pages
	filling  singleflight.Group // renders of uncached pages in progress, by key
	minFill  time.Duration
	submit   *letters.Submitter
	keys     *secret.Keys
	maxStale time.Duration
	feed     func() (since time.Time, live bool) // the store's change feed
	media    mediaHealth
}

// New builds the public site, parsing its theme once.
func New(cfg Config) (*Server, error) {
	if cfg.Letters == nil {
		return nil, errors.New("public: Config.Letters is required")
	}
	th, err := theme.Load(cfg.ThemeDir, template.FuncMap{})
	if err != nil {
		return nil, err
	}
	s := &Server{
		store:   cfg.Store,
		blobs:   cfg.Blobs,
		theme:   th,
		log:     cfg.Log,
		now:     cfg.Now,
		submit:  cfg.Letters,
		minFill: cfg.MinFillTime,
		keys:    cfg.Keys,
		static:  cfg.Static,
	}
	if s.keys == nil {
		s.keys = secret.Random()
	}
	s.feed = cfg.Store.ChangeFeed
	s.media.log = s.log
	if s.maxStale = cfg.MaxStale; s.maxStale <= 0 {
		s.maxStale = time.Minute
	}
	if s.minFill == 0 {
		s.minFill = 3 * time.Second
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if cfg.LetterLimit <= 0 {
		cfg.LetterLimit = 5
	}
	if cfg.CacheSize <= 0 {
		cfg.CacheSize = 500
	}
	s.bodies = render.NewBodyCache(cfg.CacheSize)
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = 32 << 20
	}
	// The last good copies are for outages: an eighth of the cache's bytes, mostly
	// the same bodies as the cache's.
	s.kept = newLastGood(cfg.CacheSize, cfg.CacheBytes/8)
	s.pages = cache.New(cfg.CacheBytes, 10*time.Minute)
	if cfg.SearchConcurrency <= 0 {
		cfg.SearchConcurrency = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.SearchDeadline <= 0 {
		cfg.SearchDeadline = 2 * time.Second
	}
	if cfg.MaxRenders <= 0 {
		cfg.MaxRenders = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.RenderQueue <= 0 {
		cfg.RenderQueue = 16 * runtime.GOMAXPROCS(0)
	}
	s.gate = newRenderGate(cfg.MaxRenders, cfg.RenderQueue, 2*time.Second)
	// Search results hold whole stories (snippets are cut from the bodies): an
	// eighth of the page cache's bytes, where the rendered result pages are too.
	s.searches = search.NewBounded(cfg.Store, cfg.SearchConcurrency, 5*time.Second, cfg.SearchDeadline, 512, max(cfg.CacheBytes/8, 1<<20))
	s.web = web.Adapter{Log: s.log, Render: s.renderError}
	s.letters = &web.RateLimiter{Store: cfg.Store, Name: "letters", Max: cfg.LetterLimit, Window: 10 * time.Minute, Now: s.now, Keys: s.keys}
	return s, nil
}

// Searches is the node's one bounded, cached searcher, for the Content API to share.
func (s *Server) Searches() *search.Bounded { return s.searches }

// BodyCacheStats reports the story-body cache's entries and bound, for metrics.
func (s *Server) BodyCacheStats() (entries, max int) { return s.bodies.Len(), s.bodies.Max() }

// CacheMaxBytes is the page cache's bound, for metrics.
func (s *Server) CacheMaxBytes() int { return s.pages.Max() }

// Renders reports how many story bodies have been rendered, for tests and metrics.
func (s *Server) Renders() int64 { return s.bodies.Renders() }

// renderError shows the site's error page with the status.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, message string, _ error) {
	if status == http.StatusServiceUnavailable && s.serveStale(w, r) {
		return
	}
	// What is not a section, a page or a story may have moved: the one redirect
	// table says where (a renamed topic or section, its feeds).
	if status == http.StatusNotFound && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		if s.redirect(w, r, r.URL.EscapedPath()) {
			return
		}
	}
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		c = chrome{Site: settings.Default(), Lang: "en", Year: s.now().Year(), l: s.theme.Labels("en")}
	}
	page := errorPage{Heading: http.StatusText(status), Message: message}
	if c.l.Has(message) {
		// The public site's own refusals name a label, said in the site's language.
		page.Message = c.l.T(message)
	}
	if status >= 500 {
		page.Reference = web.RequestID(r.Context())
	}
	switch status {
	case http.StatusNotFound:
		page.Heading = c.l.T("page_not_found")
	case http.StatusGone:
		page.Heading = c.l.T("story_withdrawn")
	case http.StatusServiceUnavailable:
		page.Heading = c.l.T("unavailable")
	}
	c.titled(page.Heading)
	page.chrome = c
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := s.theme.Render(w, c.lang(), "error", page); err != nil {
		s.log.Error("render error page", "err", err)
	}
}

// html writes a rendered page with the status 200.
func (s *Server) html(w http.ResponseWriter, page string, data labelled) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.theme.Render(w, data.lang(), page, data)
}
