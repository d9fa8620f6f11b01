package letters

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Limits on what one reader message may be.
const (
	MaxLinks      = 3
	MaxNameRunes  = 100
	MaxPlaceRunes = 100
)

// URLPattern finds the web addresses in reader text (also used to link them).
var URLPattern = regexp.MustCompile(`https?://[^\s<>"']+`)

// CountLinks counts web addresses and bare "www." names in text.
func CountLinks(text string) int {
	return len(URLPattern.FindAllString(text, -1)) + strings.Count(strings.ToLower(text), "www.") -
		strings.Count(strings.ToLower(strings.Join(URLPattern.FindAllString(text, -1), " ")), "www.")
}

// HasBlocked reports whether text contains one of the (lowercased) blocked words.
func HasBlocked(text string, words []string) bool {
	lower := strings.ToLower(text)
	for _, w := range words {
		if w != "" && strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// Normalize tidies reader text: CRLF to LF, trailing spaces and surrounding blank
// lines removed, and no more than one blank line in a row.
func Normalize(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	var out []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// ValidText reports whether s is valid UTF-8 without control characters other than
// newlines and tabs.
func ValidText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}
