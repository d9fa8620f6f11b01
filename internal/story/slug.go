package story

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

func validSlug(s string) bool { return len(s) <= 100 && slugPattern.MatchString(s) }

// Slugify makes a URL slug from a headline: lowercase ASCII letters and digits joined
// by single hyphens, accents folded, at most about 80 characters on a word boundary.
func Slugify(headline string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(headline) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // drop combining accents: "é" → "e"
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > 80 {
		s = s[:80]
		if i := strings.LastIndexByte(s, '-'); i > 40 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	if s == "" {
		s = "story"
	}
	return s
}
