package render

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"dateline/internal/media"
)

// Photos in a story's text are Markdown images with a media reference,
// ![alt](media:123 "caption"). A rendered body keeps a token for each, which a
// page resolves with the photo's own files when it shows the body (the body is
// cached per story version, the photo's words and files may change apart), and
// which disappears when the photo is gone or not to be shown.

// mediaRefPath stands in for a media reference through the sanitizer, which only
// lets through addresses it knows.
const mediaRefPath = "/media-ref/"

var refDigits = regexp.MustCompile(`^media:([0-9]{1,18})$`)

// mediaRefs points media references at mediaRefPath.
type mediaRefs struct{}

func (mediaRefs) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) { // the walker returns no error
		if img, ok := n.(*ast.Image); ok && entering {
			if m := refDigits.FindSubmatch(img.Destination); m != nil {
				img.Destination = append([]byte(mediaRefPath), m[1]...)
			}
		}
		return ast.WalkContinue, nil
	})
}

// photoTokens turns each image of a media reference into a token the page
// resolves: a photo alone in its paragraph becomes a figure with the reference's
// caption; one inside text stays an image. It returns the photos' ids in order.
func photoTokens(nodes []*xhtml.Node) ([]*xhtml.Node, []int64) {
	var ids []int64
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			walk(c)
			if c.DataAtom == atom.Img && !hasAttr(c, "src") && !hasAttr(c, "data-media-ref") {
				n.RemoveChild(c) // the sanitizer took its address away: an image of nothing
			}
			c = next
		}
		if n.DataAtom != atom.Img {
			return
		}
		var src, alt, title string
		for _, a := range n.Attr {
			switch a.Key {
			case "src":
				src = a.Val
			case "alt":
				alt = a.Val
			case "title":
				title = a.Val
			}
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(src, mediaRefPath), 10, 64)
		if !strings.HasPrefix(src, mediaRefPath) || err != nil {
			return
		}
		ids = append(ids, id)
		n.Attr = []xhtml.Attribute{{Key: "data-media-ref", Val: strconv.FormatInt(id, 10)}, {Key: "alt", Val: alt}}
		if title != "" {
			n.Attr = append(n.Attr, xhtml.Attribute{Key: "data-caption", Val: title})
		}
	}
	for i, n := range nodes {
		walk(n)
		// A photo on a line of its own is a figure.
		if n.DataAtom == atom.P && n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.DataAtom == atom.Img &&
			len(n.FirstChild.Attr) > 0 && n.FirstChild.Attr[0].Key == "data-media-ref" {
			img := n.FirstChild
			n.RemoveChild(img)
			fig := &xhtml.Node{Type: xhtml.ElementNode, DataAtom: atom.Figure, Data: "figure",
				Attr: []xhtml.Attribute{{Key: "class", Val: "inline-photo"}}}
			fig.AppendChild(img)
			nodes[i] = fig
		}
	}
	return nodes, ids
}

func hasAttr(n *xhtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// InlinePhoto is a photo as a body shows it.
type InlinePhoto struct {
	URL, SrcSet     string
	Width, Height   int
	Caption, Credit string // the photo's own; a reference's caption wins
}

// PhotoOf describes m for a body, its files under prefix ("/media/" on the public
// site, "/newsroom/media/" in the preview; absolute for feeds).
func PhotoOf(m media.Media, prefix string) InlinePhoto {
	base := func(name string) string { return name[strings.LastIndexByte(name, '/')+1:] }
	p := InlinePhoto{URL: fmt.Sprintf("%s%d/%s", prefix, m.ID, base(m.FileName)), Width: m.Width, Height: m.Height,
		Caption: m.Caption, Credit: m.Credit}
	var set []string
	for _, w := range m.Variants {
		set = append(set, fmt.Sprintf("%s%d/%s %dw", prefix, m.ID, base(m.VariantName(w)), w))
	}
	if len(set) > 0 {
		p.SrcSet = strings.Join(append(set, fmt.Sprintf("%s %dw", p.URL, m.Width)), ", ")
	}
	return p
}

var (
	figureToken = regexp.MustCompile(`<figure class="inline-photo"><img data-media-ref="([0-9]+)" alt="([^"]*)"(?: data-caption="([^"]*)")?></figure>`)
	imgToken    = regexp.MustCompile(`<img data-media-ref="([0-9]+)" alt="([^"]*)"(?: data-caption="([^"]*)")?>`)
)

// ResolvePhotos puts the photos a body's tokens stand for in it, with responsive
// sizes, caption and credit; a token photo finds no answer for is left out. The
// tokens' alt text and caption were escaped when the body was rendered.
func ResolvePhotos(safe template.HTML, photo func(id int64) (InlinePhoto, bool)) template.HTML {
	body := string(safe)
	if !strings.Contains(body, "data-media-ref") {
		return safe
	}
	img := func(id int64, alt string) (string, InlinePhoto, bool) {
		p, ok := photo(id)
		if !ok {
			return "", p, false
		}
		tag := `<img src="` + html.EscapeString(p.URL) + `"`
		if p.SrcSet != "" {
			tag += ` srcset="` + html.EscapeString(p.SrcSet) + `" sizes="(max-width: 44rem) 100vw, 42rem"`
		}
		return tag + fmt.Sprintf(` alt="%s" width="%d" height="%d" loading="lazy">`, alt, p.Width, p.Height), p, true
	}
	body = figureToken.ReplaceAllStringFunc(body, func(tok string) string {
		m := figureToken.FindStringSubmatch(tok)
		id, _ := strconv.ParseInt(m[1], 10, 64)
		tag, p, ok := img(id, m[2])
		if !ok {
			return ""
		}
		caption := m[3] // already escaped
		if caption == "" {
			caption = html.EscapeString(p.Caption)
		}
		if p.Credit != "" {
			caption = strings.TrimSpace(caption + ` <span class="photo-credit">` + html.EscapeString(p.Credit) + `</span>`)
		}
		if caption == "" {
			return `<figure class="inline-photo">` + tag + `</figure>`
		}
		return `<figure class="inline-photo">` + tag + `<figcaption>` + caption + `</figcaption></figure>`
	})
	return template.HTML(imgToken.ReplaceAllStringFunc(body, func(tok string) string {
		m := imgToken.FindStringSubmatch(tok)
		id, _ := strconv.ParseInt(m[1], 10, 64)
		tag, _, _ := img(id, m[2])
		return tag
	}))
}
