package feeds

import (
	"encoding/xml"
	"time"
)

// URL is one page in a sitemap.
type URL struct {
	Loc     string
	LastMod time.Time
}

// SitemapIndex lists sitemaps.
func SitemapIndex(maps []URL) ([]byte, error) {
	type sitemap struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	doc := struct {
		XMLName  xml.Name  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []sitemap `xml:"sitemap"`
	}{}
	for _, m := range maps {
		doc.Sitemaps = append(doc.Sitemaps, sitemap{Loc: m.Loc, LastMod: lastmod(m.LastMod)})
	}
	return encodeXML(doc)
}

// Sitemap lists pages.
func Sitemap(urls []URL) ([]byte, error) {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	doc := struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}{}
	for _, u := range urls {
		doc.URLs = append(doc.URLs, url{Loc: u.Loc, LastMod: lastmod(u.LastMod)})
	}
	return encodeXML(doc)
}

// NewsItem is a story in a Google News sitemap.
type NewsItem struct {
	Loc       string
	Title     string
	Published time.Time
}

// NewsSitemap lists recent stories for news search engines.
func NewsSitemap(publication, language string, items []NewsItem) ([]byte, error) {
	type pub struct {
		Name     string `xml:"news:name"`
		Language string `xml:"news:language"`
	}
	type news struct {
		Publication pub    `xml:"news:publication"`
		Date        string `xml:"news:publication_date"`
		Title       string `xml:"news:title"`
	}
	type url struct {
		Loc  string `xml:"loc"`
		News news   `xml:"news:news"`
	}
	doc := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		NewsNS  string   `xml:"xmlns:news,attr"`
		URLs    []url    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", NewsNS: "http://www.google.com/schemas/sitemap-news/0.9"}
	for _, it := range items {
		doc.URLs = append(doc.URLs, url{Loc: it.Loc, News: news{Publication: pub{Name: publication, Language: language},
			Date: it.Published.UTC().Format(time.RFC3339), Title: it.Title}})
	}
	return encodeXML(doc)
}

func lastmod(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
