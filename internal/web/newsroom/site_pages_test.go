package newsroom_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
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

// TestTermsIsASitePage: the terms of service are one of the site's pages, edited
// like the others with revisions, still at /terms/, linked from the footer; a
// section may not take the address of a page; and the text stays readable by a
// node of the previous release (site_settings.terms_markdown) during a rolling upgrade.
func TestTermsIsASitePage(t *testing.T) {
	sitetest.EachEngine(t, func(t *testing.T, s *sitetest.Site) {
		ctx := context.Background()
		admin := s.Session(people.RoleAdmin)
		_, _, terms := s.Content("/terms/")
		if !strings.Contains(terms, "Please ask before republishing them") || !strings.Contains(terms, `"@type":"WebPage"`) {
			t.Fatalf("/terms/ is not the demo's terms as a site page: %.400s", terms)
		}
		var id int64
		var version int
		err := s.Store.DB().QueryRowContext(ctx, "SELECT id, version FROM site_pages WHERE slug = 'terms'").Scan(&id, &version)
		if err != nil {
			t.Fatalf("no terms page: %v", err)
		}
		if _, _, pages := admin.Get("/newsroom/pages"); !strings.Contains(pages, "Terms of service") {
			t.Fatal("the newsroom's page list lacks the terms")
		}
		edit := "/newsroom/pages/" + strconv.FormatInt(id, 10)
		form := url.Values{"title": {"Terms of service"}, "slug": {"terms"}, "body": {"Be **kind** to each other."},
			"in_footer": {"on"}, "position": {"0"}, "version": {strconv.Itoa(version)}}
		if status, _, body := admin.Post(edit, form); status != http.StatusSeeOther {
			t.Fatalf("edit terms: %d %.300s", status, body)
		}
		if _, _, terms := s.Content("/terms/"); !strings.Contains(terms, "<strong>kind</strong>") {
			t.Fatal("the edited terms do not show at /terms/")
		}
		if _, _, home := s.Content("/"); strings.Count(home, `href="/terms/"`) != 1 {
			t.Fatal("the footer should link the terms once")
		}
		var legacy string
		if err := s.Store.DB().QueryRowContext(ctx, "SELECT terms_markdown FROM site_settings WHERE id = 1").Scan(&legacy); err != nil ||
			legacy != "Be **kind** to each other." {
			t.Fatalf("the previous release's copy of the terms: %q %v", legacy, err)
		}
		if _, _, settings := admin.Get("/newsroom/settings"); strings.Contains(settings, `name="terms_markdown"`) {
			t.Fatal("the settings form still edits the terms")
		}
		for _, slug := range []string{"terms", "masthead"} {
			form := url.Values{"name": {"Clash"}, "slug": {slug}}
			if status, _, _ := admin.Post("/newsroom/sections", form); status != http.StatusUnprocessableEntity {
				t.Errorf("a section at the page /%s/: %d", slug, status)
			}
		}
	})
}
