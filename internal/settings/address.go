package settings

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// LocalDefault is the address sites were given before they knew their own: a site
// still storing it (or nothing) takes the address it is served at.
const LocalDefault = "http://localhost:8080"

// ParseBaseURL checks a site address: http or https, a host, and no path, query or
// fragment (a trailing slash is dropped). It returns the address as stored.
func ParseBaseURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	switch {
	case err != nil || !strings.Contains(s, "://"):
		return "", fmt.Errorf("%w: the site address %q must be a full URL such as https://news.example", ErrInvalid, s)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%w: the site address %q must start with http:// or https://", ErrInvalid, s)
	case u.Host == "" || u.User != nil:
		return "", fmt.Errorf("%w: the site address %q must name a host", ErrInvalid, s)
	case strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("%w: the site address %q must be the site's root, without a path (Dateline serves from /)", ErrInvalid, s)
	}
	return u.Scheme + "://" + u.Host, nil
}

// AddressWarning explains why links may lead elsewhere: the site address names
// another host or port than the one served, and no proxy is configured that would
// explain it. "" when all is well.
func AddressWarning(base, served, trustedProxies string) string {
	if strings.TrimSpace(trustedProxies) != "" || served == "" {
		return ""
	}
	b, err1 := url.Parse(base)
	s, err2 := url.Parse(served)
	if err1 != nil || err2 != nil || b.Host == "" {
		return ""
	}
	if samePlace(b, s) {
		return ""
	}
	return fmt.Sprintf("The site address %s names another host or port than this server answers at (%s), and no proxy is "+
		"configured: canonical links, feeds and sitemaps will point there. Set --base-url (or DATELINE_BASE_URL), or add "+
		"the proxy under Settings → Trusted proxies.", base, served)
}

func samePlace(a, b *url.URL) bool {
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if u.Scheme == "https" {
			return "443"
		}
		return "80"
	}
	loopback := func(h string) bool {
		ip := net.ParseIP(h)
		return h == "localhost" || (ip != nil && (ip.IsLoopback() || ip.IsUnspecified()))
	}
	ha, hb := a.Hostname(), b.Hostname()
	return port(a) == port(b) && (strings.EqualFold(ha, hb) || (loopback(ha) && loopback(hb)))
}
