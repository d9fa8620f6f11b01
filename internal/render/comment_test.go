package render

import (
	"strings"
	"testing"
)

func TestCommentParagraphs(t *testing.T) {
	got := CommentParagraphs(
		"See https://example.com/a?b=1&c=2, then <b>this</b>.\nNext line.\n\njavascript:alert(1) http://x.example/\"onmouseover=alert(1)",
	)
	if len(got) != 2 {
		t.Fatalf("%d paragraphs", len(got))
	}
	first := string(got[0])
	want := `See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.com/a?b=1&amp;c=2</a>, then &lt;b&gt;this&lt;/b&gt;.<br>Next line.`
	if first != want {
		t.Errorf("first paragraph:\n got %s\nwant %s", first, want)
	}
	second := string(got[1])
	if strings.Contains(second, "onmouseover=") && !strings.Contains(second, "&#34;onmouseover=") ||
		strings.Contains(second, `href="javascript`) {
		t.Errorf("second paragraph is unsafe: %s", second)
	}
}
