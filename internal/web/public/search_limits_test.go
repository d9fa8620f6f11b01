package public_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"dateline/internal/web/public"
)

// TestHostileSearchesAreBounded: a query built to be expensive costs no more than an
// ordinary one, deep pages are refused, and a search past its deadline is a 503 the
// client may retry, on both engines.
func TestHostileSearchesAreBounded(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ferries := s.demo.Stories["ferries"].Headline
		// The word repeated 2,500 times (12 KB) is one word.
		status, _, body := s.get("/search?q=" + strings.Repeat("ferry+", 2500))
		if status != http.StatusOK || !strings.Contains(body, ferries) {
			t.Fatalf("repeated word: %d", status)
		}
		// Syntax of either engine's query language is text, never an error or an operator.
		for _, q := range []string{"ferry+NEAR(harbour)", "ferry*+OR+NOT+%5E", "ferry+%26+!harbour+%3C-%3E", "%22ferry", "ferry:*", "-ferry"} {
			if status, _, _ := s.get("/search?q=" + q); status != http.StatusOK {
				t.Errorf("/search?q=%s: %d", q, status)
			}
		}
		// Past the results search counts: 404 without touching the database.
		if status, _, _ := s.get("/search?q=ferry&page=51"); status != http.StatusNotFound {
			t.Errorf("search page 51: %d", status)
		}
		for _, path := range []string{"/?page=99999", "/world/?page=501", "/2026/11/29/?page=100000"} {
			if status, _, _ := s.get(path); status != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, status)
			}
		}
	})
	eachEngineWith(t, func(c *public.Config) { c.SearchDeadline = time.Nanosecond }, func(t *testing.T, s *site) {
		res, err := s.client.Get(s.http.URL + "/search?q=ferry")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Fatalf("search past its deadline: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
		}
	})
}

// TestUnreadParametersShareTheCachedPage: a parameter no page reads cannot force a
// fresh render; the parameters a page reads still make their own pages.
func TestUnreadParametersShareTheCachedPage(t *testing.T) {
	s := newSite(t)
	story := s.storyPath("ferries")
	for _, path := range []string{"/", "/world/", story, "/search?q=ferry", "/feed.xml"} {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		s.get(path)
		for _, junk := range []string{"x=123", "utm_source=mail&x=9", "fbclid=abc"} {
			res, err := s.client.Get(s.http.URL + path + sep + junk)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Header.Get("X-Cache") != "HIT" {
				t.Errorf("%s%s%s: %d, X-Cache %q", path, sep, junk, res.StatusCode, res.Header.Get("X-Cache"))
			}
		}
	}
	_, _, one := s.get("/search?q=ferry")
	_, _, other := s.get("/search?q=coral&x=1")
	if one == other {
		t.Fatal("two searches share one cached page")
	}
}
