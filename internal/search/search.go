// Package search holds what full-text search means for Dateline: how reader queries
// are read (words and "quoted phrases"), how text is prepared so that Chinese and
// Japanese are searchable (overlapping character pairs), and the query and hit types
// the store's engines implement. Only published stories are ever searched.
package search

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"dateline/internal/story"
)

// Query is a search request. Its zero value matches nothing.
type Query struct {
	Text      string
	SectionID int64 // includes subsections
	TopicID   int64
	From, To  time.Time // first publication in [From, To)
	ByDate    bool      // newest first instead of most relevant first
	Limit     int       // default 20, at most 100
	Offset    int
}

// MaxCounted is the most matches a search counts; a total of MaxCounted means "at
// least that many".
const MaxCounted = 1000

// Hit is a matching story and how well it matched (higher is better).
type Hit struct {
	Story story.Story
	Score float64
}

// Searcher finds published stories.
type Searcher interface {
	Search(ctx context.Context, q Query) ([]Hit, int, error)
}

// Term is one word or quoted phrase of a query.
type Term struct {
	Text   string
	Phrase bool
}

// Caps on a reader's query, applied before it costs anything: longer text is cut
// (at a character boundary), and only the first MaxTerms distinct terms count.
const (
	MaxQueryLength = 256 // characters
	MaxTerms       = 16
)

// Parse reads a reader's query: words, and phrases in double quotes. Punctuation
// other than quotes separates words, so no operator of FTS5 or tsquery survives;
// Chinese and Japanese runs become character pairs. Repeated terms count once, and
// the query is cut to MaxQueryLength characters and MaxTerms terms.
func Parse(q string) []Term {
	q = cut(q)
	var terms []Term
	seen := map[Term]bool{}
	add := func(t Term) {
		if !seen[t] && len(terms) < MaxTerms {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 {
			if words := words(part); len(words) > 0 {
				add(Term{Text: strings.Join(words, " "), Phrase: len(words) > 1})
			}
			continue
		}
		for _, w := range words(part) {
			add(Term{Text: w})
		}
	}
	return terms
}

// cut shortens q to MaxQueryLength characters, leaving out a word the cut would
// split (a half word would match nothing) unless it is the only one.
func cut(q string) string {
	n := 0
	for i, r := range q {
		if n < MaxQueryLength {
			n++
			continue
		}
		kept := q[:i]
		if wordRune(r) {
			if trimmed := strings.TrimRightFunc(kept, wordRune); strings.TrimSpace(trimmed) != "" {
				kept = trimmed
			}
		}
		return kept
	}
	return q
}

// wordRune is a character of a word: a letter or digit of any script, or a
// combining mark (a Devanagari vowel sign, an Arabic or Hebrew point), which is part
// of the letter before it, not a break.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me)
}

// words splits text into lowercase words, CJK runs into pairs, dropping punctuation.
func words(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(Prepare(text), func(r rune) bool { return !wordRune(r) }) {
		out = append(out, strings.ToLower(f))
	}
	return out
}

// isCJK reports characters written without spaces between words.
func isCJK(r rune) bool {
	if r < 0x1100 { // below Hangul Jamo, the first of these scripts' blocks
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// Prepare rewrites text for indexing and querying: each run of Chinese, Japanese or
// Korean characters becomes its overlapping character pairs ("北京大学" → "北京 京大
// 大学"), so a two-character query finds a word inside a longer run on both engines
// (SQLite's tokenizer keeps a run whole; PostgreSQL does not segment Chinese).
func Prepare(text string) string {
	var b strings.Builder
	var run []rune
	flush := func() {
		switch len(run) {
		case 0:
		case 1:
			b.WriteString(" " + string(run) + " ")
		default:
			b.WriteByte(' ')
			for i := 0; i+1 < len(run); i++ {
				b.WriteString(string(run[i:i+2]) + " ")
			}
		}
		run = run[:0]
	}
	for _, r := range text {
		if isCJK(r) {
			run = append(run, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// FTS5 builds an SQLite FTS5 MATCH expression: every term required, each quoted so
// reader text is never read as FTS5 syntax.
func FTS5(terms []Term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
	}
	return strings.Join(parts, " AND ")
}

// Websearch builds a PostgreSQL websearch_to_tsquery string: every term required,
// each quoted, so a reader's "or" or "-word" is a word and never an operator.
func Websearch(terms []Term) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + t.Text + `"`
	}
	return strings.Join(parts, " ")
}

// AnyFTS5 and AnyWebsearch match stories with any of the terms, for finding
// similar stories.
func AnyFTS5(terms []Term) string { return strings.ReplaceAll(FTS5(terms), " AND ", " OR ") }

// AnyWebsearch is the PostgreSQL form of AnyFTS5.
func AnyWebsearch(terms []Term) string { return strings.ReplaceAll(Websearch(terms), `" "`, `" or "`) }

var (
	mdTag     = regexp.MustCompile(`<[^>]*>`)
	mdSymbols = strings.NewReplacer("#", " ", "*", " ", "_", " ", "`", " ", ">", " ", "|", " ", "~", " ")
)

// linkTexts keeps the text of each Markdown link and image ("[text](url)" and
// "![alt](src)" become "text" and "alt"): the first "]" after a "[", a "(" right
// after it, the first ")" after that. It reads once through the body: indexing
// runs at every save.
func linkTexts(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		open := strings.IndexByte(s, '[')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open+1:], ']') + open + 1
		if end == open {
			break // no "]" left: no more links
		}
		if end+1 < len(s) && s[end+1] == '(' {
			if closing := strings.IndexByte(s[end+2:], ')'); closing >= 0 {
				start := open
				if start > 0 && s[start-1] == '!' {
					start--
				}
				b.WriteString(s[:start])
				b.WriteString(s[open+1 : end])
				s = s[end+2+closing+1:]
				continue
			}
		}
		b.WriteString(s[:open+1])
		s = s[open+1:]
	}
	b.WriteString(s)
	return b.String()
}

// PlainText strips Markdown and HTML from a story body, leaving the words.
func PlainText(markdown string) string {
	s := markdown
	if strings.Contains(s, "](") {
		s = linkTexts(s)
	}
	if strings.IndexByte(s, '<') >= 0 { // the regexp only where it can match
		s = mdTag.ReplaceAllString(s, " ")
	}
	return mdSymbols.Replace(s)
}

// Document is a story's text as the index keeps it, each field prepared.
type Document struct {
	Headline, Dek, Body, Topics string
}

// NewDocument prepares a story and its topic names for the index.
func NewDocument(st story.Story, topics []string) Document {
	return Document{Headline: Prepare(st.Headline), Dek: Prepare(st.Dek), Body: Prepare(PlainText(st.BodyMarkdown)),
		Topics: Prepare(strings.Join(topics, " "))}
}

// FromValues reads search parameters (q, section, topic, from, to, sort) as the
// search page and the Content API take them. Unknown sections and topics resolve to
// -1 and match nothing; malformed dates are ignored.
func FromValues(v url.Values, sectionID, topicID func(string) int64, loc *time.Location) Query {
	q := Query{Text: v.Get("q"), ByDate: v.Get("sort") == "date"}
	if p := v.Get("section"); p != "" {
		q.SectionID = sectionID(strings.Trim(p, "/"))
	}
	if t := v.Get("topic"); t != "" {
		q.TopicID = topicID(t)
	}
	if d, err := time.ParseInLocation("2006-01-02", v.Get("from"), loc); err == nil {
		q.From = d
	}
	if d, err := time.ParseInLocation("2006-01-02", v.Get("to"), loc); err == nil {
		q.To = d.AddDate(0, 0, 1) // the whole "to" day
	}
	return q
}
