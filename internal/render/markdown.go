// Package render turns stored copy into safe HTML and formats the dates and times a
// news page prints. It is the only package that produces template.HTML, and only
// from sanitized output.
package render

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"

	"dateline/internal/settings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Heading is one subheading of a story body, for the "In this story:" list.
type Heading struct {
	ID   string // anchor, stable for the same heading text
	Text string
}

// Body is a story body rendered for the page.
type Body struct {
	HTML template.HTML // the body as pages, the newsroom and the Content API show it
	TOC  []Heading
	// Feed is the body as feeds carry it: with embeds as the plain links they are.
	Feed template.HTML
	// Embeds reports click-to-load placeholders in the page's body: the page needs
	// the script that loads them.
	Embeds bool
	// Photos are the library photos the body puts in its text, whose tokens
	// ResolvePhotos replaces (HTML and Feed both carry them).
	Photos []int64
}

// bodyPolicy is the allowlist for story bodies written by the newsroom: the usual
// text markup (UGCPolicy), plus heading ids so "In this story:" links have targets.
// Links are not marked nofollow: the newsroom vouches for what it links.
var bodyPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}_-]+$`)).OnElements("h2", "h3", "h4")
	p.AllowElements("figure", "figcaption")
	p.AllowAttrs("title").OnElements("img") // a photo reference's caption
	return p
}()

// markdown parses CommonMark with tables and strikethrough, gives headings ids, and
// passes raw HTML through to bodyPolicy, which strips anything unsafe.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithASTTransformers(util.Prioritized(headingLevels{}, 100),
		util.Prioritized(mediaRefs{}, 101))),
	goldmark.WithRendererOptions(goldhtml.WithUnsafe()),
)

// headingLevels demotes body h1s to h2: the page's only h1 is the headline.
type headingLevels struct{}

func (headingLevels) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { // the walker returns no error
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			h.Level = 2
		}
		return ast.WalkContinue, nil
	})
}

// StoryBody renders Markdown to sanitized HTML. lead (the dateline, e.g.
// "BEIJING (Dateline) --") opens the first paragraph when given, and a "To the top"
// link closes each subheaded part of the body.
//
// extra are the site's own embed providers besides the built-in ones.
func StoryBody(src, lead string, extra ...settings.EmbedHost) (Body, error) {
	source := []byte(src)
	doc := markdown.Parser().Parse(text.NewReader(source))
	var toc []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { // the walker returns no error
		h, ok := n.(*ast.Heading)
		if !ok || !entering || h.Level != 2 {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idBytes, _ := id.([]byte)
		toc = append(toc, Heading{ID: string(idBytes), Text: plainText(h, source)})
		return ast.WalkSkipChildren, nil
	})
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, source, doc); err != nil {
		return Body{}, fmt.Errorf("render body: %w", err)
	}
	nodes, err := balanceNodes(bodyPolicy.Sanitize(buf.String()))
	if err != nil {
		return Body{}, err
	}
	nodes, photos := photoTokens(nodes)
	feed, err := renderNodes(nodes)
	if err != nil {
		return Body{}, err
	}
	nodes, embeds := withEmbeds(nodes, extra) // after the sanitizer: the placeholders are ours
	web, err := renderNodes(nodes)
	if err != nil {
		return Body{}, err
	}
	if lead != "" {
		opening := `<p><span class="dateline">` + html.EscapeString(lead) + "</span> "
		feed, web = strings.Replace(feed, "<p>", opening, 1), strings.Replace(web, "<p>", opening, 1)
	}
	return Body{HTML: template.HTML(web), TOC: toc, Feed: template.HTML(feed), Embeds: embeds, Photos: photos}, nil
}

// bodyContext is the element a story body is parsed inside, to balance it.
var bodyContext = &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div}

// balanceNodes re-parses sanitized HTML with the HTML5 parser, so tags left open or
// closed out of order in raw HTML (which the sanitizer passes as they are) cannot
// reach into the rest of the page: every element is closed, in order, once
// renderNodes writes it out. The renderer escapes text and attributes; void
// elements are written as HTML ("<br>", not "<br/>").
func balanceNodes(s string) ([]*xhtml.Node, error) {
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), bodyContext)
	if err != nil {
		return nil, fmt.Errorf("balance body: %w", err)
	}
	return nodes, nil
}

func renderNodes(nodes []*xhtml.Node) (string, error) {
	var b strings.Builder
	for _, n := range nodes {
		if err := xhtml.Render(&b, n); err != nil {
			return "", fmt.Errorf("balance body: %w", err)
		}
	}
	// Render writes void elements as "<br/>"; "/>" cannot occur elsewhere, as text and
	// attribute values have ">" escaped.
	return strings.ReplaceAll(b.String(), "/>", ">"), nil
}

// plainText collects the text of a node's inline children.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) { // the walker returns no error
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// Markdown renders a short Markdown text (terms of service, bios) to safe HTML.
func Markdown(src string) (template.HTML, error) {
	b, err := StoryBody(src, "")
	return b.HTML, err
}

// Paragraphs splits plain reader text into paragraphs on blank lines; the template
// escapes each one, so reader text never becomes markup.
func Paragraphs(s string) []string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	var out []string
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
