// Package slug makes URL slugs from text in any script: letters and digits of every
// writing system, lower-cased where the script has case, joined by single hyphens.
// A slug is an IRI path segment; it is percent-encoded where a URL needs ASCII. It
// imports nothing of ours.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits on a slug: in characters, and in bytes once percent-encoded (every byte of
// a non-ASCII character becomes three), so a URL stays short enough for every
// crawler and log.
const (
	MaxRunes   = 80
	MaxEncoded = 240
)

const (
	zwnj = '\u200C' // zero-width non-joiner: spelling in Persian, Indic scripts
	zwj  = '\u200D' // zero-width joiner
)

// Make turns text into a slug, or "" when nothing usable is left (only punctuation,
// symbols or emoji). The text is NFKC-normalised first, so full-width and other
// compatibility look-alikes fold to their plain letters ("ＡＢＣ" → "abc").
// Combining marks stay with their letter (Devanagari vowel signs, Arabic and Hebrew
// points), a ZWJ or ZWNJ stays only between two letters, other invisible characters
// (direction marks, zero-width spaces, variation selectors) are dropped, and
// everything else separates words.
func Make(text string) string {
	runes := []rune(norm.NFKC.String(strings.ToValidUTF8(text, " ")))
	var b strings.Builder
	sep := false
	for i, r := range runes {
		switch {
		case wordRune(r):
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(unicode.ToLower(r))
		case isMark(r):
			if b.Len() > 0 && !sep {
				b.WriteRune(r)
			}
		case r == zwj || r == zwnj:
			if b.Len() > 0 && !sep && i+1 < len(runes) && (wordRune(runes[i+1]) || isMark(runes[i+1])) {
				b.WriteRune(r)
			}
		case ignorable(r):
			// invisible: dropped without separating
		default:
			sep = true
		}
	}
	return Truncate(norm.NFKC.String(b.String()), MaxRunes, MaxEncoded)
}

// Valid reports whether s is a slug as Make writes them: non-empty, unchanged by
// Make, within the limits.
func Valid(s string) bool {
	return s != "" && utf8.ValidString(s) && Make(s) == s
}

// EncodedLen is the length of s once percent-encoded in a URL path.
func EncodedLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
		} else {
			n += 3
		}
	}
	return n
}

// Truncate cuts a slug to at most maxRunes characters and maxEncoded encoded bytes,
// at a hyphen when one falls in the second half, never inside a letter's marks,
// and never leaving a hyphen or joiner at the end.
func Truncate(s string, maxRunes, maxEncoded int) string {
	if utf8.RuneCountInString(s) <= maxRunes && EncodedLen(s) <= maxEncoded {
		return s
	}
	cut, runes, encoded := 0, 0, 0
	for i, r := range s {
		size := utf8.RuneLen(r)
		w := size
		if r >= utf8.RuneSelf {
			w = 3 * size
		}
		if runes+1 > maxRunes || encoded+w > maxEncoded {
			break
		}
		runes, encoded = runes+1, encoded+w
		cut = i + size
	}
	out := s[:cut]
	// Do not split a letter from its marks: drop the letter too.
	if next, _ := utf8.DecodeRuneInString(s[cut:]); isMark(next) || next == zwj || next == zwnj {
		out = strings.TrimRightFunc(out, func(r rune) bool { return isMark(r) || r == zwj || r == zwnj })
		_, size := utf8.DecodeLastRuneInString(out)
		out = out[:len(out)-size]
	}
	if i := strings.LastIndexByte(out, '-'); i > len(out)/2 {
		out = out[:i]
	}
	return strings.TrimRight(strings.TrimRightFunc(out, func(r rune) bool { return r == zwj || r == zwnj }), "-")
}

// WithSuffix is base with "-n" (n ≥ 2) added, shortened to stay within the limits.
func WithSuffix(base string, n int) string {
	if n < 2 {
		return base
	}
	suffix := "-" + itoa(n)
	return Truncate(base, MaxRunes-len(suffix), MaxEncoded-len(suffix)) + suffix
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) }

// ignorable reports the default-ignorable characters: format characters (direction
// marks, zero-width spaces, the byte-order mark), variation selectors and the rest
// of Unicode's Other_Default_Ignorable_Code_Point.
func ignorable(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}
