package public_test

import (
	"strings"
	"testing"
)

func TestSearchPage(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		doc := s.page("/search?q=ferry+harbour")
		results := find(doc, byClass("results"))
		if len(results) != 1 || !strings.Contains(text(results[0]), s.demo.Stories["ferries"].Headline) {
			t.Fatalf("results = %q", text(doc))
		}
		if marks := find(results[0], byTag("mark")); len(marks) == 0 {
			t.Fatal("no highlighted words in the snippet")
		}
		byTopic := text(s.page("/search?q=coral+OR+reef&topic=oceans"))
		if strings.Contains(byTopic, s.demo.Stories["ferries"].Headline) {
			t.Fatal("topic filter ignored")
		}
		// The draft's and the scheduled story's words are never found.
		for _, q := range []string{"donor+conference", "port+strike+talks", "pledges"} {
			if body := text(s.page("/search?q=" + q)); !strings.Contains(body, "0 stories match") {
				t.Errorf("search for %s shows unpublished copy: %q", q, body)
			}
		}
		empty := s.page("/search")
		if len(find(empty, byClass("search-results"))) != 0 || len(find(empty, byTag("form"))) < 1 {
			t.Fatal("an empty search should show just the form")
		}
		if status, _, _ := s.get("/search?q=ferry&page=x"); status != 404 {
			t.Fatalf("bad page number: %d", status)
		}
	})
}
