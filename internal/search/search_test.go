package search

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	got := Parse(`Harbour  "night ferries" 北京大学, O'Neil -x`)
	want := []Term{
		{"harbour", false},
		{"night ferries", true},
		{"北京", false},
		{"京大", false},
		{"大学", false},
		{"o", false},
		{"neil", false},
		{"x", false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse = %v, want %v", got, want)
	}
	if FTS5(Parse(`a "b" c"`)) != `"a" AND "b" AND "c"` {
		t.Fatalf("FTS5 = %s", FTS5(Parse(`a "b" c"`)))
	}
	if AnyWebsearch(Parse("tea trade")) != `"tea" or "trade"` {
		t.Fatal(AnyWebsearch(Parse("tea trade")))
	}
}

func TestPrepare(t *testing.T) {
	if got := strings.Join(strings.Fields(Prepare("在北京大学读书 in Beijing")), " "); got != "在北 北京 京大 大学 学读 读书 in Beijing" {
		t.Fatalf("Prepare = %q", got)
	}
	if got := strings.TrimSpace(Prepare("東")); got != "東" {
		t.Fatalf("single character = %q", got)
	}
}

func TestParseCapsHostileQueries(t *testing.T) {
	// 2,500 repetitions of one word are one term; the word the length cap splits is left out.
	if got := Parse(strings.Repeat("port ", 2500)); len(got) != 1 || got[0].Text != "port" {
		t.Fatalf("repeated word: %d terms", len(got))
	}
	// Distinct terms stop at MaxTerms; the text at MaxQueryLength characters.
	var many []string
	for i := range 100 {
		many = append(many, "w"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if got := Parse(strings.Join(many, " ")); len(got) != MaxTerms {
		t.Fatalf("100 distinct words: %d terms, want %d", len(got), MaxTerms)
	}
	long := strings.Repeat("é", MaxQueryLength) + "zzz"
	if got := Parse(long); len(got) != 1 || len([]rune(got[0].Text)) != MaxQueryLength {
		t.Fatalf("long word kept %d characters", len([]rune(got[0].Text)))
	}
	// 256 CJK characters are 255 pairs, cut to MaxTerms.
	if got := Parse(strings.Repeat("北京大学新闻", 60)); len(got) > MaxTerms {
		t.Fatalf("CJK run: %d terms", len(got))
	}
	// Operators of FTS5 and tsquery are words or nothing.
	for _, q := range []string{`NEAR(a b) OR c* NOT d ^e`, `a & b | !c <-> d:*`, `"unclosed phrase`, `col:value {x} (y) -z +w`} {
		for _, term := range Parse(q) {
			if strings.ContainsAny(term.Text, `*^&|!<>:(){}+-"`) {
				t.Errorf("Parse(%q) kept syntax in %q", q, term.Text)
			}
		}
		if !strings.HasPrefix(FTS5(Parse(q)), `"`) || !strings.HasPrefix(Websearch(Parse(q)), `"`) {
			t.Errorf("Parse(%q): terms not quoted: %s / %s", q, FTS5(Parse(q)), Websearch(Parse(q)))
		}
	}
	if Websearch(Parse("tea or -coffee")) != `"tea" "or" "coffee"` {
		t.Fatalf("websearch operators: %s", Websearch(Parse("tea or -coffee")))
	}
	if Key(Query{Text: "Port port PORT!"}) != Key(Query{Text: "port"}) {
		t.Fatal("one query in two spellings has two cache keys")
	}
}

// FuzzParse: any reader text parses within the caps into quoted terms that neither
// engine can read as syntax, and the cache key is stable.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"ferry harbour", `"night ferries" 北京大学`, strings.Repeat("port ", 2500), `NEAR(a b) OR c* NOT -d ^e`,
		`a & b | !c <-> d:*`, `"unclosed`, "\x00\xff\xfe", strings.Repeat("é", 300), "Ǆ ﬃ İ ß"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := Parse(q)
		if len(terms) > MaxTerms {
			t.Fatalf("%d terms", len(terms))
		}
		seen := map[Term]bool{}
		for _, term := range terms {
			if term.Text == "" || seen[term] {
				t.Fatalf("empty or repeated term in %v", terms)
			}
			seen[term] = true
			if len([]rune(term.Text)) > MaxQueryLength || strings.ContainsAny(term.Text, "\"*^&|!<>:(){}+-") {
				t.Fatalf("term %q", term.Text)
			}
		}
		if fts := FTS5(terms); len(terms) > 0 && (!strings.HasPrefix(fts, `"`) || !strings.HasSuffix(fts, `"`)) {
			t.Fatalf("FTS5 %q", fts)
		}
		if again := q; Key(Query{Text: q}) != Key(Query{Text: again}) {
			t.Fatal("unstable key")
		}
	})
}

// linkTexts reads a body once and keeps what the regexp it replaced kept.
func TestLinkTextsKeepsTheWords(t *testing.T) {
	old := regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	for _, s := range []string{"plain", "[a](b)", "![alt](media:1 \"cap\") and [x](y)", "[a [b](c)", "[x ![a](b)", "[![a](b)",
		"[no link] here", "[a](no close", "a] b [c", "[]()", "![](x)!", "text [a]\n(b)", "[a](b)[c](d)", "!!!", "[[[a](b)]]"} {
		if got, want := linkTexts(s), old.ReplaceAllString(s, "$1"); got != want {
			t.Errorf("linkTexts(%q) = %q, want %q", s, got, want)
		}
	}
}
