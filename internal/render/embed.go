package render

import (
	"net/url"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"dateline/internal/settings"
)

// An embed is a provider's post, video or chart that a story links to on a line of
// its own. The page shows a placeholder (the provider, the link, a button) and loads
// the provider's frame only when the reader asks: until then the page makes no
// request to anyone else, so it stays fast and private. Only the providers below
// are embedded, each from a link of a strict shape; every other link stays a link.
type embedProvider struct {
	name  string
	frame func(u *url.URL) (string, bool) // the frame's address for a link, if the link is this provider's
}

var (
	youTubeID     = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	digits        = regexp.MustCompile(`^[0-9]{1,25}$`)
	token         = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	handle        = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,253}$`)
	hostName      = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
	mastodonUser  = regexp.MustCompile(`^@[A-Za-z0-9_]{1,64}$`)
	datawrapperID = regexp.MustCompile(`^[A-Za-z0-9]{5}$`)
)

// segments splits a URL path into its parts, without empty ones.
func segments(u *url.URL) []string {
	var out []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func hostIs(u *url.URL, hosts ...string) bool {
	h := strings.ToLower(u.Hostname())
	for _, want := range hosts {
		if h == want {
			return true
		}
	}
	return false
}

var embedProviders = []embedProvider{
	{"YouTube", func(u *url.URL) (string, bool) {
		p := segments(u)
		var id string
		switch {
		case hostIs(u, "youtu.be") && len(p) == 1:
			id = p[0]
		case hostIs(u, "youtube.com", "www.youtube.com", "m.youtube.com") && len(p) == 1 && p[0] == "watch":
			id = u.Query().Get("v")
		case hostIs(u, "youtube.com", "www.youtube.com") && len(p) == 2 && p[0] == "shorts":
			id = p[1]
		}
		return "https://www.youtube-nocookie.com/embed/" + id, youTubeID.MatchString(id)
	}},
	{"Vimeo", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "vimeo.com", "www.vimeo.com") && len(p) == 1 && digits.MatchString(p[0])
		return "https://player.vimeo.com/video/" + strings.Join(p, ""), ok
	}},
	{"X", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com") && len(p) == 3 &&
			token.MatchString(p[0]) && p[1] == "status" && digits.MatchString(p[2])
		if !ok {
			return "", false
		}
		return "https://platform.twitter.com/embed/Tweet.html?id=" + p[2], true
	}},
	{"Instagram", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "instagram.com", "www.instagram.com") && len(p) == 2 && (p[0] == "p" || p[0] == "reel") && token.MatchString(p[1])
		if !ok {
			return "", false
		}
		return "https://www.instagram.com/" + p[0] + "/" + p[1] + "/embed", true
	}},
	{"Bluesky", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "bsky.app") && len(p) == 4 && p[0] == "profile" && handle.MatchString(p[1]) && p[2] == "post" && token.MatchString(p[3])
		if !ok {
			return "", false
		}
		return "https://embed.bsky.app/embed/" + p[1] + "/app.bsky.feed.post/" + p[3], true
	}},
	{"SoundCloud", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "soundcloud.com", "www.soundcloud.com") && len(p) == 2 && token.MatchString(p[0]) && token.MatchString(p[1])
		if !ok {
			return "", false
		}
		return "https://w.soundcloud.com/player/?url=" + url.QueryEscape("https://soundcloud.com/"+p[0]+"/"+p[1]), true
	}},
	{"Flourish", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "public.flourish.studio") && len(p) >= 2 && (p[0] == "visualisation" || p[0] == "story") && digits.MatchString(p[1])
		if !ok {
			return "", false
		}
		return "https://flo.uri.sh/" + p[0] + "/" + p[1] + "/embed", true
	}},
	{"Datawrapper", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostIs(u, "datawrapper.dwcdn.net") && len(p) >= 1 && len(p) <= 2 && datawrapperID.MatchString(p[0]) &&
			(len(p) == 1 || digits.MatchString(p[1]))
		if !ok {
			return "", false
		}
		return "https://datawrapper.dwcdn.net/" + strings.Join(p, "/") + "/", true
	}},
	// Mastodon last: any server, by the shape of a post's address.
	{"Mastodon", func(u *url.URL) (string, bool) {
		p := segments(u)
		ok := hostName.MatchString(strings.ToLower(u.Hostname())) && u.Port() == "" && len(p) == 2 && mastodonUser.MatchString(p[0]) &&
			digits.MatchString(p[1])
		if !ok {
			return "", false
		}
		return "https://" + strings.ToLower(u.Hostname()) + "/" + p[0] + "/" + p[1] + "/embed", true
	}},
}

// embedFor returns the provider and frame address for a link on a line of its own,
// if it is one of the providers' — the built-in ones, or the site's own (whose
// links are framed as they are). Only https links without credentials or ports
// qualify.
func embedFor(link string, extra []settings.EmbedHost) (provider, frame string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Scheme != "https" || u.User != nil || u.Port() != "" || u.Opaque != "" || u.Host == "" {
		return "", "", false
	}
	for _, p := range embedProviders {
		if frame, ok := p.frame(u); ok {
			return p.name, frame, true
		}
	}
	for _, h := range extra {
		if strings.EqualFold(u.Hostname(), h.Host) {
			u.Fragment = ""
			return h.Name, u.String(), true
		}
	}
	return "", "", false
}

// embedLink is the link a paragraph holds alone: its text is a URL, or it is one
// link whose text is its address.
func embedLink(p *xhtml.Node) (string, bool) {
	if p.DataAtom != atom.P || p.FirstChild == nil || p.FirstChild != p.LastChild {
		return "", false
	}
	c := p.FirstChild
	switch {
	case c.Type == xhtml.TextNode:
		return strings.TrimSpace(c.Data), true
	case c.DataAtom == atom.A && c.FirstChild != nil && c.FirstChild == c.LastChild && c.FirstChild.Type == xhtml.TextNode:
		for _, a := range c.Attr {
			if a.Key == "href" && strings.TrimSpace(a.Val) == strings.TrimSpace(c.FirstChild.Data) {
				return strings.TrimSpace(a.Val), true
			}
		}
	}
	return "", false
}

// placeholder is the figure that stands for an embed: the provider and the link,
// which is all a reader without JavaScript needs. The page's script adds the
// button (in the page's language) that swaps in the provider's frame.
func placeholder(provider, frame, link string) *xhtml.Node {
	el := func(a atom.Atom, attrs ...string) *xhtml.Node {
		n := &xhtml.Node{Type: xhtml.ElementNode, DataAtom: a, Data: a.String()}
		for i := 0; i+1 < len(attrs); i += 2 {
			n.Attr = append(n.Attr, xhtml.Attribute{Key: attrs[i], Val: attrs[i+1]})
		}
		return n
	}
	text := func(parent *xhtml.Node, s string) { parent.AppendChild(&xhtml.Node{Type: xhtml.TextNode, Data: s}) }
	fig := el(atom.Figure, "class", "embed", "data-embed-src", frame, "data-embed-provider", provider)
	p := el(atom.P, "class", "embed-source")
	text(p, provider+": ")
	a := el(atom.A, "href", link, "rel", "noopener noreferrer")
	text(a, link)
	p.AppendChild(a)
	fig.AppendChild(p)
	return fig
}

// withEmbeds replaces each paragraph that holds only a provider's link with its
// placeholder; it reports whether there was one.
func withEmbeds(nodes []*xhtml.Node, extra []settings.EmbedHost) ([]*xhtml.Node, bool) {
	found := false
	for i, n := range nodes {
		link, ok := embedLink(n)
		if !ok {
			continue
		}
		if provider, frame, ok := embedFor(link, extra); ok {
			nodes[i], found = placeholder(provider, frame, link), true
		}
	}
	return nodes, found
}
