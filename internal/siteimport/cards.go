package siteimport

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
)

var imgTag = regexp.MustCompile(`<img\b[^>]*>`)

// Ghost stores a post as Lexical (Ghost 5 and later) or mobiledoc (before), and
// usually its HTML too; a post exported without HTML is rendered here from its
// cards to plain HTML, which the converter then reads like any other.

// lexicalNode is one node of a Lexical document; cards keep their own fields.
type lexicalNode struct {
	Type     string        `json:"type"`
	Tag      string        `json:"tag"`
	ListType string        `json:"listType"`
	Text     string        `json:"text"`
	Format   json.Number   `json:"format"` // bits: 1 bold, 2 italic, 4 strikethrough, 16 code (a string on blocks)
	URL      string        `json:"url"`
	Src      string        `json:"src"`
	Alt      string        `json:"alt"`
	AltText  string        `json:"altText"`
	Caption  string        `json:"caption"`
	Markdown string        `json:"markdown"`
	HTML     string        `json:"html"`
	Code     string        `json:"code"`
	Images   []lexicalNode `json:"images"`
	// callout, toggle and button cards
	CalloutText string        `json:"calloutText"`
	Heading     string        `json:"heading"`
	Content     string        `json:"content"`
	ButtonText  string        `json:"buttonText"`
	ButtonURL   string        `json:"buttonUrl"`
	Children    []lexicalNode `json:"children"`
}

func lexicalHTML(doc string, warn func(WarnCode, string)) (string, error) {
	var d struct {
		Root lexicalNode `json:"root"`
	}
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&d); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, n := range d.Root.Children {
		lexicalBlock(&b, n, warn)
	}
	return b.String(), nil
}

func lexicalBlock(b *strings.Builder, n lexicalNode, warn func(WarnCode, string)) {
	switch n.Type {
	case "paragraph", "extended-text":
		b.WriteString("<p>" + lexicalInline(n.Children) + "</p>\n")
	case "heading", "extended-heading":
		tag := n.Tag
		if tag == "" || len(tag) != 2 || tag[0] != 'h' {
			tag = "h2"
		}
		b.WriteString("<" + tag + ">" + lexicalInline(n.Children) + "</" + tag + ">\n")
	case "quote", "extended-quote", "aside":
		b.WriteString("<blockquote><p>" + lexicalInline(n.Children) + "</p></blockquote>\n")
	case "list":
		tag := "ul"
		if n.ListType == "number" {
			tag = "ol"
		}
		b.WriteString("<" + tag + ">")
		for _, li := range n.Children {
			b.WriteString("<li>" + lexicalInline(li.Children) + "</li>")
		}
		b.WriteString("</" + tag + ">\n")
	case "image":
		writeFigure(b, n.Src, firstNonEmpty(n.Alt, n.AltText), n.Caption)
	case "gallery":
		for _, img := range n.Images {
			writeFigure(b, img.Src, firstNonEmpty(img.Alt, img.AltText), img.Caption)
		}
	case "markdown":
		b.WriteString(markdownHTML(n.Markdown))
	case "html":
		b.WriteString(n.HTML + "\n")
	case "embed", "bookmark":
		if n.URL != "" {
			b.WriteString("<p>" + html.EscapeString(n.URL) + "</p>\n")
		}
	case "video", "audio", "file":
		if n.Src != "" {
			b.WriteString(`<p><a href="` + html.EscapeString(n.Src) + `">` + html.EscapeString(firstNonEmpty(n.Caption, n.Type)) + "</a></p>\n")
		}
	case "callout":
		b.WriteString("<blockquote><p>" + n.CalloutText + "</p></blockquote>\n") // Ghost keeps it as HTML
	case "toggle":
		b.WriteString("<h3>" + n.Heading + "</h3>\n" + n.Content + "\n")
	case "button":
		if n.ButtonURL != "" {
			b.WriteString(`<p><a href="` + html.EscapeString(n.ButtonURL) + `">` + html.EscapeString(firstNonEmpty(n.ButtonText, n.ButtonURL)) + "</a></p>\n")
		}
	case "horizontalrule":
		b.WriteString("<hr>\n")
	case "codeblock":
		b.WriteString("<pre><code>" + html.EscapeString(n.Code) + "</code></pre>\n")
	default:
		warn(WarnBlock, "lexical "+n.Type)
		if len(n.Children) > 0 {
			b.WriteString("<p>" + lexicalInline(n.Children) + "</p>\n")
		}
	}
}

func lexicalInline(nodes []lexicalNode) string {
	var b strings.Builder
	for _, n := range nodes {
		switch n.Type {
		case "text", "extended-text":
			t := html.EscapeString(n.Text)
			f, _ := n.Format.Int64()
			if f&16 != 0 {
				t = "<code>" + t + "</code>"
			}
			if f&4 != 0 {
				t = "<s>" + t + "</s>"
			}
			if f&2 != 0 {
				t = "<em>" + t + "</em>"
			}
			if f&1 != 0 {
				t = "<strong>" + t + "</strong>"
			}
			b.WriteString(t)
		case "link", "autolink":
			b.WriteString(`<a href="` + html.EscapeString(n.URL) + `">` + lexicalInline(n.Children) + "</a>")
		case "linebreak":
			b.WriteString("<br>")
		default:
			b.WriteString(lexicalInline(n.Children))
		}
	}
	return b.String()
}

func writeFigure(b *strings.Builder, src, alt, caption string) {
	if src == "" {
		return
	}
	b.WriteString(`<figure><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(alt) + `">`)
	if caption != "" {
		b.WriteString("<figcaption>" + caption + "</figcaption>") // Ghost keeps captions as HTML
	}
	b.WriteString("</figure>\n")
}

// markdownHTML renders a Markdown card (CommonMark) to HTML.
func markdownHTML(src string) string {
	var buf bytes.Buffer
	if err := goldmark.Convert([]byte(src), &buf); err != nil {
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return buf.String()
}

// inlineTags are the markups a mobiledoc marker may carry over.
var inlineTags = map[string]bool{"a": true, "strong": true, "b": true, "em": true, "i": true, "code": true, "s": true,
	"sup": true, "sub": true}

// mobiledoc is Ghost's document format before Lexical.
type mobiledoc struct {
	Markups  [][]json.RawMessage `json:"markups"`
	Cards    [][]json.RawMessage `json:"cards"`
	Sections [][]json.RawMessage `json:"sections"`
}

func mobiledocHTML(doc string, warn func(WarnCode, string)) (string, error) {
	var m mobiledoc
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		return "", err
	}
	// Each markup is [tag] or [tag, [attr, value, ...]].
	type markup struct{ open, close string }
	markups := make([]markup, len(m.Markups))
	for i, mk := range m.Markups {
		var tag string
		if len(mk) == 0 || json.Unmarshal(mk[0], &tag) != nil {
			continue
		}
		tag = strings.ToLower(tag)
		if !inlineTags[tag] {
			tag = "span"
		}
		open := "<" + tag
		if len(mk) > 1 {
			var attrs []string
			_ = json.Unmarshal(mk[1], &attrs) // attributes that are not strings are left off
			for j := 0; j+1 < len(attrs); j += 2 {
				if attrs[j] == "href" {
					open += ` href="` + html.EscapeString(attrs[j+1]) + `"`
				}
			}
		}
		markups[i] = markup{open + ">", "</" + tag + ">"}
	}
	markers := func(raw json.RawMessage) string {
		var list [][]json.RawMessage
		_ = json.Unmarshal(raw, &list) // a malformed marker list renders nothing
		var b strings.Builder
		var stack []int
		for _, mk := range list {
			if len(mk) < 4 {
				continue
			}
			var kind, closed int
			var opens []int
			var text string
			_ = json.Unmarshal(mk[0], &kind)
			_ = json.Unmarshal(mk[1], &opens)
			_ = json.Unmarshal(mk[2], &closed)
			_ = json.Unmarshal(mk[3], &text)
			for _, o := range opens {
				if o >= 0 && o < len(markups) {
					b.WriteString(markups[o].open)
					stack = append(stack, o)
				}
			}
			if kind == 0 {
				b.WriteString(html.EscapeString(text))
			}
			for ; closed > 0 && len(stack) > 0; closed-- {
				b.WriteString(markups[stack[len(stack)-1]].close)
				stack = stack[:len(stack)-1]
			}
		}
		for len(stack) > 0 {
			b.WriteString(markups[stack[len(stack)-1]].close)
			stack = stack[:len(stack)-1]
		}
		return b.String()
	}
	var b strings.Builder
	for _, s := range m.Sections {
		if len(s) < 2 {
			continue
		}
		var kind int
		_ = json.Unmarshal(s[0], &kind)
		switch kind {
		case 1: // markup section: [1, tag, markers]
			var tag string
			_ = json.Unmarshal(s[1], &tag)
			tag = strings.ToLower(tag)
			switch tag {
			case "h1", "h2", "h3", "h4", "h5", "h6", "blockquote":
			case "aside":
				tag = "blockquote"
			default:
				tag = "p"
			}
			if len(s) > 2 {
				b.WriteString("<" + tag + ">" + markers(s[2]) + "</" + tag + ">\n")
			}
		case 3: // list section: [3, "ul"|"ol", [markers...]]
			var tag string
			var items []json.RawMessage
			_ = json.Unmarshal(s[1], &tag)
			if len(s) > 2 {
				_ = json.Unmarshal(s[2], &items)
			}
			if tag != "ol" {
				tag = "ul"
			}
			b.WriteString("<" + tag + ">")
			for _, it := range items {
				b.WriteString("<li>" + markers(it) + "</li>")
			}
			b.WriteString("</" + tag + ">\n")
		case 10: // card section: [10, card index]
			var i int
			_ = json.Unmarshal(s[1], &i)
			if i < 0 || i >= len(m.Cards) || len(m.Cards[i]) < 2 {
				continue
			}
			var name string
			_ = json.Unmarshal(m.Cards[i][0], &name)
			var card lexicalNode
			_ = json.Unmarshal(m.Cards[i][1], &card) // the same field names as Lexical's cards, mostly
			card.Type = map[string]string{"card-markdown": "markdown", "hr": "horizontalrule", "code": "codeblock"}[name]
			if card.Type == "" {
				card.Type = name
			}
			lexicalBlock(&b, card, func(c WarnCode, d string) { warn(c, strings.Replace(d, "lexical", "mobiledoc card", 1)) })
		}
	}
	return b.String(), nil
}
