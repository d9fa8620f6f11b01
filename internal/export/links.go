package export

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strings"
)

// What a file links to besides an HTML page's attributes: addresses in sitemaps and
// feeds (Atom's in href attributes), url() in style sheets.
var (
	attrLink = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
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
		// Pages are most of an export: quoted values found with bytes.Index, which
		// is many times faster than the regular expressions over 30 KB of HTML.
		raw = quoted(body, `href="`, raw)
		raw = quoted(body, `src="`, raw)
		raw = quoted(body, `"http`, raw) // the site's own absolute addresses: canonical, crops in JSON-LD
		for _, set := range quoted(body, `srcset="`, nil) {
			for _, candidate := range bytes.Split(set, []byte(",")) {
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

// quoted appends to out each value that follows marker up to the next double quote
// (a marker starting with a quote keeps the rest of itself in the value).
func quoted(body []byte, marker string, out [][]byte) [][]byte {
	m := []byte(marker)
	keep := 0
	if m[0] == '"' {
		keep = len(m) - 1
	}
	for i := 0; ; {
		k := bytes.Index(body[i:], m)
		if k < 0 {
			return out
		}
		start := i + k + len(m) - keep
		end := bytes.IndexByte(body[start+keep:], '"')
		if end < 0 {
			return out
		}
		out = append(out, body[start:start+keep+end])
		i = start + keep + end + 1
	}
}
