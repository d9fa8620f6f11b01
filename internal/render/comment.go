package render

import (
	"html"
	"html/template"
	"net/url"
	"strings"

	"dateline/internal/letters"
)

// CommentParagraphs renders plain reader text for a page: every character escaped,
// paragraphs split on blank lines, single newlines kept as line breaks, and web
// addresses linked with rel="nofollow ugc noopener". Nothing a reader types can
// become markup.
func CommentParagraphs(text string) []template.HTML {
	var out []template.HTML
	for _, p := range Paragraphs(text) {
		var b strings.Builder
		for i, line := range strings.Split(p, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(linkify(line))
		}
		out = append(out, template.HTML(b.String()))
	}
	return out
}

// linkify escapes a line and links the http and https addresses in it.
func linkify(line string) string {
	var b strings.Builder
	last := 0
	for _, m := range letters.URLPattern.FindAllStringIndex(line, -1) {
		raw := strings.TrimRight(line[m[0]:m[1]], ".,;:!?)")
		end := m[0] + len(raw)
		b.WriteString(html.EscapeString(line[last:m[0]]))
		if u, err := url.Parse(raw); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			b.WriteString(`<a href="` + html.EscapeString(u.String()) + `" rel="nofollow ugc noopener">` + html.EscapeString(raw) + `</a>`)
		} else {
			b.WriteString(html.EscapeString(raw))
		}
		last = end
	}
	b.WriteString(html.EscapeString(line[last:]))
	return b.String()
}
