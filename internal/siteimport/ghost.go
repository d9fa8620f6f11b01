package siteimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"
	"time"
)

// ghostData is the part of a Ghost export's db[0].data (Ghost 2.x–6.x) that
// Dateline reads, besides the posts, which are streamed one at a time.
type ghostData struct {
	Meta []struct {
		PostID  string `json:"post_id"`
		Alt     string `json:"feature_image_alt"`
		Caption string `json:"feature_image_caption"`
	} `json:"posts_meta"`
	Tags []struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Slug       string `json:"slug"`
		Visibility string `json:"visibility"`
	} `json:"tags"`
	PostsTags []struct {
		PostID string `json:"post_id"`
		TagID  string `json:"tag_id"`
		Order  int    `json:"sort_order"`
	} `json:"posts_tags"`
	Users []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Slug  string `json:"slug"`
		Email string `json:"email"`
		Bio   string `json:"bio"`
	} `json:"users"`
	PostsAuthors []struct {
		PostID   string `json:"post_id"`
		AuthorID string `json:"author_id"`
		Order    int    `json:"sort_order"`
	} `json:"posts_authors"`
	Settings []struct {
		Key   string          `json:"key"`
		Value json.RawMessage `json:"value"`
	} `json:"settings"`
}

type ghostPost struct {
	ID           string          `json:"id"`
	Title        string          `json:"title"`
	Slug         string          `json:"slug"`
	HTML         *string         `json:"html"`
	Mobiledoc    *string         `json:"mobiledoc"`
	Lexical      *string         `json:"lexical"`
	FeatureImage *string         `json:"feature_image"`
	Featured     json.RawMessage `json:"featured"` // true, or 1 in older exports
	Type         string          `json:"type"`
	Page         json.RawMessage `json:"page"` // Ghost 2.x: true for a page
	Status       string          `json:"status"`
	CreatedAt    string          `json:"created_at"`
	UpdatedAt    string          `json:"updated_at"`
	PublishedAt  *string         `json:"published_at"`
	Excerpt      *string         `json:"custom_excerpt"`
	AuthorID     string          `json:"author_id"` // before multiple authors
	Visibility   string          `json:"visibility"`
}

// ErrGhostVersion refuses an export of a Ghost version this reader does not know.
var ErrGhostVersion = errors.New("not a Ghost export this version reads (Ghost 2.x to 6.x)")

// ghostURL is the placeholder Ghost 4 and later write for the site's own address.
const ghostURL = "__GHOST_URL__"

// Ghost reads a Ghost JSON export for Run, as a stream: the first pass keeps the
// tags, users and what each post needs of them (not its text); the posts are read
// again, one at a time, when Run files them. site is the old site's address (""
// when not known): it stands for __GHOST_URL__ in links and photos.
func Ghost(open func() (io.ReadCloser, error), site string) (*Export, []Warning, error) {
	site = strings.TrimRight(site, "/")
	fix := func(s string) string {
		if site != "" {
			return strings.ReplaceAll(s, ghostURL, site)
		}
		return s
	}
	var data ghostData
	type postInfo struct {
		id, slug, title, status string
		page                    bool
	}
	var infos []postInfo
	var warnings []Warning
	photos := map[string]Attachment{}
	features := map[string]string{} // post ID → its feature image's address
	err := readGhost(open, func(key string, dec *json.Decoder) error {
		if key != "posts" {
			return decodeGhostData(key, dec, &data)
		}
		return eachGhostPost(dec, func(gp *ghostPost) error {
			p, err := ghostPostRecord(gp, fix, &warnings)
			if err != nil {
				return err
			}
			infos = append(infos, postInfo{id: gp.ID, slug: p.Slug, title: p.Title, status: gp.Status, page: p.Page})
			if gp.FeatureImage != nil && *gp.FeatureImage != "" {
				features[gp.ID] = fix(*gp.FeatureImage)
			}
			for _, a := range inlinePhotos(p.HTML) {
				if _, ok := photos[a.Key]; !ok {
					photos[a.Key] = a
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, nil, err
	}
	ex := &Export{Pages: map[string]Post{}, Skipped: map[string]int{}, Language: "en"}
	title := ""
	for _, s := range data.Settings {
		var v string
		if json.Unmarshal(s.Value, &v) != nil {
			continue
		}
		switch s.Key {
		case "title":
			title = v
		case "locale", "lang":
			ex.Language = firstNonEmpty(v, ex.Language)
		}
	}
	ex.Source, ex.BaseURL = "ghost "+firstNonEmpty(site, title, "site"), site

	for _, u := range data.Users {
		ex.Authors = append(ex.Authors, Author{Key: u.ID, Name: firstNonEmpty(u.Name, u.Slug), Email: u.Email, Slug: u.Slug, Bio: u.Bio})
	}
	tags := map[string]Term{}
	internal := map[string]bool{}
	for _, t := range data.Tags {
		if t.Visibility == "internal" || strings.HasPrefix(t.Name, "#") {
			internal[t.ID] = true
			continue
		}
		tags[t.ID] = Term{Key: t.Slug, Name: t.Name}
	}
	postTags := map[string][]string{}
	sort.SliceStable(data.PostsTags, func(i, j int) bool { return data.PostsTags[i].Order < data.PostsTags[j].Order })
	dropped := 0
	for _, pt := range data.PostsTags {
		if internal[pt.TagID] {
			dropped++
			continue
		}
		if t, ok := tags[pt.TagID]; ok {
			postTags[pt.PostID] = append(postTags[pt.PostID], t.Key)
		}
	}
	if dropped > 0 {
		warnings = append(warnings, Warning{Code: WarnInternalTag, Detail: fmt.Sprintf("%d uses of internal #tags", dropped)})
	}
	authors := map[string][]string{}
	sort.SliceStable(data.PostsAuthors, func(i, j int) bool { return data.PostsAuthors[i].Order < data.PostsAuthors[j].Order })
	for _, pa := range data.PostsAuthors {
		authors[pa.PostID] = append(authors[pa.PostID], pa.AuthorID)
	}
	meta := map[string]int{}
	for i, m := range data.Meta {
		meta[m.PostID] = i
	}

	// The primary tag (first) of a post is its section; the others are topics.
	primary, secondary := map[string]bool{}, map[string]bool{}
	for _, info := range infos {
		if info.status != "published" && info.status != "scheduled" && info.status != "draft" {
			ex.Skipped["post ("+info.status+")"]++
			continue
		}
		ex.PostCount++
		if info.page {
			ex.Pages[info.id] = Post{Key: info.id, Slug: info.slug, Title: info.title}
		}
		if keys := postTags[info.id]; len(keys) > 0 {
			primary[keys[0]] = true
			for _, k := range keys[1:] {
				secondary[k] = true
			}
		}
		if u := features[info.id]; u != "" {
			a := Attachment{URL: u, Key: photoKey(u)}
			if i, ok := meta[info.id]; ok {
				a.Alt, a.Caption = data.Meta[i].Alt, data.Meta[i].Caption
			}
			// The feature image's own alt text and caption win over an inline use's.
			if old, ok := photos[a.Key]; !ok || a.Alt != "" || old.Alt == "" {
				photos[a.Key] = a
			}
		}
	}
	for _, t := range data.Tags {
		if internal[t.ID] {
			continue
		}
		if primary[t.Slug] {
			ex.Categories = append(ex.Categories, Term{Key: t.Slug, Name: t.Name})
		}
		if secondary[t.Slug] && !primary[t.Slug] {
			ex.Tags = append(ex.Tags, Term{Key: t.Slug, Name: t.Name})
		}
	}
	keys := make([]string, 0, len(photos))
	for k := range photos {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ex.Attachments = append(ex.Attachments, photos[k])
	}
	ex.Posts = func(visit func(Post) error) error {
		var ignored []Warning // the first pass reported them
		return readGhost(open, func(key string, dec *json.Decoder) error {
			if key != "posts" {
				return skipJSON(dec)
			}
			return eachGhostPost(dec, func(gp *ghostPost) error {
				p, err := ghostPostRecord(gp, fix, &ignored)
				if err != nil || p.Status == "" {
					return err
				}
				if keys := postTags[gp.ID]; len(keys) > 0 {
					p.Categories, p.Tags = keys[:1], keys[1:]
				}
				p.AuthorKeys = authors[gp.ID]
				if len(p.AuthorKeys) == 0 && gp.AuthorID != "" {
					p.AuthorKeys = []string{gp.AuthorID}
				}
				if u := features[gp.ID]; u != "" {
					p.Featured = photoKey(u)
				}
				p.OldURLs = []string{"/" + escapeSegments([]string{p.Slug}) + "/"}
				return visit(p)
			})
		})
	}
	ex.CategoryPaths = func(chain []string) []string {
		if len(chain) == 0 {
			return nil
		}
		p := "/tag/" + escapeSegments(chain[len(chain)-1:]) + "/"
		return []string{p, p + "rss/"}
	}
	ex.TagPaths = func(key string) []string {
		if primary[key] {
			return nil // the section has them
		}
		p := "/tag/" + escapeSegments([]string{key}) + "/"
		return []string{p, p + "rss/"}
	}
	ex.AuthorPaths = func(key string) []string {
		for _, u := range data.Users {
			if u.ID == key {
				p := "/author/" + escapeSegments([]string{u.Slug}) + "/"
				return []string{p, p + "rss/"}
			}
		}
		return nil
	}
	ex.Feeds = []string{"/rss/"}
	return ex, warnings, nil
}

// ghostPostRecord turns a Ghost post into a Post; a post of a status Dateline does
// not take comes back with no Status.
func ghostPostRecord(gp *ghostPost, fix func(string) string, warnings *[]Warning) (Post, error) {
	p := Post{Key: gp.ID, Title: gp.Title, Slug: gp.Slug, Open: true}
	p.Page = gp.Type == "page" || string(gp.Page) == "true" || string(gp.Page) == "1"
	switch gp.Status {
	case "published":
		p.Status = StatusPublished
	case "scheduled":
		p.Status = StatusScheduled
	case "draft":
		p.Status = StatusDraft
	default: // "sent": a newsletter only, never on the web
		return p, nil
	}
	if v := gp.Visibility; v != "" && v != "public" {
		// Members' or paid posts: not for everyone here.
		p.Status = StatusDraft
		*warnings = append(*warnings, Warning{Code: WarnProtected, Where: "post " + gp.ID, Detail: "visible to " + v + " only"})
	}
	if gp.PublishedAt != nil {
		p.Published = ghostTime(*gp.PublishedAt)
	}
	p.Modified = ghostTime(gp.UpdatedAt)
	if p.Published.IsZero() && p.Status == StatusPublished {
		p.Published = ghostTime(gp.CreatedAt)
	}
	if gp.Excerpt != nil {
		p.Excerpt = *gp.Excerpt
	}
	p.Sticky = string(gp.Featured) == "true" || string(gp.Featured) == "1"
	warn := func(c WarnCode, d string) {
		*warnings = append(*warnings, Warning{Code: c, Where: "post " + gp.ID, Detail: d})
	}
	switch {
	case gp.HTML != nil && strings.TrimSpace(*gp.HTML) != "":
		p.HTML = *gp.HTML
	case gp.Lexical != nil && *gp.Lexical != "":
		h, err := lexicalHTML(*gp.Lexical, warn)
		if err != nil {
			return p, fmt.Errorf("lexical: %w", err)
		}
		p.HTML = h
	case gp.Mobiledoc != nil && *gp.Mobiledoc != "":
		h, err := mobiledocHTML(*gp.Mobiledoc, warn)
		if err != nil {
			return p, fmt.Errorf("mobiledoc: %w", err)
		}
		p.HTML = h
	}
	p.HTML = fix(p.HTML)
	return p, nil
}

func ghostTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// inlinePhotos are the photos a post's HTML shows, as attachments keyed by address.
func inlinePhotos(h string) []Attachment {
	var out []Attachment
	for _, m := range imgTag.FindAllString(h, -1) {
		src := attrIn(m, "src")
		if src == "" || !strings.Contains(src, "/content/images/") {
			continue
		}
		out = append(out, Attachment{Key: photoKey(src), URL: src, Alt: attrIn(m, "alt")})
	}
	return out
}

// attrIn reads an attribute from one tag's text.
func attrIn(tag, name string) string {
	i := strings.Index(tag, " "+name+"=\"")
	if i < 0 {
		return ""
	}
	rest := tag[i+len(name)+3:]
	end := strings.IndexByte(rest, '"')
	if end < 0 {
		return ""
	}
	return html.UnescapeString(rest[:end])
}
