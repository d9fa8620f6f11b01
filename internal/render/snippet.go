package render

import (
	"html"
	"html/template"
	"strings"
	"unicode"

	"dateline/internal/search"
)

// snippetWords is how many words a search result's snippet shows.
const snippetWords = 30

// Snippet shows the part of a story body around the first word that matches the
// query, with matching words marked. Everything else is escaped.
func Snippet(markdown, query string) template.HTML {
	words := strings.Fields(search.PlainText(markdown))
	terms := search.Parse(query)
	match := func(w string) bool {
		lw := strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }))
		for _, t := range terms {
			for _, part := range strings.Fields(t.Text) {
				stem := []rune(part)
				if len(stem) > 4 {
					stem = stem[:len(stem)-2] // "ferry" also marks "ferries"
				}
				if lw != "" && (strings.HasPrefix(lw, string(stem)) || strings.Contains(lw, part) && !isASCII(part)) {
					return true
				}
			}
		}
		return false
	}
	first := 0
	for i, w := range words {
		if match(w) {
			first = i
			break
		}
	}
	start := max(0, first-snippetWords/3)
	end := min(len(words), start+snippetWords)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(' ')
		}
		if match(words[i]) {
			b.WriteString("<mark>" + html.EscapeString(words[i]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(words[i]))
		}
	}
	if end < len(words) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
