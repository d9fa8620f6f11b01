package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"dateline/internal/people"
	"dateline/internal/sitetest"
)

// TestSitePages: an admin writes a page in the newsroom; it is served at its
// address with WebPage JSON-LD, linked from the footer in order, listed in the
// sitemap, and kept as a revision when edited; an address the system or a section
// owns is refused; the demo has a corrections policy and a masthead.
func TestSitePages(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		admin := s.Session(people.RoleAdmin)
		for _, path := range []string{"/corrections-policy/", "/masthead/"} {
			if status, _, _ := s.Content(path); status != http.StatusOK {
				t.Fatalf("demo page %s: %d", path, status)
			}
		}
		form := url.Values{"title": {"About us"}, "slug": {""}, "body": {"We report from **three bureaus**."},
			"in_footer": {"on"}, "position": {"0"}, "version": {"0"}}
		status, h, body := admin.Post("/newsroom/pages", form)
		if status != http.StatusSeeOther {
			t.Fatalf("create page: %d %.300s", status, body)
		}
		_, _, page := s.Content("/about-us/")
		if !strings.Contains(page, "<strong>three bureaus</strong>") || !strings.Contains(page, `"@type":"WebPage"`) {
			t.Fatal("the page is not served with its text and WebPage JSON-LD")
		}
		_, _, home := s.Content("/")
		about, policy := strings.Index(home, `href="/about-us/"`), strings.Index(home, `href="/corrections-policy/"`)
		if about < 0 || policy < 0 || about > policy {
			t.Fatal("the footer does not link the pages in their order")
		}
		if _, _, sitemap := s.Content("/sitemap-pages.xml"); !strings.Contains(sitemap, "/about-us/</loc>") {
			t.Fatal("the sitemap lacks the page")
		}
		edit := h.Get("Location")
		edit, _, _ = strings.Cut(edit, "?")
		form.Set("version", "1")
		form.Set("body", "We report from four bureaus now.")
		if status, _, _ := admin.Post(edit, form); status != http.StatusSeeOther {
			t.Fatalf("edit page: %d", status)
		}
		if _, _, page := s.Content("/about-us/"); !strings.Contains(page, "four bureaus") {
			t.Fatal("the edit does not show")
		}
		if status, _, _ := admin.Post(edit, form); status != http.StatusUnprocessableEntity {
			t.Fatalf("saving over a newer version: %d", status)
		}
		id := edit[strings.LastIndexByte(edit, '/')+1:]
		n := 0
		err := s.Store.DB().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM site_page_revisions WHERE page_id = "+id).Scan(&n)
		if err != nil || n != 1 {
			t.Fatalf("revisions kept: %d %v", n, err)
		}
		for _, taken := range []string{"newsroom", "search", "2026", "world", "sitemap-pages.xml"} {
			form := url.Values{"title": {"Taken"}, "slug": {taken}, "body": {"x"}, "version": {"0"}}
			if status, _, _ := admin.Post("/newsroom/pages", form); status != http.StatusUnprocessableEntity {
				t.Errorf("a page at /%s/: %d", taken, status)
			}
		}
	})
}
