package render

import (
	"strings"
	"testing"
)

func TestStoryBodyTOCAndDateline(t *testing.T) {
	src := "First paragraph.\n\n# A top heading\n\nText.\n\n## Second part\n\nMore text.\n\n### Detail\n\nSmall.\n\n## Second part\n\nAgain."
	b, err := StoryBody(src, "BEIJING (Dateline) --")
	if err != nil {
		t.Fatal(err)
	}
	html := string(b.HTML)
	if !strings.HasPrefix(html, `<p><span class="dateline">BEIJING (Dateline) --</span> First paragraph.</p>`) {
		t.Errorf("body does not open with the dateline:\n%s", html)
	}
	if strings.Contains(html, "<h1") {
		t.Error("body kept an h1; the headline must be the page's only h1")
	}
	var ids []string
	for _, h := range b.TOC {
		ids = append(ids, h.ID)
		if !strings.Contains(html, `<h2 id="`+h.ID+`">`+h.Text+`</h2>`) {
			t.Errorf("TOC entry %+v has no matching heading", h)
		}
	}
	if want := "a-top-heading second-part second-part-1"; strings.Join(ids, " ") != want {
		t.Errorf("TOC ids = %v, want %s (stable and unique)", ids, want)
	}
	if strings.Contains(html, "to-top") {
		t.Error("the body carries 'To the top' links: the page puts them after its major parts")
	}
}

func TestStoryBodySanitizes(t *testing.T) {
	src := "Hello <script>alert(1)</script> <a href=\"javascript:alert(2)\">x</a> <img src=x onerror=alert(3)>\n\n" +
		"<iframe src=\"https://evil.example\"></iframe>"
	b, err := StoryBody(src, `<b>LEAD</b>`)
	if err != nil {
		t.Fatal(err)
	}
	html := strings.ToLower(string(b.HTML))
	for _, bad := range []string{"<script", "javascript:", "onerror", "<iframe", "<b>lead"} {
		if strings.Contains(html, bad) {
			t.Errorf("sanitized body still contains %q:\n%s", bad, html)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := Paragraphs("One\r\n\r\nTwo\nlines\n\n\n  \nThree ")
	if strings.Join(got, "|") != "One|Two\nlines|Three" {
		t.Errorf("Paragraphs = %q", got)
	}
}

func TestBodyCacheRendersOncePerVersion(t *testing.T) {
	c := NewBodyCache(10)
	for range 5 {
		if _, err := c.Body(1, 1, "Text", ""); err != nil {
			t.Fatal(err)
		}
	}
	if c.Renders() != 1 {
		t.Fatalf("renders = %d, want 1 for one version", c.Renders())
	}
	b, _ := c.Body(1, 2, "New text", "")
	if c.Renders() != 2 || !strings.Contains(string(b.HTML), "New text") {
		t.Fatalf("a new version was not rendered: renders %d, %s", c.Renders(), b.HTML)
	}
}

func BenchmarkStoryBody(b *testing.B) {
	src := strings.Repeat(
		"A paragraph of news copy with **bold** and a [link](https://example.com).\n\n## A subheading\n\n> A quote from someone.\n\n",
		8,
	)
	for b.Loop() {
		if _, err := StoryBody(src, "BEIJING (Dateline) --"); err != nil {
			b.Fatal(err)
		}
	}
}
