package api

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dateline/internal/media"
	"dateline/internal/people"
	"dateline/internal/render"
	"dateline/internal/search"
	"dateline/internal/section"
	"dateline/internal/settings"
	"dateline/internal/story"
	"dateline/internal/web"
)

// ContentStore is what the read-only Content API reads: published content only. It
// has no write method, so the Content API cannot change anything.
type ContentStore interface {
	Site(ctx context.Context) (settings.Site, error)
	Sections(ctx context.Context) ([]section.Section, error)
	Topics(ctx context.Context) ([]section.Topic, error)
	TopicBySlug(ctx context.Context, slug string) (section.Topic, error)
	PublishedSections(ctx context.Context) ([]section.Section, error)
	PublishedTopics(ctx context.Context) ([]section.Topic, error)
	PublishedTopicBySlug(ctx context.Context, slug string) (section.Topic, error)
	TopicsByID(ctx context.Context, ids []int64) ([]section.Topic, error)
	PeopleByID(ctx context.Context, ids []int64) ([]people.Person, error)
	MediaByID(ctx context.Context, id int64) (media.Media, error)
	MediaHeldBack(ctx context.Context, id int64) (bool, error)
	StoryByID(ctx context.Context, id int64) (story.Story, error)
	StoryBySlug(ctx context.Context, slug string) (story.Story, error)
	Stories(ctx context.Context, q story.Query) ([]story.Story, int, error)
	CommentCounts(ctx context.Context, storyIDs []int64) (map[int64]int, error)
	search.Searcher
}

// Content is the public, read-only Content API under /api/v1/.
type Content struct {
	store    ContentStore
	searches search.Searcher
	web      web.Adapter
}

// NewContent builds the Content API; searches is the node's bounded, cached searcher,
// shared with the search page so both count against one bound.
func NewContent(st ContentStore, searches search.Searcher, a web.Adapter) *Content {
	a.Render = writeError
	return &Content{store: publishedNames{st}, searches: searches, web: a}
}

// publishedNames is the store as the Content API sees it: sections and topics exist
// only once a published story carries them, so every lookup and list below (and the
// list writers shared with the Admin API) never names what is still embargoed.
type publishedNames struct{ ContentStore }

func (p publishedNames) Sections(ctx context.Context) ([]section.Section, error) {
	return p.PublishedSections(ctx)
}

func (p publishedNames) Topics(ctx context.Context) ([]section.Topic, error) {
	return p.PublishedTopics(ctx)
}

func (p publishedNames) TopicBySlug(ctx context.Context, slug string) (section.Topic, error) {
	return p.PublishedTopicBySlug(ctx, slug)
}

// Handler returns the Content API routes, open to any origin for GET.
func (c *Content) Handler() http.Handler {
	mux := http.NewServeMux()
	h := func(pattern string, fn web.Handler) { mux.Handle(pattern, c.web.Wrap(fn)) }
	h("GET /api/v1/stories", c.stories)
	h("GET /api/v1/stories/{id}", c.story)
	h("GET /api/v1/story", c.storyByPath)
	h("GET /api/v1/sections", c.sections)
	h("GET /api/v1/topics", c.topics)
	h("GET /api/v1/search", c.search)
	h("/api/v1/", func(w http.ResponseWriter, r *http.Request) error {
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		return &web.Error{Status: http.StatusNotFound, Public: "no such Content API route"}
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Methods", "GET, OPTIONS")
		w.Header().Set("Access-Control-Max-Age", "86400")
		mux.ServeHTTP(w, r)
	})
}

// publicStory is a published story as the Content API shows it.
type publicStory struct {
	ID           int64        `json:"id"`
	Headline     string       `json:"headline"`
	Dek          string       `json:"dek"`
	URL          string       `json:"url"`
	PublishedAt  time.Time    `json:"published_at"`
	UpdatedAt    *time.Time   `json:"updated_at"`
	Section      string       `json:"section"`
	SectionName  string       `json:"section_name"`
	Topics       []string     `json:"topics"`
	Authors      []author     `json:"authors"`
	DatelineCity string       `json:"dateline_city"`
	Language     string       `json:"language"`
	Image        *image       `json:"lead_image,omitempty"`
	CommentCount int          `json:"comment_count"`
	BodyHTML     string       `json:"body_html,omitempty"`
	Notes        []noteJSON   `json:"notes,omitempty"`
	RelatedSites []story.Link `json:"related_sites,omitempty"`
	Snippet      string       `json:"snippet,omitempty"`
}

type author struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type image struct {
	URL     string `json:"url"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
}

// present builds the JSON of published stories; full adds the body and notes.
func (c *Content) present(ctx context.Context, list []story.Story, full bool) ([]publicStory, error) {
	site, err := c.store.Site(ctx)
	if err != nil {
		return nil, err
	}
	secs, err := c.store.Sections(ctx)
	if err != nil {
		return nil, err
	}
	tree := section.NewTree(secs)
	ids := make([]int64, len(list))
	for i, st := range list {
		ids[i] = st.ID
	}
	counts, err := c.store.CommentCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]publicStory, 0, len(list))
	for _, st := range list {
		if !st.Visible() {
			continue // never, whatever asked
		}
		if full || len(st.TopicIDs) == 0 && len(st.AuthorIDs) == 0 {
			if loaded, err := c.store.StoryByID(ctx, st.ID); err == nil {
				st = loaded // lists carry no topics or authors
			}
		}
		sec, _ := tree.ByID(st.SectionID)
		v := publicStory{ID: st.ID, Headline: st.Headline, Dek: st.Dek, URL: site.BaseURL + st.Path(sec.Path, site.Location()),
			PublishedAt: st.PublishedAt, UpdatedAt: timePtr(st.UpdatedAt), Section: sec.Path, SectionName: sec.Name, Topics: []string{},
			Authors: []author{}, DatelineCity: st.DatelineCity, Language: st.Language, CommentCount: counts[st.ID]}
		topics, err := c.store.TopicsByID(ctx, st.TopicIDs)
		if err != nil {
			return nil, err
		}
		for _, t := range topics {
			v.Topics = append(v.Topics, t.Slug)
		}
		authors, err := c.store.PeopleByID(ctx, st.AuthorIDs)
		if err != nil {
			return nil, err
		}
		for _, a := range authors {
			v.Authors = append(v.Authors, author{Name: a.Byline(), URL: site.BaseURL + "/people/" + url.PathEscape(a.Slug) + "/"})
		}
		if st.LeadMediaID != 0 {
			if m, err := c.store.MediaByID(ctx, st.LeadMediaID); err == nil {
				v.Image = &image{URL: site.BaseURL + "/media/" + strconv.FormatInt(m.ID, 10) + "/" + web.BaseName(m.FileName),
					Alt: m.Alt, Caption: m.Caption, Credit: m.Credit, Width: m.Width, Height: m.Height}
			}
		}
		if full {
			body, err := render.StoryBody(st.BodyMarkdown, render.Dateline(st.DatelineCity, site.ShortName), site.Embeds()...)
			if err != nil {
				return nil, err
			}
			v.BodyHTML = string(render.ResolvePhotos(body.HTML, func(id int64) (render.InlinePhoto, bool) {
				m, err := c.store.MediaByID(ctx, id)
				if err != nil {
					return render.InlinePhoto{}, false
				}
				held, err := c.store.MediaHeldBack(ctx, id)
				return render.PhotoOf(m, site.BaseURL+"/media/"), err == nil && !held
			}))
			v.RelatedSites = st.RelatedSites
			for _, n := range st.Notes {
				v.Notes = append(v.Notes, noteJSON{Kind: n.Kind, Text: n.Text, At: n.At})
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// cursor encodes a list position opaquely, so clients do not build their own.
func cursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

// maxOffset is the deepest a list is paged (10,000 stories): deeper offsets cost the
// database a scan of every row before them; ask by date (from, to) instead.
const maxOffset = 10000

func readCursor(r *http.Request) (int, error) {
	c := r.URL.Query().Get("cursor")
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "o"))
	if err != nil || err2 != nil || n < 0 || n > maxOffset || !strings.HasPrefix(string(b), "o") {
		return 0, &web.Error{Status: http.StatusBadRequest, Public: "bad cursor: pass back next_cursor as it came"}
	}
	return n, nil
}

func readLimit(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return 20, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100 {
		return 0, &web.Error{Status: http.StatusBadRequest, Public: "limit must be 1 to 100"}
	}
	return n, nil
}

// listResponse writes the PRODUCT.md §4 list shape.
func (c *Content) listResponse(w http.ResponseWriter, r *http.Request, list []story.Story, total, offset int) error {
	views, err := c.present(r.Context(), list, false)
	if err != nil {
		return err
	}
	next := ""
	if offset+len(list) < total {
		next = cursor(offset + len(list))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"stories": views, "next_cursor": next})
}

func (c *Content) stories(w http.ResponseWriter, r *http.Request) error {
	offset, err := readCursor(r)
	if err != nil {
		return err
	}
	limit, err := readLimit(r)
	if err != nil {
		return err
	}
	q := story.Query{Limit: limit, Offset: offset}
	if p := r.URL.Query().Get("section"); p != "" {
		secs, err := c.store.Sections(r.Context())
		if err != nil {
			return err
		}
		sec, ok := section.NewTree(secs).ByPath(strings.Trim(p, "/"))
		if !ok {
			return &web.Error{Status: http.StatusNotFound, Public: "no such section"}
		}
		q.SectionID = sec.ID
	}
	if t := r.URL.Query().Get("topic"); t != "" {
		topic, err := c.store.TopicBySlug(r.Context(), t)
		if err != nil {
			return err
		}
		q.TopicID = topic.ID
	}
	list, total, err := c.store.Stories(r.Context(), q)
	if err != nil {
		return err
	}
	return c.listResponse(w, r, list, total, offset)
}

func (c *Content) storyResponse(w http.ResponseWriter, r *http.Request, st story.Story) error {
	if !st.Visible() {
		return story.ErrNotFound // unpublished copy does not exist here
	}
	views, err := c.present(r.Context(), []story.Story{st}, true)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, views[0])
}

func (c *Content) story(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	st, err := c.store.StoryByID(r.Context(), id)
	if err != nil {
		return err
	}
	return c.storyResponse(w, r, st)
}

// storyByPath finds a story by its public path (?path=/world/2026/11/29/slug/).
func (c *Content) storyByPath(w http.ResponseWriter, r *http.Request) error {
	parts := strings.Split(strings.Trim(r.URL.Query().Get("path"), "/"), "/")
	if len(parts) < 5 {
		return &web.Error{Status: http.StatusBadRequest, Public: "path must be a story path such as /world/2026/11/29/slug/"}
	}
	st, err := c.store.StoryBySlug(r.Context(), parts[len(parts)-1])
	if err != nil {
		return err
	}
	return c.storyResponse(w, r, st)
}

func (c *Content) sections(w http.ResponseWriter, r *http.Request) error {
	return writeSections(w, r, c.store)
}

func (c *Content) topics(w http.ResponseWriter, r *http.Request) error {
	return writeTopics(w, r, c.store)
}

func (c *Content) search(w http.ResponseWriter, r *http.Request) error {
	offset, err := readCursor(r)
	if err != nil {
		return err
	}
	limit, err := readLimit(r)
	if err != nil {
		return err
	}
	site, err := c.store.Site(r.Context())
	if err != nil {
		return err
	}
	secs, err := c.store.Sections(r.Context())
	if err != nil {
		return err
	}
	tree := section.NewTree(secs)
	q := search.FromValues(r.URL.Query(), func(p string) int64 {
		if sec, ok := tree.ByPath(p); ok {
			return sec.ID
		}
		return -1
	}, func(slug string) int64 {
		if t, err := c.store.TopicBySlug(r.Context(), slug); err == nil {
			return t.ID
		}
		return -1
	}, site.Location())
	if strings.TrimSpace(q.Text) == "" {
		return &web.Error{Status: http.StatusBadRequest, Public: "q is required"}
	}
	q.Limit, q.Offset = limit, offset
	hits, total, err := c.searches.Search(r.Context(), q)
	if err != nil {
		return err
	}
	list := make([]story.Story, len(hits))
	for i, h := range hits {
		list[i] = h.Story
	}
	return c.listResponse(w, r, list, total, offset)
}
