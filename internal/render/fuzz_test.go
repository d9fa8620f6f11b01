package render

import (
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzStoryBody feeds arbitrary Markdown (with raw HTML) through the body pipeline, the
// most security-relevant function in Dateline: whatever goes in, what comes out has no
// script or other active element, no event-handler attribute, no javascript:,
// vbscript: or data: URL, and balanced markup.
func FuzzStoryBody(f *testing.F) {
	for _, seed := range []string{
		"Plain paragraph.\n\n## A heading\n\nText with [a link](https://example.com) and **bold**.",
		"<script>alert(1)</script>",
		`<img src=x onerror=alert(1)>`,
		`[x](javascript:alert(1))`,
		`<a href="jAvAsCrIpT&colon;alert(1)">x</a>`,
		"<b><i>unclosed",
		"<table><tr><td>cell",
		`<svg><script>alert(1)</script></svg>`,
		`<iframe src="https://evil.example"></iframe>`,
		"> quote\n> <div onclick=x>",
		"| a | b |\n|---|---|\n| <b> | c |",
		`<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`,
		"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
		"<p>one<p>two</b></i>",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		b, err := StoryBody(src, "CITY (Dateline) --")
		if err != nil {
			return
		}
		checkSafeHTML(t, string(b.HTML))
	})
}

// voidElements never have a closing tag.
var voidElements = map[string]bool{
	"br":     true,
	"hr":     true,
	"img":    true,
	"input":  true,
	"col":    true,
	"wbr":    true,
	"area":   true,
	"source": true,
}

func checkSafeHTML(t *testing.T, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	var open []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				t.Fatalf("output does not tokenize: %v\n%s", z.Err(), out)
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "base", "meta", "link", "frame", "frameset":
				t.Fatalf("active element <%s> in output:\n%s", tok.Data, out)
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || key == "srcdoc" || key == "formaction" {
					t.Fatalf("attribute %s on <%s>:\n%s", a.Key, tok.Data, out)
				}
				if key == "href" || key == "src" || key == "cite" || key == "action" {
					v := strings.ToLower(strings.Join(strings.FieldsFunc(a.Val, func(r rune) bool { return r <= ' ' }), ""))
					for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
						if strings.HasPrefix(v, scheme) {
							t.Fatalf("%s URL in %s:\n%s", scheme, a.Key, out)
						}
					}
				}
			}
			if tt == html.StartTagToken && !voidElements[tok.Data] {
				open = append(open, tok.Data)
			}
		case html.EndTagToken:
			if len(open) == 0 || open[len(open)-1] != tok.Data {
				t.Fatalf("unbalanced </%s> (open: %v):\n%s", tok.Data, open, out)
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t.Fatalf("unclosed %v:\n%s", open, out)
	}
}
