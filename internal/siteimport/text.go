package siteimport

// Text as Markdown writes it: escaped where it would start syntax, spaces folded,
// link destinations that survive any address.

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textOf is the text under n, as is.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		if x.DataAtom == atom.Br {
			b.WriteString("\n")
		}
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// foldSpaces folds each run of spaces, tabs and line ends to one space.
func foldSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inRun := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r', '\n':
			if !inRun {
				b.WriteByte(' ')
			}
			inRun = true
		default:
			b.WriteByte(c)
			inRun = false
		}
	}
	return b.String()
}

// collapseSpaces folds runs of white space to one space, keeping hard breaks.
func collapseSpaces(s string) string {
	parts := strings.Split(s, "\\\n")
	for i, p := range parts {
		parts[i] = foldSpaces(p)
		if i > 0 {
			parts[i] = strings.TrimLeft(parts[i], " ")
		}
		if i < len(parts)-1 {
			parts[i] = strings.TrimRight(parts[i], " ")
		}
	}
	return strings.Join(parts, "\\\n")
}

// markdownSpecial are characters that would start Markdown syntax inside text.
var markdownSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`",
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "~", `\~`)

// lineStart matches what would make a line a list item or heading.
var lineStart = regexp.MustCompile(`(?m)^(\s*)([-+=]|\d+[.)])(\s)`)

// mayStartBlock reports whether a line of s starts with what could make it a list
// item or a heading underline (a digit, "-", "+" or "="): only then is the
// regexp run.
func mayStartBlock(s string) bool {
	start := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			start = true
		case start && (c == ' ' || c == '\t'):
		case start && (c == '-' || c == '+' || c == '=' || c >= '0' && c <= '9'):
			return true
		default:
			start = false
		}
	}
	return false
}

func escapeText(s string) string {
	s = markdownSpecial.Replace(s)
	if !mayStartBlock(s) {
		return s
	}
	return lineStart.ReplaceAllStringFunc(s, func(m string) string {
		if i := strings.IndexAny(m, ".)"); i > 0 && m[i-1] >= '0' && m[i-1] <= '9' {
			return m[:i] + `\` + m[i:] // "1\. ": a number, not a list
		}
		i := strings.IndexAny(m, "-+=")
		return m[:i] + `\` + m[i:]
	})
}

// linkDest is a URL as a Markdown link destination.
func linkDest(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(u) + ">"
	}
	return u
}
