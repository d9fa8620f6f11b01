package wire

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseNinjs: whatever arrives on the wire, the parser answers with an item or
// an error, never a panic or a hang, and an item it returns is whole.
// Seeds are every ninjs sample; run with go test -run '^$' -fuzz=FuzzParseNinjs ./internal/wire.
func FuzzParseNinjs(f *testing.F) {
	addSeeds(f, func(path string) bool { return strings.HasSuffix(path, ".json") })
	f.Fuzz(func(t *testing.T, data []byte) {
		it, err := ParseNinjs(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a reason")
			}
			return
		}
		checkWhole(t, it, 0)
		if !bytes.Equal(it.Raw, data) {
			t.Fatal("raw copy differs from the input")
		}
	})
}

// FuzzParseNewsML: the same promise for NewsML-G2; seeds are every IPTC listing.
func FuzzParseNewsML(f *testing.F) {
	addSeeds(f, func(path string) bool { return strings.HasPrefix(path, "testdata/newsml-g2/") })
	f.Fuzz(func(t *testing.T, data []byte) {
		results, err := ParseNewsML(data)
		for _, it := range checkResults(t, results, err, false) {
			if it.Kind == KindPackage && len(it.Refs) == 0 {
				t.Fatal("a package that links to nothing")
			}
		}
	})
}

// FuzzParseFeed: the same promise for RSS and Atom; seeds are the sample feeds.
func FuzzParseFeed(f *testing.F) {
	addSeeds(f, func(path string) bool { return strings.HasPrefix(path, "testdata/feeds/") })
	f.Fuzz(func(t *testing.T, data []byte) {
		results, err := ParseFeed(data, "")
		checkResults(t, results, err, true) // a feed may have no entries
	})
}

// addSeeds adds the sample files under testdata that want picks (the fuzzers' own
// corpus under testdata/fuzz is left to the fuzzing engine).
func addSeeds(f *testing.F, want func(path string) bool) {
	filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path, "testdata/fuzz/") || !want(filepath.ToSlash(path)) {
			return nil
		}
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
		return nil
	})
}

// checkResults holds a multi-item parser to its promise: an error with a reason, or
// at least one result, each a whole item with an id or an error with a reason. It
// returns the items.
func checkResults(t *testing.T, results []Result, err error, emptyOK bool) []Item {
	t.Helper()
	if err != nil {
		if err.Error() == "" {
			t.Fatal("an error without a reason")
		}
		return nil
	}
	if len(results) == 0 && !emptyOK {
		t.Fatal("no error and no results")
	}
	var items []Item
	for _, r := range results {
		if r.Err != nil {
			if r.Err.Error() == "" {
				t.Fatal("an item error without a reason")
			}
			continue
		}
		checkWhole(t, r.Item, 0)
		if r.Item.ID == "" {
			t.Fatal("an item without an id")
		}
		items = append(items, r.Item)
	}
	return items
}

func checkWhole(t *testing.T, it Item, depth int) {
	t.Helper()
	switch it.Kind {
	case KindText:
		if depth == 0 && strings.TrimSpace(it.Headline) == "" {
			t.Fatal("a story without a headline") // nothing to show in the queue
		}
	case KindPicture, KindPackage:
	case KindNotice:
		if it.Status == StatusUsable {
			t.Fatal("a notice that withdraws nothing")
		}
	default:
		t.Fatalf("kind %q", it.Kind)
	}
	if it.Urgency < 0 || it.Urgency > 9 || it.Version < 0 {
		t.Fatalf("urgency %d, version %d", it.Urgency, it.Version)
	}
	if it.Kind == KindPicture && len(it.Renditions) == 0 {
		t.Fatal("a picture without renditions")
	}
	if depth > maxDepth {
		t.Fatalf("members nested %d deep", depth)
	}
	for _, m := range it.Members {
		checkWhole(t, m, depth+1)
	}
}

// FuzzParse: any file at all gets items or a reason, never a panic, whatever format
// the content looks like; every item's body converts to Markdown. Seeds are every
// sample of every format.
func FuzzParse(f *testing.F) {
	addSeeds(f, func(path string) bool { return !strings.HasSuffix(path, ".md") })
	f.Fuzz(func(t *testing.T, data []byte) {
		results, err := Parse(data, "fuzz")
		for _, it := range checkResults(t, results, err, true) {
			it.Markdown()
			for _, s := range []string{it.Headline, it.Byline, it.Summary, it.Agency} {
				if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7F && r <= 0x9F }) {
					t.Fatalf("text with control characters or invalid UTF-8: %q", s)
				}
			}
		}
	})
}

// FuzzMarkdown: hostile agency HTML converts without a panic, the same way twice,
// and valid UTF-8 stays valid.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"<p>Text <b>bold</b> <a href=\"https://example.com\">link</a></p>", "<ul><li>a<li>b</ul><blockquote><p>q",
		"<pre>```code```</pre><h7>x</h7>", "<script>alert(1)</script><p>1. not a list</p>", "plain\ntext\n\n- dash"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, body string, isHTML bool) {
		it := Item{Body: body, BodyHTML: isHTML}
		md := it.Markdown()
		if md != it.Markdown() {
			t.Fatal("two conversions differ")
		}
		if utf8.ValidString(body) && !utf8.ValidString(md) {
			t.Fatalf("valid UTF-8 in, invalid out: %q", md)
		}
	})
}
