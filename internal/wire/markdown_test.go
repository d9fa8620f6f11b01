package wire

import (
	"strings"
	"testing"
)

func TestMarkdownFromWireHTML(t *testing.T) {
	for name, c := range map[string]struct {
		body string
		html bool
		want string
	}{
		"paragraphs and emphasis": {`<p>OSLO (NTB) — The <b>storm</b> closed
			<i>three</i> ports.</p><p>Ferries  stopped.</p>`, true,
			"OSLO (NTB) — The **storm** closed *three* ports.\n\nFerries stopped."},
		"headings, lists, quotes": {`<h1>Main</h1><h3>Detail</h3><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>` +
			`<blockquote><p>We will rebuild.</p></blockquote>`, true,
			"## Main\n\n### Detail\n\n- one\n- two\n\n1. first\n\n> We will rebuild."},
		"links only http": {`<p><a href="https://example.com/a b">site</a> and <a href="javascript:alert(1)">bad</a></p>`, true,
			"[site](https://example.com/a%20b) and bad"},
		"scripts and frames dropped": {`<p>Text<script>alert(1)</script><iframe src="x"></iframe></p><style>p{}</style>`, true, "Text"},
		"markup in text stays text":  {`<p>1. Use *stars* &lt;b&gt; [x](y)</p>`, true, `1\. Use \*stars\* \<b\> \[x\](y)`},
		"plain lines":                {"First line.\nSecond line.", false, "First line.\n\nSecond line."},
		"plain paragraphs":           {"One\nstill one.\n\n- Two", false, "One still one.\n\n\\- Two"},
		"loose text in a div":        {`<div>Lead text <p>Para</p>tail</div>`, true, "Lead text\n\nPara\n\ntail"},
	} {
		got := Item{Body: c.body, BodyHTML: c.html}.Markdown()
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, c.want)
		}
	}
}

// An agency's HTML body becomes Markdown paragraphs with no HTML left.
func TestMarkdownOfAgencyBody(t *testing.T) {
	it := parseFile(t, "testdata/ninjs/2.1/dpa_text.json")
	md := it.Markdown()
	if len(md) < 200 || strings.Contains(md, "<p>") || !strings.Contains(md, "\n\n") {
		t.Fatalf("dpa body as Markdown:\n%s", md)
	}
}
