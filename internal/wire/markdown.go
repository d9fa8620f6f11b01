package wire

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markdown is the item's body as Markdown for the story editor, so wire copy is
// edited like the newsroom's own: paragraphs, headings, lists, quotes, emphasis and
// http links are kept; scripts, frames and other markup are dropped; text is
// escaped so it never turns into markup. The rendered page is sanitized again.
func (it Item) Markdown() string {
	if !it.BodyHTML {
		return plainMarkdown(it.Body)
	}
	doc, err := html.Parse(strings.NewReader(it.Body))
	if err != nil {
		return plainMarkdown(it.Body)
	}
	var m mdWriter
	m.blocks(doc)
	m.flush()
	return strings.Join(m.out, "\n\n")
}

// plainMarkdown makes paragraphs of plain text: blank lines separate them, and a
// text with no blank lines has one paragraph per line, as agencies send it.
func plainMarkdown(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	sep := "\n\n"
	if !strings.Contains(s, sep) {
		sep = "\n"
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = clean(p); p != "" {
			out = append(out, escapeLineStart(escapeText(p)))
		}
	}
	return strings.Join(out, "\n\n")
}

type mdWriter struct {
	out    []string
	inline strings.Builder
}

func (m *mdWriter) flush() {
	if p := strings.TrimSpace(m.inline.String()); p != "" {
		m.out = append(m.out, escapeLineStart(p))
	}
	m.inline.Reset()
}

var dropped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true, atom.Head: true, atom.Form: true}

// blocks walks block-level content, gathering inline runs into paragraphs.
func (m *mdWriter) blocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			m.inline.WriteString(inline(c))
			continue
		}
		switch {
		case dropped[c.DataAtom]:
		case c.DataAtom == atom.H1 || c.DataAtom == atom.H2 || c.DataAtom == atom.H3 || c.DataAtom == atom.H4 ||
			c.DataAtom == atom.H5 || c.DataAtom == atom.H6:
			m.flush()
			level := map[atom.Atom]string{atom.H1: "##", atom.H2: "##", atom.H3: "###"}[c.DataAtom]
			if level == "" {
				level = "####"
			}
			if t := clean(inline(c)); t != "" {
				m.out = append(m.out, level+" "+t)
			}
		case c.DataAtom == atom.Ul || c.DataAtom == atom.Ol:
			m.flush()
			var items []string
			for li := c.FirstChild; li != nil; li = li.NextSibling {
				if li.Type == html.ElementNode && li.DataAtom == atom.Li {
					marker := "- "
					if c.DataAtom == atom.Ol {
						marker = "1. "
					}
					if t := clean(inline(li)); t != "" {
						items = append(items, marker+t)
					}
				}
			}
			if len(items) > 0 {
				m.out = append(m.out, strings.Join(items, "\n"))
			}
		case c.DataAtom == atom.Blockquote:
			m.flush()
			var q mdWriter
			q.blocks(c)
			q.flush()
			if len(q.out) > 0 {
				m.out = append(m.out, "> "+strings.ReplaceAll(strings.Join(q.out, "\n\n"), "\n", "\n> "))
			}
		case c.DataAtom == atom.Pre:
			m.flush()
			m.out = append(m.out, "```\n"+strings.ReplaceAll(text(c), "```", "ʼʼʼ")+"\n```")
		case isBlock(c.DataAtom):
			m.flush()
			m.blocks(c)
			m.flush()
		default:
			m.inline.WriteString(inline(c))
		}
	}
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Body, atom.Html, atom.Table, atom.Tr, atom.Thead, atom.Tbody,
		atom.Tfoot, atom.Figure, atom.Figcaption, atom.Header, atom.Footer, atom.Aside, atom.Main, atom.Dl, atom.Dd, atom.Dt,
		atom.Li, atom.Hr, atom.Address, atom.Center, atom.Nav:
		return true
	}
	return false
}

// inline renders inline content with emphasis, code and http(s) links.
func inline(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return escapeText(collapse(n.Data))
	case html.ElementNode:
	default:
		return ""
	}
	if dropped[n.DataAtom] {
		return ""
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(inline(c))
	}
	inner := b.String()
	trimmed := strings.TrimSpace(inner)
	switch n.DataAtom {
	case atom.Br:
		return "\\\n"
	case atom.Strong, atom.B:
		return wrap(inner, trimmed, "**")
	case atom.Em, atom.I:
		return wrap(inner, trimmed, "*")
	case atom.Code:
		return wrap(inner, strings.ReplaceAll(text(n), "`", "'"), "`")
	case atom.A:
		for _, a := range n.Attr {
			if a.Key == "href" {
				if u, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && trimmed != "" {
					return wrap(inner, "["+trimmed+"]("+strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(u.String())+")", "")
				}
			}
		}
	}
	if isBlock(n.DataAtom) {
		return " " + inner + " "
	}
	return inner
}

// wrap puts marks around the trimmed text, keeping the spaces that stood around it.
func wrap(inner, trimmed, mark string) string {
	if trimmed == "" {
		return inner
	}
	lead := ""
	if strings.HasPrefix(inner, " ") {
		lead = " "
	}
	tail := ""
	if strings.HasSuffix(inner, " ") {
		tail = " "
	}
	return lead + mark + trimmed + mark + tail
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"#", `\#`, "~", `\~`, "|", `\|`, "&", "&amp;")

// escapeText makes s literal Markdown text.
func escapeText(s string) string { return mdEscaper.Replace(s) }

// collapse folds runs of white space to one space, keeping one at either edge so
// words on both sides of markup do not run together.
func collapse(s string) string {
	out := strings.Join(strings.Fields(s), " ")
	if out == "" {
		if s != "" {
			return " "
		}
		return ""
	}
	if strings.TrimLeft(s[:1], " \t\r\n") == "" {
		out = " " + out
	}
	if strings.TrimRight(s[len(s)-1:], " \t\r\n") == "" {
		out += " "
	}
	return out
}

// escapeLineStart keeps a paragraph that begins like a list item or heading a
// paragraph ("1. " and "- " are escaped).
func escapeLineStart(p string) string {
	switch {
	case strings.HasPrefix(p, "- "), strings.HasPrefix(p, "+ "):
		return `\` + p
	}
	i := 0
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	if i > 0 && i < len(p) && (p[i] == '.' || p[i] == ')') {
		return p[:i] + `\` + p[i:]
	}
	return p
}
