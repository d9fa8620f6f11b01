package render

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	got := string(Snippet("Intro words here. The **ferries** ran <b>late</b> after the storm, said [the port](http://x).", "ferry storm"))
	if !strings.Contains(got, "<mark>ferries</mark>") || !strings.Contains(got, "<mark>storm,</mark>") || strings.Contains(got, "<b>") {
		t.Fatalf("snippet = %s", got)
	}
	cjk := string(Snippet("香港的渡輪服務在深夜恢復。", "渡輪"))
	if !strings.Contains(cjk, "<mark>") {
		t.Fatalf("Chinese snippet = %s", cjk)
	}
}
