package public

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"dateline/internal/feeds"
	"dateline/internal/media"
	"dateline/internal/render"
	"dateline/internal/story"
	"dateline/internal/web"
)

// feedItems is how many stories a feed carries.
const feedItems = 20

// feedFormats maps a feed file name to its encoder and content type.
var feedFormats = map[string]struct {
	encode func(feeds.Feed) ([]byte, error)
	ctype  string
	title  string
}{
	"feed.xml":  {feeds.RSS, "application/rss+xml; charset=utf-8", "RSS"},
	"feed.atom": {feeds.Atom, "application/atom+xml; charset=utf-8", "Atom"},
	"feed.json": {feeds.JSONFeed, "application/feed+json; charset=utf-8", "JSON Feed"},
}

// feedLink is a <link rel="alternate"> to a feed.
type feedLink struct {
	Title string
	Type  string
	URL   string
}

// feedLinks are the three feeds of a page scope ("" for the whole site).
func feedLinks(scope, title string) []feedLink {
	base := "/"
	if scope != "" {
		base = "/" + scope + "/"
	}
	return []feedLink{
		{title + " (RSS)", "application/rss+xml", base + "feed.xml"},
		{title + " (Atom)", "application/atom+xml", base + "feed.atom"},
		{title + " (JSON Feed)", "application/feed+json", base + "feed.json"},
	}
}

// isFeedPath reports paths that end in a feed file name.
func isFeedPath(p string) bool {
	i := strings.LastIndexByte(p, '/')
	_, ok := feedFormats[p[i+1:]]
	return ok
}

// feedShow serves the feeds of the site (/feed.xml), a section (/world/asia/feed.atom)
// or a topic (/topics/trade/feed.json), with ETag and Last-Modified for conditional GET.
func (s *Server) feedShow(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return &web.Error{Status: http.StatusMethodNotAllowed, Public: "Feeds are read with GET."}
	}
	i := strings.LastIndexByte(r.URL.Path, '/')
	format := feedFormats[r.URL.Path[i+1:]]
	scope := strings.Trim(r.URL.Path[:i], "/")
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	f := feeds.Feed{
		Title:       c.Site.Name,
		Description: c.Site.Tagline,
		Link:        c.canonical("/"),
		Self:        c.canonical(r.URL.EscapedPath()),
		Language:    c.Site.Language,
	}
	q := story.Query{Limit: feedItems}
	switch {
	case scope == "":
	case strings.HasPrefix(scope, "topics/"):
		topic, err := s.store.PublishedTopicBySlug(r.Context(), strings.TrimPrefix(scope, "topics/"))
		if err != nil {
			return err
		}
		q.TopicID = topic.ID
		f.Title, f.Link, f.Description = topic.Name+" - "+c.Site.Name, c.canonical("/topics/"+url.PathEscape(topic.Slug)+"/"),
			c.l.T("feed_about", topic.Name)
	default:
		sec, ok := c.tree.ByPath(scope)
		if !ok {
			return web.ErrNotFound
		}
		q.SectionID = sec.ID
		f.Title, f.Link, f.Description = sec.Name+" - "+c.Site.Name, c.canonical("/"+sec.Path+"/"), c.l.T("feed_latest_in", sec.Name)
	}
	list, _, err := s.store.Stories(r.Context(), q)
	if err != nil {
		return err
	}
	for _, summary := range list {
		item, err := s.feedItem(r, c, summary.ID)
		if err != nil {
			return err
		}
		f.Items = append(f.Items, item)
		f.Updated = maxTime(f.Updated, item.Updated, item.Published)
	}
	if f.Updated.IsZero() {
		f.Updated = time.Unix(0, 0)
	}
	body, err := format.encode(f)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	w.Header().Set("Content-Type", format.ctype)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	w.Header().Set("Cache-Control", "public, max-age=60")
	http.ServeContent(w, r, "", f.Updated, bytes.NewReader(body))
	return nil
}

// feedItem is one published story, with its full sanitized body.
func (s *Server) feedItem(r *http.Request, c chrome, id int64) (feeds.Item, error) {
	st, err := s.store.StoryByID(r.Context(), id)
	if err != nil {
		return feeds.Item{}, err
	}
	body, err := s.bodies.Body(st.ID, st.Version, st.BodyMarkdown, render.Dateline(st.DatelineCity, c.Site.ShortName), c.Site.Embeds()...)
	if err != nil {
		return feeds.Item{}, err
	}
	host := "dateline"
	if u, err := url.Parse(c.Site.BaseURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	it := feeds.Item{
		// A tag URI stays the same when the story's slug or section changes.
		ID:  fmt.Sprintf("tag:%s,%s:story-%d", host, st.PublishedAt.UTC().Format("2006-01-02"), st.ID),
		URL: c.canonical(c.storyPath(st)), Title: st.Headline, Summary: st.Dek,
		ContentHTML: string(render.ResolvePhotos(body.Feed, s.inlinePhotos(r.Context(), c.canonical("/media/")))),
		Published:   st.PublishedAt, Updated: st.UpdatedAt,
	}
	for _, n := range st.Notes {
		it.Notes = append(it.Notes, feeds.Note{Label: c.l.T("note_" + string(n.Kind)), Text: n.Text, At: n.At})
	}
	authors, err := s.store.PeopleByID(r.Context(), st.AuthorIDs)
	if err != nil {
		return it, err
	}
	for _, a := range authors {
		it.Authors = append(it.Authors, a.Byline())
	}
	if sec, ok := c.tree.ByID(st.SectionID); ok {
		it.Categories = append(it.Categories, sec.Name)
	}
	topics, err := s.store.TopicsByID(r.Context(), st.TopicIDs)
	if err != nil {
		return it, err
	}
	for _, t := range topics {
		it.Categories = append(it.Categories, t.Name)
	}
	if st.LeadMediaID != 0 {
		m, err := s.store.MediaByID(r.Context(), st.LeadMediaID)
		if err != nil && !errors.Is(err, media.ErrNotFound) {
			return it, err
		}
		if err == nil {
			it.Image = &feeds.Enclosure{URL: c.canonical(mediaURL(m)), Type: m.ContentType, Length: m.Size}
		}
	}
	return it, nil
}

func maxTime(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}
