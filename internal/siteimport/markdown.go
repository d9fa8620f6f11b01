package siteimport

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Photos finds the Dateline photo for an old image: by the attachment ID in its
// class (wp-image-12) or by its address (any size WordPress made of it). It returns
// the photo's ID, 0 for none, or a negative number for a photo a dry run would
// have imported (the image is then left out without a warning).
type Photos func(attachmentKey, src string) int64

// converter turns one post's HTML into Markdown, noting what it could not carry.
type converter struct {
	photos  Photos
	warn    func(WarnCode, string)
	classic bool // no block markup and no paragraphs: blank lines separate paragraphs
}

// ToMarkdown converts a post's stored HTML (classic editor or block editor, with
// shortcodes) to Dateline Markdown. Scripts, frames, forms and event handlers are
// dropped and reported; the story renderer sanitises what is left as it does every
// story. autop reads the text as WordPress's classic editor stored it, where a
// blank line ends a paragraph and a line end breaks the line (block-editor posts,
// which carry "<!-- wp:" delimiters, and other systems' HTML are read as HTML).
func ToMarkdown(src string, autop bool, photos Photos, warn func(WarnCode, string)) string {
	c := &converter{photos: photos, warn: warn}
	c.classic = autop && !strings.Contains(src, "<!-- wp:")
	src = unwrapBlocks(src, warn)
	src = expandShortcodes(src, warn)
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	nodes, err := html.ParseFragment(strings.NewReader(src), root)
	if err != nil { // the HTML5 parser reads anything; only a reader error lands here
		return strings.TrimSpace(src)
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return strings.Join(c.blocks(root), "\n\n")
}

var listItem = regexp.MustCompile(`^(- |\d+\. )`)

var blankLine = regexp.MustCompile(`\n\s*\n`)

var wpImageClass = regexp.MustCompile(`\bwp-image-(\d+)\b`)

// dropped are elements whose content a story never shows.
var dropped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Form: true, atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true, atom.Link: true, atom.Meta: true,
	atom.Head: true, atom.Title: true}

// blockLevel elements end the paragraph they interrupt.
var blockLevel = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Aside: true,
	atom.Header: true, atom.Footer: true, atom.Main: true, atom.Nav: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Blockquote: true,
	atom.Figure: true, atom.Pre: true, atom.Table: true, atom.Hr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Details: true, atom.Summary: true, atom.Video: true, atom.Audio: true, atom.Center: true, atom.Address: true}

// blocks converts n's children to Markdown blocks.
func (c *converter) blocks(n *html.Node) []string {
	var out []string
	var para strings.Builder
	flush := func() {
		text := strings.TrimSpace(collapseSpaces(para.String()))
		para.Reset()
		if text != "" {
			out = append(out, text)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode && c.classic {
			// wpautop: a blank line ends a paragraph, a single newline breaks the line.
			parts := blankLine.Split(ch.Data, -1)
			for i, part := range parts {
				if i > 0 {
					flush()
				}
				lines := strings.Split(part, "\n")
				for j, line := range lines {
					if j > 0 && strings.TrimSpace(para.String()) != "" && strings.TrimSpace(line) != "" {
						para.WriteString("\\\n")
					}
					para.WriteString(escapeText(line))
				}
			}
			continue
		}
		if ch.Type == html.ElementNode && (blockLevel[ch.DataAtom] || dropped[ch.DataAtom] || ch.DataAtom == atom.Img && c.standalone(ch)) {
			flush()
			out = append(out, c.block(ch)...)
			continue
		}
		para.WriteString(c.inline(ch))
	}
	flush()
	return out
}

// standalone reports whether an image stands alone in its parent (a photo to make
// a figure of), rather than sitting in a line of text.
func (c *converter) standalone(img *html.Node) bool {
	for s := img.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s != img && (s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" || s.Type == html.ElementNode && s.DataAtom != atom.Br) {
			return false
		}
	}
	return true
}

// handlers reports event handler attributes, which no Markdown carries.
func (c *converter) handlers(n *html.Node) {
	for _, a := range n.Attr {
		if strings.HasPrefix(strings.ToLower(a.Key), "on") {
			c.warn(WarnRemoved, a.Key+" attribute")
		}
	}
}

func (c *converter) block(n *html.Node) []string {
	c.handlers(n)
	if dropped[n.DataAtom] {
		return c.drop(n)
	}
	switch n.DataAtom {
	case atom.H1, atom.H2:
		return heading("## ", c.inlineText(n))
	case atom.H3:
		return heading("### ", c.inlineText(n))
	case atom.H4, atom.H5, atom.H6:
		return heading("#### ", c.inlineText(n))
	case atom.Hr:
		return []string{"---"}
	case atom.Ul, atom.Ol:
		return c.list(n)
	case atom.Blockquote:
		inner := strings.Join(c.blocks(n), "\n\n")
		if inner == "" {
			return nil
		}
		return []string{"> " + strings.ReplaceAll(inner, "\n", "\n> ")}
	case atom.Figure:
		return c.figure(n)
	case atom.Img:
		return c.image(n, "")
	case atom.Pre:
		code := textOf(n)
		fence := "```"
		for strings.Contains(code, fence) {
			fence += "`"
		}
		return []string{fence + "\n" + strings.TrimRight(code, "\n") + "\n" + fence}
	case atom.Table:
		return []string{c.table(n)}
	case atom.Video, atom.Audio:
		src := attr(n, "src")
		for s := n.FirstChild; s != nil && src == ""; s = s.NextSibling {
			if s.DataAtom == atom.Source {
				src = attr(s, "src")
			}
		}
		if src == "" {
			return nil
		}
		return []string{"[" + escapeText(map[bool]string{true: "Video", false: "Audio"}[n.DataAtom == atom.Video]) + "](" + linkDest(src) + ")"}
	}
	return c.blocks(n) // p, div, section and the like: their content
}

// drop removes an element a story must not carry. An iframe of a video or post
// keeps its address as a link on a line of its own (the page embeds known
// providers on click); the rest is reported.
func (c *converter) drop(n *html.Node) []string {
	switch n.DataAtom {
	case atom.Style, atom.Link, atom.Meta, atom.Head, atom.Title, atom.Noscript, atom.Template:
		return nil
	case atom.Iframe:
		if src := attr(n, "src"); strings.HasPrefix(src, "https://") {
			c.warn(WarnRemoved, "<iframe> kept as its link")
			return []string{linkDest(src)}
		}
	}
	c.warn(WarnRemoved, "<"+n.Data+">")
	return nil
}

func heading(prefix, text string) []string {
	if text = strings.TrimSpace(strings.ReplaceAll(text, "\n", " ")); text == "" {
		return nil
	}
	return []string{prefix + text}
}

func (c *converter) list(n *html.Node) []string {
	// A gallery's grid: its photos, one after the other.
	if strings.Contains(attr(n, "class"), "gallery") {
		var out []string
		for li := n.FirstChild; li != nil; li = li.NextSibling {
			if li.Type == html.ElementNode {
				out = append(out, c.blocks(li)...)
			}
		}
		return out
	}
	var items []string
	i := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			continue
		}
		i++
		marker := "- "
		if n.DataAtom == atom.Ol {
			marker = strconv.Itoa(i) + ". "
		}
		var inner strings.Builder
		for j, b := range c.blocks(li) {
			if j > 0 && !listItem.MatchString(b) {
				inner.WriteString("\n") // a paragraph after the first: a loose item
			}
			if j > 0 {
				inner.WriteString("\n")
			}
			inner.WriteString(b)
		}
		indent := strings.Repeat(" ", len(marker))
		items = append(items, marker+strings.ReplaceAll(inner.String(), "\n", "\n"+indent))
	}
	if len(items) == 0 {
		return nil
	}
	return []string{strings.Join(items, "\n")}
}

func (c *converter) figure(n *html.Node) []string {
	var img *html.Node
	caption := ""
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.DataAtom == atom.Img && img == nil:
				img = ch
			case ch.DataAtom == atom.Figcaption:
				caption = strings.TrimSpace(collapseSpaces(textOf(ch)))
			case ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol || ch.DataAtom == atom.Figure:
				if img == nil {
					continue
				}
			default:
				walk(ch)
			}
		}
	}
	walk(n)
	// A gallery (figures in a figure, or a grid list): each photo in turn.
	var nested []string
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.DataAtom == atom.Figure || ch.DataAtom == atom.Ul || ch.DataAtom == atom.Ol {
			nested = append(nested, c.block(ch)...)
		}
	}
	if len(nested) > 0 {
		if caption != "" {
			nested = append(nested, escapeText(caption))
		}
		return nested
	}
	if img == nil {
		return c.blocks(n) // a figure of text: an embed's link, a quote
	}
	return c.image(img, caption)
}

// image is a photo as a Markdown image: a library reference when the photo was
// imported, else its old address (reported).
func (c *converter) image(img *html.Node, caption string) []string {
	src := attr(img, "src")
	key := ""
	if m := wpImageClass.FindStringSubmatch(attr(img, "class")); m != nil {
		key = m[1]
	}
	alt := strings.TrimSpace(attr(img, "alt"))
	title := ""
	if caption != "" {
		title = ` "` + strings.ReplaceAll(strings.ReplaceAll(caption, `\`, `\\`), `"`, `\"`) + `"`
	}
	if c.photos != nil {
		if id := c.photos(key, src); id < 0 {
			return nil
		} else if id > 0 {
			return []string{"![" + escapeText(alt) + "](media:" + strconv.FormatInt(id, 10) + title + ")"}
		}
	}
	if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
		c.warn(WarnImageLeft, "an image without a usable address")
		return nil
	}
	c.warn(WarnImageLeft, src)
	return []string{"![" + escapeText(alt) + "](" + linkDest(src) + title + ")"}
}

func (c *converter) table(n *html.Node) string {
	var rows [][]string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.DataAtom == atom.Tr {
				var row []string
				for cell := ch.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.DataAtom == atom.Td || cell.DataAtom == atom.Th {
						row = append(row, strings.TrimSpace(collapseSpaces(c.inlineText(cell))))
					}
				}
				rows = append(rows, row)
				continue
			}
			walk(ch)
		}
	}
	walk(n)
	if len(rows) == 0 {
		return ""
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	var b strings.Builder
	for i, r := range rows {
		for len(r) < cols {
			r = append(r, "")
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		if i == 0 {
			b.WriteString(strings.Repeat("| --- ", cols) + "|\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// inlineText is n's children as inline Markdown.
func (c *converter) inlineText(n *html.Node) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(c.inline(ch))
	}
	return b.String()
}

func (c *converter) inline(n *html.Node) string {
	switch n.Type {
	case html.TextNode:
		return escapeText(n.Data)
	case html.ElementNode:
	default:
		return ""
	}
	c.handlers(n)
	if dropped[n.DataAtom] {
		c.drop(n)
		return ""
	}
	if blockLevel[n.DataAtom] { // a block inside inline markup: its text, spaced
		return " " + strings.Join(c.blocks(n), " ") + " "
	}
	inner := c.inlineText(n)
	wrap := func(mark string) string {
		rest := strings.TrimLeft(inner, " \t\r\n")
		t := strings.TrimRight(rest, " \t\r\n")
		if t == "" {
			return inner
		}
		return inner[:len(inner)-len(rest)] + mark + t + mark + rest[len(t):]
	}
	switch n.DataAtom {
	case atom.Strong, atom.B:
		return wrap("**")
	case atom.Em, atom.I, atom.Cite:
		return wrap("*")
	case atom.Del, atom.S, atom.Strike:
		return wrap("~~")
	case atom.Code, atom.Kbd, atom.Samp:
		t := textOf(n)
		fence := "`"
		for strings.Contains(t, fence) {
			fence += "`"
		}
		return fence + t + fence
	case atom.Br:
		return "\\\n"
	case atom.Img:
		blocks := c.image(n, "")
		return strings.Join(blocks, " ")
	case atom.A:
		href := strings.TrimSpace(attr(n, "href"))
		low := strings.ToLower(href)
		if href == "" || strings.HasPrefix(low, "javascript:") || strings.HasPrefix(low, "data:") || strings.HasPrefix(low, "vbscript:") {
			if href != "" {
				c.warn(WarnRemoved, "a javascript: link")
			}
			return inner
		}
		if strings.TrimSpace(inner) == "" {
			return inner
		}
		return "[" + strings.TrimSpace(inner) + "](" + linkDest(href) + ")"
	}
	return inner
}
