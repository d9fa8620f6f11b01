package wire

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// parseStatus reads ninjs's pubstatus and NewsML-G2's stat: codes alike.
func parseStatus(s string) (Status, error) {
	switch strings.ToLower(s) {
	case "", "usable":
		return StatusUsable, nil
	case "withheld":
		return StatusWithheld, nil
	case "canceled", "cancelled":
		return StatusCanceled, nil
	}
	return "", fmt.Errorf("unknown pubstatus %q (want usable, withheld or canceled)", s)
}

// readStatus reads a pubstatus; an unknown one is a warning, and the item usable.
func readStatus(it *Item, s string) Status {
	st, err := parseStatus(s)
	if err != nil {
		it.warn("%v; read as usable", err)
		return StatusUsable
	}
	return st
}

// readNumber reads a whole number (JSON number or numeric string); anything else
// is left out with a warning.
func readNumber(it *Item, v any, field string) int {
	n, err := number(v, field)
	if err != nil {
		it.warn("%v; left out", err)
	}
	return n
}

// zoneless are the date layouts agencies send without a zone; such times are read
// as UTC, with a warning.
var zoneless = []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02"}

// readTime reads an RFC 3339 time; one without a zone is read as UTC, and one that
// cannot be read is left out (the time received stands in), each with a warning.
func readTime(it *Item, v any, field string) time.Time {
	s := str(v)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	for _, layout := range zoneless {
		if t, err := time.Parse(layout, s); err == nil {
			it.warn("%s %q has no time zone; read as UTC", field, s)
			return t
		}
	}
	it.warn("%s %q is not a date and time (RFC 3339); left out", field, s)
	return time.Time{}
}

// readLanguage reads a BCP 47 tag; one that is not is left out with a warning.
func readLanguage(it *Item, s string) string {
	if s == "" {
		return ""
	}
	if _, err := language.Parse(s); err != nil {
		it.warn("language %q is not a language tag; left out", s)
		return ""
	}
	return s
}

// firstSentence is a headline for copy that came without one: the body's first
// sentence, at most maxDerived characters, cut at a word.
func firstSentence(body string, isHTML bool) string {
	text := clean(body)
	if isHTML {
		text = plainText(body)
	}
	for i, r := range text {
		if strings.ContainsRune(".!?。！？", r) {
			end := i + utf8.RuneLen(r)
			if end == len(text) || text[end] == ' ' || r > 0x3000 {
				text = text[:end]
				break
			}
		}
	}
	if utf8.RuneCountInString(text) <= maxDerived {
		return text
	}
	cut := []rune(text)[:maxDerived]
	if i := strings.LastIndexByte(string(cut), ' '); i > maxDerived/2 {
		return string(cut)[:i] + "…"
	}
	return string(cut) + "…"
}

const maxDerived = 120

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// clean folds the runs of spaces and line breaks XML indentation leaves in text.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sortRenditions puts the largest first: the one to use as a lead image.
func sortRenditions(rs []Rendition) {
	slices.SortStableFunc(rs, func(a, b Rendition) int { return cmp.Compare(b.Width*b.Height, a.Width*a.Height) })
}
