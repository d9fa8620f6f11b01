package siteimport

import (
	"strings"
	"testing"
)

func convert(t *testing.T, src string, photos Photos) (string, map[WarnCode][]string) {
	t.Helper()
	warnings := map[WarnCode][]string{}
	md := ToMarkdown(src, true, photos, func(c WarnCode, d string) { warnings[c] = append(warnings[c], d) })
	return md, warnings
}

func TestClassicAndBlockEditorContentBecomeMarkdown(t *testing.T) {
	photos := func(key, src string) int64 {
		if key == "34" || strings.Contains(src, "/harbour") {
			return 7
		}
		return 0
	}
	for _, c := range []struct {
		name, src string
		want      []string
		not       []string
	}{
		{"classic paragraphs and line breaks", "First paragraph with *stars* and 1. a number.\n\nSecond line one\nline two",
			[]string{"First paragraph with \\*stars\\* and 1. a number.\n\nSecond line one\\\nline two"}, nil},
		{"block editor", `<!-- wp:paragraph --><p>Opening <strong>bold</strong> and <a href="https://example.org/x">a link</a>.</p><!-- /wp:paragraph -->
<!-- wp:heading --><h2 class="wp-block-heading">The vote</h2><!-- /wp:heading -->
<!-- wp:heading {"level":3} --><h3>Smaller</h3><!-- /wp:heading -->
<!-- wp:list --><ul><li>One</li><li>Two<ul><li>Nested</li></ul></li></ul><!-- /wp:list -->
<!-- wp:quote --><blockquote class="wp-block-quote"><p>Said it.</p><cite>Someone</cite></blockquote><!-- /wp:quote -->
<!-- wp:image {"id":34} --><figure class="wp-block-image"><img src="https://old.example/wp-content/uploads/2019/05/x-1024x768.jpg" alt="The quay" class="wp-image-34"/><figcaption>Boats at dawn.</figcaption></figure><!-- /wp:image -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=dQw4w9WgXcQ
</div></figure><!-- /wp:embed -->
<!-- wp:latest-posts {"postsToShow":3} /-->`,
			[]string{"Opening **bold** and [a link](https://example.org/x).", "\n\n## The vote\n\n", "### Smaller", "- One\n- Two\n  - Nested",
				"> Said it.\n> \n> *Someone*", `![The quay](media:7 "Boats at dawn.")`, "\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ"},
			[]string{"wp:", "<!--"}},
		{"caption, gallery and embed shortcodes", `[caption id="attachment_34" align="alignnone" width="300"]<img class="size-medium wp-image-34" src="https://old.example/a.jpg" alt="Quay" /> The quay at night.[/caption]

[gallery ids="34,99"]

[embed]https://vimeo.com/123456[/embed]

A word [sic] in brackets and [unknown_code id="3"] here.`,
			[]string{`![Quay](media:7 "The quay at night.")`, "![](media:7)", "https://vimeo.com/123456", `\[sic\]`,
				`\[unknown\_code id="3"\]`}, nil},
		{"hostile markup", `<p onclick="steal()">Hi <img src="x" onerror="alert(1)"> there</p><script>alert(1)</script>` +
			`<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><p><a href="javascript:alert(1)">click</a></p><form><input></form>`,
			[]string{"Hi", "there", "https://www.youtube.com/embed/dQw4w9WgXcQ", "click"},
			[]string{"alert", "steal", "javascript", "onclick", "<script", "<iframe", "<form"}},
		{"other scripts", "<p>中文内容，没有空格。</p><p dir=\"rtl\">مرحبا بالعالم</p><h2>Заголовок</h2>",
			[]string{"中文内容，没有空格。\n\nمرحبا بالعالم\n\n## Заголовок"}, nil},
		{"a table and code", "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>x|y</td></tr></table><pre>a\n```\nb</pre>",
			[]string{"| A | B |\n| --- | --- |\n| 1 | x\\|y |", "````\na\n```\nb\n````"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			md, _ := convert(t, c.src, photos)
			for _, w := range c.want {
				if !strings.Contains(md, w) {
					t.Errorf("want %q in:\n%s", w, md)
				}
			}
			for _, n := range c.not {
				if strings.Contains(md, n) {
					t.Errorf("%q left in:\n%s", n, md)
				}
			}
		})
	}
}

func TestConversionWarningsAreCounted(t *testing.T) {
	_, w := convert(t, `<!-- wp:latest-posts /--><!-- wp:acme/widget --><p>kept</p><!-- /wp:acme/widget -->`+
		`[contact-form-7 id="5"]<p onmouseover="x()">t</p><script>x</script><img src="https://old.example/missing.jpg">`, nil)
	for code, n := range map[WarnCode]int{WarnBlock: 2, WarnShortcode: 1, WarnRemoved: 2, WarnImageLeft: 1} {
		if len(w[code]) != n {
			t.Errorf("%s: %d warnings %v, want %d", code, len(w[code]), w[code], n)
		}
	}
}

// WordPress's classic text is read as its editor showed it (blank lines part
// paragraphs, even beside tags); other HTML is read as HTML.
func TestClassicTextAndPlainHTML(t *testing.T) {
	classic := "Intro line one\nline two\n\n<h2>A heading</h2>\n\n<p align=\"center\">Centred.</p>\n\nLast paragraph."
	if md := ToMarkdown(classic, true, nil, func(WarnCode, string) {}); md != "Intro line one\\\nline two\n\n## A heading\n\nCentred.\n\nLast paragraph." {
		t.Errorf("classic:\n%s", md)
	}
	html := "<p>One sentence\nwrapped in the source.</p>\n<p>Two.</p>"
	if md := ToMarkdown(html, false, nil, func(WarnCode, string) {}); md != "One sentence wrapped in the source.\n\nTwo." {
		t.Errorf("HTML:\n%s", md)
	}
}

// Ghost's cards beyond text keep what a reader needs of them.
func TestGhostCardsBecomeText(t *testing.T) {
	doc := `{"root":{"children":[
		{"type":"callout","calloutText":"<b>Note:</b> the pier is shut."},
		{"type":"toggle","heading":"When?","content":"<p>From Monday.</p>"},
		{"type":"button","buttonText":"Timetable","buttonUrl":"https://example.org/t"},
		{"type":"video","src":"https://example.org/v.mp4","caption":"The storm"},
		{"type":"image","src":"https://example.org/a.jpg","altText":"Old-style alt"},
		{"type":"paywall"}]}}`
	h, err := lexicalHTML(doc, func(WarnCode, string) {})
	if err != nil {
		t.Fatal(err)
	}
	md := ToMarkdown(h, false, nil, func(WarnCode, string) {})
	for _, want := range []string{"> **Note:** the pier is shut.", "### When?\n\nFrom Monday.", "[Timetable](https://example.org/t)",
		"[The storm](https://example.org/v.mp4)", "![Old-style alt](https://example.org/a.jpg)"} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
}
