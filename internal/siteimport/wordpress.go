package siteimport

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// WordPress reads a WordPress export for Run: the authors, categories, tags,
// guest authors and attachments at once (one pass over the file), the posts and
// pages as a second pass when Run asks for them. open opens the file each time.
func WordPress(open func() (io.ReadCloser, error), zone *time.Location) (*Export, []Warning, error) {
	ex := &Export{Pages: map[string]Post{}, Skipped: map[string]int{}}
	var warnings []Warning
	var site WXR
	guests := map[string]bool{}
	logins := map[string]bool{}
	reusable := map[string]string{} // reusable blocks by ID
	f, err := open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	err = ReadWXR(f, zone, WXRVisitor{
		Site:       func(s WXR) error { site = s; return nil },
		Author:     func(a Author) error { ex.Authors = append(ex.Authors, a); logins[a.Key] = true; return nil },
		Guest:      func(a Author) error { ex.Authors = append(ex.Authors, a); guests[a.Key] = true; return nil },
		Category:   func(t Term) error { ex.Categories = append(ex.Categories, t); return nil },
		Tag:        func(t Term) error { ex.Tags = append(ex.Tags, t); return nil },
		Attachment: func(a Attachment) error { ex.Attachments = append(ex.Attachments, a); return nil },
		Reusable:   func(id, content string) { reusable[id] = content },
		Post: func(p Post) error {
			ex.PostCount++
			if p.Page {
				ex.Pages[p.Key] = Post{Key: p.Key, Slug: p.Slug, Title: p.Title, ParentKey: p.ParentKey}
			}
			return nil
		},
		Skipped: func(kind string) { ex.Skipped[kind]++ },
		Warn:    func(w Warning) { warnings = append(warnings, w) },
	})
	if err != nil {
		return nil, nil, err
	}
	ex.Source = "wordpress " + strings.TrimRight(site.BaseURL, "/")
	ex.Language, ex.BaseURL = site.Language, site.BaseURL
	base := basePath(site.BaseURL)
	ex.CategoryPaths = func(chain []string) []string {
		if len(chain) == 0 {
			return nil
		}
		full := base + "/category/" + escapeSegments(chain) + "/"
		last := base + "/category/" + escapeSegments(chain[len(chain)-1:]) + "/"
		return dedupe([]string{full, full + "feed/", last, last + "feed/"})
	}
	ex.TagPaths = func(key string) []string {
		p := base + "/tag/" + escapeSegments([]string{key}) + "/"
		return []string{p, p + "feed/"}
	}
	ex.AuthorPaths = func(key string) []string {
		name := key
		if guests[key] {
			name = strings.TrimPrefix(key, "cap-")
		}
		p := base + "/author/" + escapeSegments([]string{name}) + "/"
		return []string{p, p + "feed/"}
	}
	ex.Feeds = dedupe([]string{base + "/feed/", base + "/feed/rss2/", base + "/feed/atom/", base + "/feed/rss/", "/?feed=rss2"})
	ex.ExtraPostURLs = func(p Post) []string {
		if p.Status != StatusPublished || p.Slug == "" {
			return nil
		}
		s := escapeSegments([]string{p.Slug})
		local := p.Published.In(zone)
		return []string{base + "/" + s + "/", base + local.Format("/2006/01/02/") + s + "/", base + local.Format("/2006/01/") + s + "/",
			base + "/archives/" + p.Key + "/"}
	}
	ex.Posts = func(visit func(Post) error) error {
		f, err := open()
		if err != nil {
			return err
		}
		defer f.Close()
		return ReadWXR(f, zone, WXRVisitor{Post: func(p Post) error { // warnings were the first pass's
			for i, k := range p.AuthorKeys {
				p.AuthorKeys[i] = bylineAuthor(k, logins, guests)
			}
			p.HTML = includeReusable(p.HTML, reusable)
			return visit(p)
		}})
	}
	if ex.Source == "wordpress " {
		return nil, nil, fmt.Errorf("%w: the export names no site address (wp:base_blog_url or link)", ErrSyntax)
	}
	return ex, warnings, nil
}

// bylineAuthor matches a Co-Authors Plus byline term (slug and name, see
// authorNameSep) to an author of the export: a guest author by the term's slug
// ("cap-amara"), a user by "cap-" and their nicename or by the login the term is
// named after. A plain login (dc:creator) is itself.
func bylineAuthor(k string, logins, guests map[string]bool) string {
	slug, name, _ := strings.Cut(k, authorNameSep)
	for _, c := range []string{slug, "cap-" + slug, strings.TrimPrefix(slug, "cap-"), name} {
		if c != "" && (logins[c] || guests[c]) {
			return c
		}
	}
	return slug
}

// reusableRef is a reusable block's place in a post: <!-- wp:block {"ref":123} /-->.
var reusableRef = regexp.MustCompile(`<!--\s+wp:block\s+\{"ref":(\d+)\}\s*/-->`)

// includeReusable puts each reusable block's content where a post refers to it:
// the export keeps it once, as its own item.
func includeReusable(h string, blocks map[string]string) string {
	if len(blocks) == 0 || !strings.Contains(h, "wp:block") {
		return h
	}
	return reusableRef.ReplaceAllStringFunc(h, func(m string) string {
		if content, ok := blocks[reusableRef.FindStringSubmatch(m)[1]]; ok {
			return "\n\n" + content + "\n\n"
		}
		return m
	})
}

// basePath is the folder a site lives in ("/news" for example.com/news), "" at the root.
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimRight(canonicalEscapes(u.EscapedPath()), "/")
}

// escapeSegments joins slugs as a percent-encoded path, as WordPress links them.
func escapeSegments(segs []string) string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = url.PathEscape(s)
	}
	return strings.Join(out, "/")
}

var escapeHex = regexp.MustCompile(`%[0-9a-fA-F]{2}`)

// canonicalEscapes writes percent-escapes in upper case, as Go does and as the
// redirect table keys them: WordPress links "%e4%b8%ad", crawlers send either.
func canonicalEscapes(p string) string {
	return escapeHex.ReplaceAllStringFunc(p, strings.ToUpper)
}
