package newsroom

import (
	"net/url"
	"path"
	"strings"
)

// safeNext is where to go after signing in: a newsroom path on this site, or the
// story list. Browsers read "\" as "/" and undo percent-encoding in ways that differ,
// so anything holding a backslash, a doubled slash, a control character or an
// encoded form of them is refused rather than cleaned.
func safeNext(next string) string {
	const home = "/newsroom/"
	decoded, err := url.PathUnescape(next)
	if err != nil || next == "" || strings.ContainsAny(decoded, "\\\x00") || strings.Contains(decoded, "//") {
		return home
	}
	for _, r := range decoded {
		if r < 0x20 || r == 0x7f {
			return home
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return home
	}
	clean := path.Clean(u.Path)
	if clean != "/newsroom" && !strings.HasPrefix(clean, home) {
		return home
	}
	if strings.HasSuffix(u.Path, "/") && !strings.HasSuffix(clean, "/") {
		clean += "/"
	}
	if u.RawQuery != "" {
		clean += "?" + u.RawQuery
	}
	return clean
}
