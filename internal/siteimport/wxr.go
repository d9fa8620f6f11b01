package siteimport

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// WXR is what a WordPress export says about its site, read from its channel.
type WXR struct {
	Version  string // 1.0, 1.1 or 1.2
	Title    string
	BaseURL  string // wp:base_blog_url, else the channel's link
	Language string
}

// WXRVisitor receives a WordPress export's records in file order. A nil func skips
// that kind. Returning an error stops the reading.
type WXRVisitor struct {
	Site       func(WXR) error
	Author     func(Author) error
	Category   func(Term) error
	Tag        func(Term) error
	Guest      func(Author) error // a Co-Authors Plus guest author
	Attachment func(Attachment) error
	Reusable   func(id, content string) // a reusable block (wp_block), which posts include by reference
	Post       func(Post) error
	Skipped    func(kind string) // an item of a type Dateline does not take (revisions, menus)
	Warn       func(Warning)
}

// wxrItem is one <item>, decoded alone so that memory holds one post at a time.
type wxrItem struct {
	Title    string       `xml:"title"`
	Link     string       `xml:"link"`
	GUID     string       `xml:"guid"`
	Creator  string       `xml:"creator"`
	Encoded  []wxrEncoded `xml:"encoded"`
	ID       string       `xml:"post_id"`
	Date     string       `xml:"post_date"`
	DateGMT  string       `xml:"post_date_gmt"`
	Modified string       `xml:"post_modified_gmt"`
	Comments string       `xml:"comment_status"`
	Name     string       `xml:"post_name"`
	Status   string       `xml:"status"`
	Parent   string       `xml:"post_parent"`
	Type     string       `xml:"post_type"`
	Sticky   string       `xml:"is_sticky"`
	Password string       `xml:"post_password"`
	FileURL  string       `xml:"attachment_url"`
	Terms    []struct {
		Domain   string `xml:"domain,attr"`
		Nicename string `xml:"nicename,attr"`
		Name     string `xml:",chardata"`
	} `xml:"category"`
	Meta []struct {
		Key   string `xml:"meta_key"`
		Value string `xml:"meta_value"`
	} `xml:"postmeta"`
	Replies []struct {
		ID       string `xml:"comment_id"`
		Author   string `xml:"comment_author"`
		Email    string `xml:"comment_author_email"`
		URL      string `xml:"comment_author_url"`
		IP       string `xml:"comment_author_IP"`
		Date     string `xml:"comment_date_gmt"`
		Content  string `xml:"comment_content"`
		Approved string `xml:"comment_approved"`
		Type     string `xml:"comment_type"`
		Parent   string `xml:"comment_parent"`
	} `xml:"comment"`
}

// wxrEncoded is <content:encoded> or <excerpt:encoded>: one local name, told apart
// by namespace.
type wxrEncoded struct {
	XMLName xml.Name `xml:"encoded"`
	Text    string   `xml:",chardata"`
}

func (it *wxrItem) meta(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

func (it *wxrItem) encoded(excerpt bool) string {
	for _, e := range it.Encoded {
		if strings.Contains(e.XMLName.Space, "excerpt") == excerpt {
			return e.Text
		}
	}
	return ""
}

// ErrSyntax marks an export that cannot be read; its message names the line.
var ErrSyntax = errors.New("the export cannot be read")

// ReadWXR streams a WordPress export from r to v, one element at a time, in zone
// loc for dates the export gives only in the site's time (drafts). Bytes that are
// not UTF-8 in a file that says it is are read as Windows-1252, with a warning.
func ReadWXR(r io.Reader, loc *time.Location, v WXRVisitor) error {
	repair := &utf8Repair{r: r}
	dec := xml.NewDecoder(repair)
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if label = strings.ToLower(label); label == "utf-8" || label == "utf8" {
			return in, nil
		}
		return charset.NewReaderLabel(label, in)
	}
	site := WXR{}
	seenChannel, sentSite := false, false
	fail := func(err error) error {
		line, _ := dec.InputPos()
		var syn *xml.SyntaxError
		if errors.As(err, &syn) {
			line = syn.Line
			err = errors.New(syn.Msg)
		}
		return fmt.Errorf("%w: line %d: %v", ErrSyntax, line, err)
	}
	sendSite := func() error {
		if sentSite {
			return nil
		}
		sentSite = true
		if site.Version == "" {
			return fmt.Errorf("%w: no wp:wxr_version: not a WordPress export (WXR 1.0, 1.1 or 1.2 is read)", ErrSyntax)
		}
		if !strings.HasPrefix(site.Version, "1.") {
			return fmt.Errorf("%w: WXR version %s is not understood (1.0, 1.1 and 1.2 are)", ErrSyntax, site.Version)
		}
		if v.Site != nil {
			return v.Site(site)
		}
		return nil
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := start.Name.Local
		if name == "channel" {
			seenChannel = true
			continue
		}
		if !seenChannel {
			if name != "rss" {
				return fmt.Errorf("%w: line 1: the file starts with <%s>, not an RSS <rss> element: not a WordPress export", ErrSyntax, name)
			}
			continue
		}
		var err2 error
		switch name {
		case "wxr_version", "base_blog_url", "title", "link", "language":
			var s string
			if err := dec.DecodeElement(&s, &start); err != nil {
				return fail(err)
			}
			switch s = strings.TrimSpace(s); name {
			case "wxr_version":
				site.Version = s
			case "base_blog_url":
				site.BaseURL = s
			case "title":
				site.Title = s
			case "language":
				site.Language = s
			case "link":
				if site.BaseURL == "" {
					site.BaseURL = s
				}
			}
		case "author":
			var a struct {
				Login   string `xml:"author_login"`
				Email   string `xml:"author_email"`
				Display string `xml:"author_display_name"`
			}
			if err := dec.DecodeElement(&a, &start); err != nil {
				return fail(err)
			}
			if err2 = sendSite(); err2 == nil && v.Author != nil {
				err2 = v.Author(Author{Key: strings.TrimSpace(a.Login), Name: firstNonEmpty(a.Display, a.Login),
					Email: strings.TrimSpace(a.Email), Slug: a.Login})
			}
		case "category", "tag", "term":
			var t struct {
				Taxonomy string `xml:"term_taxonomy"`
				CatSlug  string `xml:"category_nicename"`
				CatName  string `xml:"cat_name"`
				Parent   string `xml:"category_parent"`
				TagSlug  string `xml:"tag_slug"`
				TagName  string `xml:"tag_name"`
				TermSlug string `xml:"term_slug"`
				TermName string `xml:"term_name"`
				TermPar  string `xml:"term_parent"`
			}
			if err := dec.DecodeElement(&t, &start); err != nil {
				return fail(err)
			}
			if err2 = sendSite(); err2 != nil {
				break
			}
			switch {
			case name == "category" && v.Category != nil:
				err2 = v.Category(Term{Key: decodeSlug(t.CatSlug), Name: t.CatName, Parent: decodeSlug(t.Parent)})
			case name == "tag" && v.Tag != nil:
				err2 = v.Tag(Term{Key: decodeSlug(t.TagSlug), Name: t.TagName})
			case name == "term" && t.Taxonomy == "category" && v.Category != nil:
				err2 = v.Category(Term{Key: decodeSlug(t.TermSlug), Name: t.TermName, Parent: decodeSlug(t.TermPar)})
			case name == "term" && t.Taxonomy == "post_tag" && v.Tag != nil:
				err2 = v.Tag(Term{Key: decodeSlug(t.TermSlug), Name: t.TermName})
			}
		case "item":
			var it wxrItem
			if err := dec.DecodeElement(&it, &start); err != nil {
				return fail(err)
			}
			if err2 = sendSite(); err2 == nil {
				err2 = visitItem(&it, site, loc, v)
			}
		default:
			if err := dec.Skip(); err != nil {
				return fail(err)
			}
		}
		if err2 != nil {
			return err2
		}
	}
	if !seenChannel {
		return fmt.Errorf("%w: no <channel>: not a WordPress export", ErrSyntax)
	}
	if err := sendSite(); err != nil {
		return err
	}
	if repair.repaired > 0 && v.Warn != nil {
		v.Warn(Warning{Code: WarnEncoding, Detail: fmt.Sprintf("%d bytes were not UTF-8 as the file declares; read as Windows-1252", repair.repaired)})
	}
	return nil
}

func visitItem(it *wxrItem, site WXR, loc *time.Location, v WXRVisitor) error {
	switch it.Type {
	case "attachment":
		if v.Attachment == nil {
			return nil
		}
		return v.Attachment(Attachment{Key: it.ID, URL: strings.TrimSpace(it.FileURL), Title: it.Title, File: it.meta("_wp_attached_file"),
			Alt: it.meta("_wp_attachment_image_alt"), Caption: it.encoded(true),
			// Newspack and the media-credit plugins keep a photo's credit here.
			Credit: firstNonEmpty(it.meta("_media_credit"), it.meta("_navis_media_credit"), it.meta("_credit"))})
	case "guest-author":
		if v.Guest == nil {
			return nil
		}
		return v.Guest(Author{Key: decodeSlug(it.Name), Name: firstNonEmpty(it.meta("cap-display_name"), it.Title),
			Email: it.meta("cap-user_email"), Slug: firstNonEmpty(it.meta("cap-user_login"), strings.TrimPrefix(decodeSlug(it.Name), "cap-")),
			Bio: it.meta("cap-description")})
	case "wp_block":
		if v.Reusable != nil {
			v.Reusable(it.ID, it.encoded(false))
		}
		return nil
	case "post", "page":
	default:
		if v.Skipped != nil {
			v.Skipped(it.Type)
		}
		return nil
	}
	p := Post{Key: it.ID, Page: it.Type == "page", Title: strings.TrimSpace(it.Title), Slug: decodeSlug(it.Name), Autop: true,
		ParentKey: strings.TrimSpace(it.Parent), HTML: it.encoded(false), Excerpt: it.encoded(true),
		Sticky: strings.TrimSpace(it.Sticky) == "1", Featured: strings.TrimSpace(it.meta("_thumbnail_id")),
		Open: it.Comments != "closed"}
	if p.ParentKey == "0" {
		p.ParentKey = ""
	}
	switch it.Status {
	case "publish":
		p.Status = StatusPublished
	case "future":
		p.Status = StatusScheduled
	case "pending":
		p.Status = StatusPending
	case "draft", "private":
		p.Status = StatusDraft
	default: // trash, auto-draft, inherit
		if v.Skipped != nil {
			v.Skipped(it.Type + " (" + it.Status + ")")
		}
		return nil
	}
	if strings.TrimSpace(it.Password) != "" {
		// Readers needed a password there: not for everyone here either.
		p.Status = StatusDraft
		if v.Warn != nil {
			v.Warn(Warning{Code: WarnProtected, Where: "post " + it.ID})
		}
	}
	p.Published = wpTime(it.DateGMT, time.UTC)
	if p.Published.IsZero() {
		p.Published = wpTime(it.Date, loc)
	}
	p.Modified = wpTime(it.Modified, time.UTC)
	author := strings.TrimSpace(it.Creator)
	for _, t := range it.Terms {
		key := decodeSlug(t.Nicename)
		switch t.Domain {
		case "category":
			p.Categories = append(p.Categories, key)
		case "post_tag":
			p.Tags = append(p.Tags, key)
		case "author": // Co-Authors Plus: "cap-" and a user's nicename or a guest author's slug; its name, the login
			p.AuthorKeys = append(p.AuthorKeys, key+authorNameSep+strings.TrimSpace(t.Name))
		}
	}
	if len(p.AuthorKeys) == 0 && author != "" {
		p.AuthorKeys = []string{author}
	}
	p.OldURLs = oldURLs(it, site)
	for _, c := range it.Replies {
		if c.Type == "pingback" || c.Type == "trackback" {
			continue
		}
		state := "pending"
		switch strings.TrimSpace(c.Approved) {
		case "1":
			state = "published"
		case "spam", "trash", "post-trashed":
			state = "spam"
		}
		parent := strings.TrimSpace(c.Parent)
		if parent == "0" {
			parent = ""
		}
		p.Comments = append(p.Comments, Comment{Key: strings.TrimSpace(c.ID), ParentKey: parent, Name: strings.TrimSpace(c.Author),
			Email: strings.TrimSpace(c.Email), URL: c.URL, IP: c.IP, Text: c.Content, Date: wpTime(c.Date, time.UTC), State: state})
	}
	if v.Post == nil {
		return nil
	}
	return v.Post(p)
}

// authorNameSep joins a Co-Authors Plus byline term's slug and name in a post's
// AuthorKeys until the reader matches them to the export's authors.
const authorNameSep = "\x00"

// oldURLs is every address the old site answered for an item, as site paths (with
// the query for ?p= and ?page_id= links).
func oldURLs(it *wxrItem, site WXR) []string {
	var out []string
	add := func(u string) {
		if p := sitePath(u, site.BaseURL); p != "" {
			for _, have := range out {
				if have == p {
					return
				}
			}
			out = append(out, p)
		}
	}
	add(it.Link)
	add(it.GUID)
	if it.Type == "page" {
		add("/?page_id=" + it.ID)
	} else {
		add("/?p=" + it.ID)
	}
	return out
}

// sitePath is u's path (and WordPress's ID query) on the old site, or "" when u is
// another site's or names nothing. Paths keep WordPress's form: percent-encoded, and
// a trailing slash is the old site's choice.
func sitePath(u, base string) string {
	pu, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (pu.Host == "" && !strings.HasPrefix(pu.Path, "/")) {
		return ""
	}
	if pu.Host != "" {
		bu, err := url.Parse(base)
		if err == nil && bu.Host != "" && !strings.EqualFold(strings.TrimPrefix(bu.Host, "www."), strings.TrimPrefix(pu.Host, "www.")) {
			return ""
		}
		// A site in a subfolder (example.com/news/) keeps that prefix: Dateline
		// answers at the root, and so do the redirects.
	}
	path := canonicalEscapes(pu.EscapedPath())
	if path == "" {
		path = "/"
	}
	if key := QueryKey(pu.Query()); key != "" {
		return path + "?" + key
	}
	if pu.RawQuery != "" {
		return ""
	}
	return path
}

// QueryKey is the part of a query string that names a WordPress post, page or
// archive (p=12, page_id=7, cat=3, tag=x, author=2, feed=rss2) in one fixed form, or
// "" when it names none: the redirect table's key for such an address.
func QueryKey(q url.Values) string {
	for _, k := range []string{"p", "page_id", "attachment_id", "cat", "tag", "author", "author_name", "feed"} {
		if v := q.Get(k); v != "" {
			return k + "=" + url.QueryEscape(v)
		}
	}
	return ""
}

// wpTime reads WordPress's "2019-05-03 12:00:00" in loc; zero for "0000-00-00 …".
func wpTime(s string, loc *time.Location) time.Time {
	t, err := time.ParseInLocation(time.DateTime, strings.TrimSpace(s), loc)
	if err != nil || t.Year() < 1900 {
		return time.Time{}
	}
	return t.UTC()
}

// decodeSlug undoes WordPress's percent-encoding of non-Latin slugs.
func decodeSlug(s string) string {
	s = strings.TrimSpace(s)
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
