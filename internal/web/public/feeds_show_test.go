package public_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

func TestFeeds(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		parser := gofeed.NewParser()
		ferries := s.demo.Stories["ferries"]
		for _, path := range []string{"/feed.xml", "/feed.atom", "/feed.json"} {
			status, _, body := s.get(path)
			if status != http.StatusOK {
				t.Fatalf("GET %s: %d", path, status)
			}
			feed, err := parser.ParseString(body)
			if err != nil {
				t.Fatalf("%s does not parse: %v", path, err)
			}
			if feed.Title != "Dateline News" || len(feed.Items) != 13 {
				t.Fatalf("%s: title %q, %d items", path, feed.Title, len(feed.Items))
			}
			var item *gofeed.Item
			for _, it := range feed.Items {
				if it.Title == ferries.Headline {
					item = it
				}
			}
			if item == nil {
				t.Fatalf("%s lacks the ferries story", path)
			}
			if item.Link != "http://localhost:8080"+s.storyPath("ferries") || !strings.HasPrefix(item.GUID, "tag:localhost,") ||
				!strings.Contains(item.Content, "HONG KONG (Dateline) --") || item.Description == "" ||
				len(item.Authors) == 0 || item.Authors[0].Name != "Mei Lin Chau" || item.PublishedParsed == nil ||
				!contains(item.Categories, "Transport") || !contains(item.Categories, "Asia") {
				t.Errorf("%s item = %+v", path, item)
			}
			// The body's parts are there; the page's "To the top" links are not.
			if !strings.Contains(item.Content, "<h2") || strings.Contains(item.Content, "To the top") || strings.Contains(item.Content, "#top") {
				t.Errorf("%s: content with its parts and without top links, got %.400s", path, item.Content)
			}
			if path != "/feed.json" && (len(item.Enclosures) == 0 || !strings.HasSuffix(item.Enclosures[0].URL, "/ferries.png")) {
				t.Errorf("%s: no lead image enclosure", path)
			}
			if path == "/feed.json" && (item.Image == nil || !strings.HasSuffix(item.Image.URL, "/ferries.png")) {
				t.Errorf("%s: no image", path)
			}
		}
		// Section and topic feeds hold their own stories.
		for path, want := range map[string]int{"/world/asia/feed.xml": 3, "/business/feed.atom": 3, "/topics/oceans/feed.json": 2} {
			_, _, body := s.get(path)
			feed, err := parser.ParseString(body)
			if err != nil || len(feed.Items) != want {
				t.Errorf("%s: %v, %d items, want %d", path, err, len(feed.Items), want)
			}
		}
		for _, path := range []string{"/nowhere/feed.xml", "/topics/nothing/feed.json"} {
			if status, _, _ := s.get(path); status != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, status)
			}
		}
		// Conditional GET: ETag and Last-Modified give 304.
		resp, err := http.Get(s.http.URL + "/feed.atom")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if etag == "" || modified == "" {
			t.Fatalf("no ETag (%q) or Last-Modified (%q)", etag, modified)
		}
		for header, value := range map[string]string{"If-None-Match": etag, "If-Modified-Since": modified} {
			req, _ := http.NewRequest("GET", s.http.URL+"/feed.atom", nil)
			req.Header.Set(header, value)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotModified {
				t.Errorf("%s: %d, want 304", header, resp.StatusCode)
			}
		}
		// Pages link their feeds.
		home := s.page("/")
		links := find(home, func(n *htmlNode) bool { return byTag("link")(n) && attr(n, "rel") == "alternate" })
		if len(links) != 3 {
			t.Fatalf("home page has %d feed links, want 3", len(links))
		}
		section := s.page("/world/asia/")
		if !strings.Contains(renderNode(section), `href="/world/asia/feed.xml"`) {
			t.Fatal("a section page does not link its feed")
		}
	})
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func TestSitemapsAndRobots(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		var index struct {
			Sitemaps []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"sitemap"`
		}
		_, _, body := s.get("/sitemap.xml")
		if err := xml.Unmarshal([]byte(body), &index); err != nil || len(index.Sitemaps) != 2 ||
			!strings.HasSuffix(index.Sitemaps[1].Loc, "/sitemap-stories-1.xml") {
			t.Fatalf("sitemap index: %v %+v", err, index)
		}
		// The sitemaps.org location rule: a sitemap lists only URLs in its own
		// folder and below.
		locs := regexp.MustCompile(`<loc>([^<]+)</loc>`)
		for _, m := range index.Sitemaps {
			folder := m.Loc[:strings.LastIndexByte(m.Loc, '/')+1]
			_, _, child := s.get(strings.TrimPrefix(m.Loc, "http://localhost:8080"))
			all := locs.FindAllStringSubmatch(child, -1)
			if len(all) == 0 {
				t.Fatalf("%s lists nothing", m.Loc)
			}
			for _, u := range all {
				if !strings.HasPrefix(u[1], folder) {
					t.Errorf("%s lists %s, outside its folder %s", m.Loc, u[1], folder)
				}
			}
		}
		// The old addresses move permanently.
		moved := map[string]string{"/sitemaps/pages.xml": "/sitemap-pages.xml", "/sitemaps/stories-1.xml": "/sitemap-stories-1.xml"}
		for old, now := range moved {
			if status, location, _ := s.get(old); status != http.StatusMovedPermanently || location != now {
				t.Errorf("%s: %d → %q, want 301 to %s", old, status, location, now)
			}
		}
		var stories struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"url"`
		}
		_, _, body = s.get("/sitemap-stories-1.xml")
		if err := xml.Unmarshal([]byte(body), &stories); err != nil || len(stories.URLs) != 13 || stories.URLs[0].LastMod == "" {
			t.Fatalf("story sitemap: %v, %d urls", err, len(stories.URLs))
		}
		if status, _, _ := s.get("/sitemap-stories-9.xml"); status != http.StatusNotFound {
			t.Fatalf("a sitemap page past the end: %d", status)
		}
		_, _, pages := s.get("/sitemap-pages.xml")
		if !strings.Contains(pages, "/world/asia/</loc>") || !strings.Contains(pages, "/topics/trade/</loc>") {
			t.Fatal("the page sitemap lacks sections or topics")
		}
		var news struct {
			URLs []struct {
				Loc  string `xml:"loc"`
				News struct {
					Title string `xml:"title"`
					Date  string `xml:"publication_date"`
					Pub   struct {
						Name     string `xml:"name"`
						Language string `xml:"language"`
					} `xml:"publication"`
				} `xml:"news"`
			} `xml:"url"`
		}
		_, _, body = s.get("/news-sitemap.xml")
		if err := xml.Unmarshal([]byte(body), &news); err != nil {
			t.Fatal(err)
		}
		// The last two days before demoNow: the stories 5, 8, 20, 30 and 48 hours old.
		if len(news.URLs) != 5 || news.URLs[0].News.Pub.Name != "Dateline News" || news.URLs[0].News.Pub.Language != "en" ||
			news.URLs[0].News.Title == "" {
			t.Fatalf("news sitemap: %+v", news.URLs)
		}
		_, _, robots := s.get("/robots.txt")
		if !strings.Contains(robots, "Sitemap: http://localhost:8080/sitemap.xml") || !strings.Contains(robots, "Disallow: /newsroom/") {
			t.Fatalf("robots.txt = %q", robots)
		}
	})
}

func TestStoryPageMetadata(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		doc := s.page(s.storyPath("clinics")) // has a correction
		scripts := find(doc, func(n *htmlNode) bool { return byTag("script")(n) && attr(n, "type") == "application/ld+json" })
		if len(scripts) != 1 {
			t.Fatalf("%d JSON-LD blocks", len(scripts))
		}
		var ld map[string]any
		if err := json.Unmarshal([]byte(scripts[0].FirstChild.Data), &ld); err != nil {
			t.Fatalf("JSON-LD does not parse: %v", err)
		}
		for _, key := range []string{"headline", "description", "datePublished", "dateModified", "author", "publisher", "image",
			"articleSection", "keywords", "dateline", "mainEntityOfPage", "correction"} {
			if ld[key] == nil {
				t.Errorf("JSON-LD lacks %s", key)
			}
		}
		if ld["@type"] != "NewsArticle" || ld["dateline"] != "NAIROBI" || ld["dateModified"] == ld["datePublished"] {
			t.Errorf("JSON-LD = %v", ld)
		}
		meta := map[string]string{}
		for _, m := range find(doc, byTag("meta")) {
			meta[attr(m, "property")+attr(m, "name")] = attr(m, "content")
		}
		for _, key := range []string{"og:title", "og:description", "og:url", "og:image", "og:type", "twitter:card", "article:published_time"} {
			if meta[key] == "" {
				t.Errorf("no %s", key)
			}
		}
		canonical := find(doc, func(n *htmlNode) bool { return byTag("link")(n) && attr(n, "rel") == "canonical" })
		if len(canonical) != 1 || attr(canonical[0], "href") != meta["og:url"] {
			t.Fatal("canonical URL missing or different from og:url")
		}
		if html := find(doc, byTag("html")); attr(html[0], "lang") != "en" {
			t.Fatal("html lang")
		}
	})
}
