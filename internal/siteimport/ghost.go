package siteimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ghostExport is the part of a Ghost export (Ghost 2.x–6.x: db[0].meta and
// db[0].data) that Dateline reads.
type ghostExport struct {
	DB []struct {
		Meta struct {
			Version string `json:"version"`
		} `json:"meta"`
		Data ghostData `json:"data"`
	} `json:"db"`
}

type ghostData struct {
	Posts []ghostPost `json:"posts"`
	Meta  []struct {
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
}

// ErrGhostVersion refuses an export of a Ghost version this reader does not know.
var ErrGhostVersion = errors.New("not a Ghost export this version reads (Ghost 2.x to 6.x)")

// ghostURL is the placeholder Ghost 4 and later write for the site's own address.
const ghostURL = "__GHOST_URL__"

// Ghost reads a Ghost JSON export for Run. The export is one JSON document; it is
// decoded into the fields Dateline uses and nothing more. site is the old site's
// address ("" when not known): it stands for __GHOST_URL__ in links and photos.
func Ghost(open func() (io.ReadCloser, error), site string) (*Export, []Warning, error) {
	f, err := open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var g ghostExport
	dec := json.NewDecoder(f)
	if err := dec.Decode(&g); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, nil, fmt.Errorf("%w: byte %d: %v", ErrSyntax, syn.Offset, err)
		case errors.As(err, &typ):
			return nil, nil, fmt.Errorf("%w: %s (byte %d): a %s where a %s belongs", ErrSyntax, typ.Field, typ.Offset, typ.Value, typ.Type)
		}
		return nil, nil, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	if len(g.DB) == 0 {
		return nil, nil, fmt.Errorf("%w: no db[0] (meta and data)", ErrGhostVersion)
	}
	version := g.DB[0].Meta.Version
	major, _ := strconv.Atoi(strings.SplitN(version, ".", 2)[0])
	if major < 2 || major > 6 {
		return nil, nil, fmt.Errorf("%w: this export says version %q", ErrGhostVersion, version)
	}
	data := &g.DB[0].Data
	site = strings.TrimRight(site, "/")
	ex := &Export{Pages: map[string]Post{}, Skipped: map[string]int{}, Language: "en"}
	var warnings []Warning
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
	ex.Source = "ghost " + firstNonEmpty(site, title, "site")

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
	var posts []Post
	photos := map[string]Attachment{}
	fix := func(s string) string {
		if site != "" {
			return strings.ReplaceAll(s, ghostURL, site)
		}
		return s
	}
	for i := range data.Posts {
		gp := &data.Posts[i]
		p, err := ghostPostRecord(gp, fix, &warnings)
		if err != nil {
			return nil, nil, fmt.Errorf("posts[%d] (%s): %w", i, gp.Slug, err)
		}
		if p.Status == "" {
			ex.Skipped["post ("+gp.Status+")"]++
			continue
		}
		tagKeys := postTags[gp.ID]
		if len(tagKeys) > 0 {
			p.Categories = tagKeys[:1]
			primary[tagKeys[0]] = true
			p.Tags = tagKeys[1:]
			for _, k := range p.Tags {
				secondary[k] = true
			}
		}
		p.AuthorKeys = authors[gp.ID]
		if len(p.AuthorKeys) == 0 && gp.AuthorID != "" {
			p.AuthorKeys = []string{gp.AuthorID}
		}
		if gp.FeatureImage != nil && *gp.FeatureImage != "" {
			a := Attachment{URL: fix(*gp.FeatureImage)}
			if i, ok := meta[gp.ID]; ok {
				a.Alt, a.Caption = data.Meta[i].Alt, data.Meta[i].Caption
			}
			a.Key = photoKey(a.URL)
			if old, ok := photos[a.Key]; !ok || old.Alt == "" {
				photos[a.Key] = a
			}
			p.Featured = a.Key
		}
		for _, a := range inlinePhotos(p.HTML) {
			if _, ok := photos[a.Key]; !ok {
				photos[a.Key] = a
			}
		}
		p.OldURLs = []string{"/" + escapeSegments([]string{p.Slug}) + "/"}
		posts = append(posts, p)
		if p.Page {
			ex.Pages[p.Key] = Post{Key: p.Key, Slug: p.Slug, Title: p.Title}
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
	ex.PostCount = len(posts)
	ex.Posts = func(visit func(Post) error) error {
		for _, p := range posts {
			if err := visit(p); err != nil {
				return err
			}
		}
		return nil
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
