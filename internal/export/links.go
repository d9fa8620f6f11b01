package export

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strings"
)

// What a page links to, by the kind of file it is: attributes of HTML, addresses in
// sitemaps and feeds, url() in style sheets.
var (
	attrLink   = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	srcsetLink = regexp.MustCompile(`srcset="([^"]*)"`)
	// absLink finds the site's own addresses in a page's head and its JSON-LD:
	// the canonical address, the photo crops that link previews show.
	absLink  = regexp.MustCompile(`"(https?://[^"\s]*)"`)
	xmlLink  = regexp.MustCompile(`<(?:loc|link|id)>([^<]*)</`)
	jsonLink = regexp.MustCompile(`"(?:url|image|home_page_url|feed_url)": ?"([^"]*)"`)
	cssLink  = regexp.MustCompile(`url\(['"]?([^'")]*)['"]?\)`)
)

// links are the site paths a body of the content type refers to, resolved against
// the page's own path; links to other sites and to what needs a server (a query)
// are left out.
func links(body []byte, contentType, page string, site *url.URL) []string {
	var raw [][]byte
	add := func(re *regexp.Regexp) {
		for _, m := range re.FindAllSubmatch(body, -1) {
			raw = append(raw, m[1])
		}
	}
	switch {
	case strings.HasPrefix(contentType, "text/html"):
		add(attrLink)
		add(absLink)
		for _, m := range srcsetLink.FindAllSubmatch(body, -1) {
			for _, candidate := range bytes.Split(m[1], []byte(",")) {
				if f := bytes.Fields(candidate); len(f) > 0 {
					raw = append(raw, f[0])
				}
			}
		}
	case strings.Contains(contentType, "xml"):
		add(xmlLink)
		add(attrLink) // Atom's <link href="...">
	case strings.Contains(contentType, "json"):
		add(jsonLink)
	case strings.HasPrefix(contentType, "text/css"):
		add(cssLink)
	}
	base := &url.URL{Path: page}
	var out []string
	for _, r := range raw {
		if p, ok := sitePath(html.UnescapeString(string(r)), base, site); ok {
			out = append(out, p)
		}
	}
	return out
}

// sitePath is the path a link names on this site, if it names a file an export can
// hold: same site, no query.
func sitePath(link string, base, site *url.URL) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || link == "" || strings.HasPrefix(link, "#") {
		return "", false
	}
	if u.IsAbs() || u.Host != "" {
		if !strings.EqualFold(u.Host, site.Host) || (u.Scheme != "" && u.Scheme != site.Scheme) {
			return "", false
		}
	}
	if u.RawQuery != "" || u.Opaque != "" {
		return "", false // a search, a form: the live site's
	}
	u = base.ResolveReference(&url.URL{Path: u.Path, RawPath: u.RawPath})
	if !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	return u.EscapedPath(), true
}

// serverOnly are the addresses an export never holds: they answer forms.
func serverOnly(path string) bool {
	return path == "/search" || strings.HasPrefix(path, "/letters/") || strings.HasPrefix(path, "/newsroom/") ||
		strings.HasPrefix(path, "/api/")
}
