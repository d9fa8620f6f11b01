package wire

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// plainText makes a headline, name or caption of what agencies send: markup
// stripped, entities decoded (twice at most, for copy encoded twice), whitespace
// collapsed.
func plainText(s string) string {
	for range 2 {
		if !strings.ContainsAny(s, "<&") {
			break
		}
		s = textOf(s)
	}
	return clean(s)
}

// textOf is the text of an HTML fragment as a browser would show it, entities
// decoded: the HTML5 parser builds the tree (so foreign content and unclosed
// elements read as they would on a page), and scripts, styles and templates are
// left out.
func textOf(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return s
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && n.Namespace == "" && (n.DataAtom == atom.Script || n.DataAtom == atom.Style ||
			n.DataAtom == atom.Template || n.DataAtom == atom.Noscript):
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.Br || n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li):
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Div) {
			b.WriteByte(' ')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String()
}

// looksEncoded reports whether a plain-text body is really HTML sent with its
// markup escaped ("&lt;p&gt;"), which feeds and agencies both do.
func looksEncoded(s string) bool {
	return strings.Contains(s, "&lt;") && (strings.Contains(s, "&gt;") || strings.Contains(s, "/&gt;"))
}

// mojibakeMarks are what UTF-8 text looks like when read as Windows-1252: "Ã©" for
// "é", "â€™" for "’", "Â " for a no-break space.
var mojibakeMarks = []string{"Ã", "â€", "Â"}

// repairMojibake undoes UTF-8 read as Windows-1252 (or Latin-1) when the repair is
// unambiguous: encoding the text back as Windows-1252 gives valid UTF-8, and the
// repaired text no longer has the marks. Anything else is left as it is: a
// correct "Ã" in a Portuguese name stays.
func repairMojibake(s string) string {
	if !hasMojibake(s) {
		return s
	}
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil || !utf8.Valid(b) {
		return s
	}
	if fixed := string(b); !hasMojibake(fixed) {
		return fixed
	}
	return s
}

func hasMojibake(s string) bool {
	for _, m := range mojibakeMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// cp1252C1 are the characters Windows-1252 puts where Latin-1 has the C1 controls
// (0x80-0x9F); the five it leaves undefined stay out.
var cp1252C1 = func() map[rune]rune {
	m := map[rune]rune{}
	for b := 0x80; b <= 0x9F; b++ {
		if r := charmap.Windows1252.DecodeByte(byte(b)); r != utf8.RuneError && r != rune(b) {
			m[rune(b)] = r
		}
	}
	return m
}()

// fixControls maps C1 control characters to Windows-1252's punctuation (legacy
// copy: Latin-1, Windows-1252 or undeclared, where "\u0093" was meant as a curly
// quote) or removes them (copy declared in a Unicode encoding), and removes DEL
// and the C0 controls other than tab and line breaks.
func fixControls(s string, legacy bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x80 && r <= 0x9F:
			if to, ok := cp1252C1[r]; ok && legacy {
				return to
			}
			return -1
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7F:
			return -1
		}
		return r
	}, s)
}

// tidy is the last step for every text field of an item.
func tidy(s string, legacy bool) string {
	return repairMojibake(fixControls(s, legacy))
}

// cleanText tidies every text field of an item and its members, and makes its
// headline and names plain text.
func (it *Item) cleanText(legacy bool) {
	for _, p := range []*string{&it.Headline, &it.Byline, &it.Dateline, &it.Summary, &it.Caption, &it.Credit, &it.Agency} {
		*p = plainText(tidy(*p, legacy))
	}
	it.Body = tidy(it.Body, legacy)
	if !it.BodyHTML && looksEncoded(it.Body) {
		it.Body, it.BodyHTML = html.UnescapeString(it.Body), true
	}
	for i, s := range it.Subjects {
		it.Subjects[i] = plainText(tidy(s, legacy))
	}
	for i := range it.Members {
		it.Members[i].cleanText(legacy)
	}
	for i := range it.Refs {
		it.Refs[i].Title = plainText(tidy(it.Refs[i].Title, legacy))
	}
}
