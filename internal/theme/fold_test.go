package theme

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// TestFoldedLabelsRenderTheSameBytes renders every page with its labels folded into
// the templates and without, in every language, with values that reach the
// conditional parts (photos, notes, letters form, pager), and wants the same bytes.
func TestFoldedLabelsRenderTheSameBytes(t *testing.T) {
	funcs := template.FuncMap{}
	folded, err := load("", funcs, true)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := load("", funcs, false)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{
		"Lang": "en", "Title": `Tides & "storms"`, "Description": "<b>d</b>", "Canonical": "https://news.example/a/",
		"Site": map[string]any{"Name": "N & Co", "Tagline": "T", "CopyrightHolder": "C"}, "SearchAction": "/search/",
		"Nav":  []map[string]any{{"URL": "/world/", "Name": "World", "Current": true}},
		"Meta": map[string]any{"Title": "M", "Image": "https://news.example/i.jpg", "Tags": []string{"a"}}, "Embeds": true,
		"SectionName": "World", "Headline": "H", "Dek": "D", "Photo": map[string]any{"URL": "/media/1/a.jpg", "Caption": "c"},
		"TOC": []map[string]any{{"ID": "x", "Text": "X"}}, "UpdatedAt": "later", "Authors": []map[string]any{{"Name": "A", "URL": "/people/a/"}},
		"Notes":   []map[string]any{{"Kind": "correction", "Label": "Correction", "Text": "t"}},
		"Related": []map[string]any{{"URL": "/b/", "Headline": "B"}}, "Sites": []map[string]any{{"URL": "https://x.example/", "Title": "X"}},
		"Topics":       []map[string]any{{"URL": "/topics/t/", "Name": "T"}},
		"CommentsOpen": true, "Letter": map[string]any{"StoryID": 1, "Kinds": []map[string]any{{"Value": "comment", "Checked": true}},
			"Problems": []map[string]any{{"Field": "msg-name", "Text": "Name?"}}},
		"Comments":     []map[string]any{{"ID": 1, "Featured": true, "ReplyToName": "R", "Name": "N", "Edited": true}},
		"CommentPager": map[string]any{"Label": "comment_pages", "Newer": "/a/", "Older": "/b/", "Page": 2, "Pages": 3},
		"Stories":      []map[string]any{{"URL": "/c/", "Headline": "C"}},
	}
	for lang := range folded.pages {
		for _, page := range pages {
			var a, b bytes.Buffer
			errA := folded.Render(&a, lang, page, data)
			errB := plain.Render(&b, lang, page, data)
			if (errA == nil) != (errB == nil) {
				t.Fatalf("%s %s: folded err %v, plain err %v", lang, page, errA, errB)
			}
			if a.String() != b.String() {
				t.Errorf("%s %s: folded labels render differently:\n%s\n---\n%s", lang, page, a.String(), b.String())
			}
		}
	}
	// And the labels were folded: the story page's set keeps no action for a
	// label without arguments, while the plain one has them.
	actions := func(th *Theme) string {
		var src strings.Builder
		for _, tmpl := range th.pages["en"]["story"].Templates() {
			if tmpl.Tree != nil && tmpl.Tree.Root != nil {
				src.WriteString(tmpl.Tree.Root.String())
			}
		}
		return src.String()
	}
	for _, label := range []string{`{{t "to_top"`, `{{t "send"`, `{{t "skip_to_content"`, `{{t "what_you_think"`} {
		if strings.Contains(actions(folded), label) || !strings.Contains(actions(plain), label) {
			t.Errorf("%s}} was not folded into the story page", label)
		}
	}
}

// TestEscaperProbesRunTheirEscaper checks each probe's template escapes its value
// with the escaper it stands for, so a folded label is escaped as html/template
// would escape it in that place.
func TestEscaperProbesRunTheirEscaper(t *testing.T) {
	for name, probe := range escaperProbes {
		if _, err := probe.run("x"); err != nil {
			t.Fatal(err)
		}
		if src := probe.tmpl.Tree.Root.String(); !strings.Contains(src, "| "+name+"}}") {
			t.Errorf("probe for %s escapes with %s", name, src)
		}
	}
	if out, _ := escaperProbes["_html_template_attrescaper"].run(`a "b" & <c> +`); out != `a &#34;b&#34; &amp; &lt;c&gt; &#43;` {
		t.Errorf("attribute probe = %q", out)
	}
}
