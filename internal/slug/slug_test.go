package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Harbour ferries return to the night", "harbour-ferries-return-to-the-night"},
		{"颱風季節結束", "颱風季節結束"},
		{"台風シーズンが終わる", "台風シーズンが終わる"},
		{"Паромы возвращаются в гавань", "паромы-возвращаются-в-гавань"},
		{"عودة العبارات إلى الميناء", "عودة-العبارات-إلى-الميناء"},
		{"הַמַּעְבּוֹרוֹת חוזרות", "הַמַּעְבּוֹרוֹת-חוזרות"},
		{"नौकाएँ फिर से चलेंगी", "नौकाएँ-फिर-से-चलेंगी"},
		{"Τα πλοία ΕΠΙΣΤΡΕΦΟΥΝ", "τα-πλοία-επιστρεφουν"},
		{"Café au lait, s'il vous plaît!", "café-au-lait-s-il-vous-plaît"},
		{"ＡＢＣ　１２３", "abc-123"},                         // full-width look-alikes fold (NFKC)
		{"🌊🚢⛴️", ""},                                   // emoji only: nothing usable
		{"!!! — ??? …", ""},                            // punctuation only
		{"ferries\u200bback", "ferriesback"},           // a zero-width space is dropped, not a break
		{"\u200fعودة\u200f العبارات", "عودة-العبارات"}, // right-to-left marks dropped
		{"می\u200cخواهم", "می\u200cخواهم"},             // ZWNJ inside a Persian word kept
		{"\u200cfoo\u200c bar\u200c", "foo-bar"},       // ZWNJ at word edges dropped
		{"2026: the year", "2026-the-year"},
	} {
		if got := Make(c.in); got != c.want {
			t.Errorf("Make(%q) = %q, want %q", c.in, got, c.want)
		}
		if c.want != "" && !Valid(c.want) {
			t.Errorf("Valid(%q) = false for Make's own output", c.want)
		}
	}
}

func TestLimits(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("word ", 200),
		strings.Repeat("颱", 1000),
		strings.Repeat("नौकाएँ ", 100),
		strings.Repeat("a", 1000),
	} {
		got := Make(in)
		if utf8.RuneCountInString(got) > MaxRunes || EncodedLen(got) > MaxEncoded {
			t.Errorf("Make(%.20q…) = %q: %d characters, %d encoded bytes", in, got, utf8.RuneCountInString(got), EncodedLen(got))
		}
		if got == "" || !Valid(got) || strings.HasSuffix(got, "-") {
			t.Errorf("Make(%.20q…) = %q is not a valid slug", in, got)
		}
		if s := WithSuffix(got, 12); !Valid(s) || !strings.HasSuffix(s, "-12") {
			t.Errorf("WithSuffix(%q, 12) = %q", got, s)
		}
	}
	// A CJK slug stops at 80 encoded characters' worth: 240 bytes is 26 characters.
	if got := Make(strings.Repeat("颱", 100)); utf8.RuneCountInString(got) != 26 {
		t.Errorf("CJK slug of %d characters, want 26 (240 encoded bytes)", utf8.RuneCountInString(got))
	}
}

func TestValidRefusesWhatMakeWouldChange(t *testing.T) {
	for _, s := range []string{"", "Upper", "two--hyphens", "-edge", "edge-", "spa ce", "ＡＢＣ", "a\u200fb", "🌊", strings.Repeat("a", 81)} {
		if Valid(s) {
			t.Errorf("Valid(%q) = true", s)
		}
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Harbour ferries", "颱風季節結束", "عودة العبارات", "नौकाएँ", "a\u200db", "\u0301x", strings.Repeat("é", 90)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Make(in)
		if got == "" {
			return
		}
		if !Valid(got) {
			t.Fatalf("Make(%q) = %q, which Make changes again to %q", in, got, Make(got))
		}
		if utf8.RuneCountInString(got) > MaxRunes || EncodedLen(got) > MaxEncoded {
			t.Fatalf("Make(%q) = %q exceeds the limits", in, got)
		}
		if strings.Contains(got, "--") || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") {
			t.Fatalf("Make(%q) = %q has a stray hyphen", in, got)
		}
	})
}
