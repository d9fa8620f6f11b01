package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	got := Parse(`Harbour  "night ferries" 北京大学, O'Neil -x`)
	want := []Term{{"harbour", false}, {"night ferries", true}, {"北京", false}, {"京大", false}, {"大学", false}, {"o", false}, {"neil", false}, {"x", false}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse = %v, want %v", got, want)
	}
	if FTS5(Parse(`a "b" c"`)) != `"a" AND "b" AND "c"` {
		t.Fatalf("FTS5 = %s", FTS5(Parse(`a "b" c"`)))
	}
	if AnyWebsearch(Parse("tea trade")) != "tea or trade" {
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
