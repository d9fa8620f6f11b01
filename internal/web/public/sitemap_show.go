package public

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"dateline/internal/feeds"
	"dateline/internal/story"
	"dateline/internal/web"
)

// sitemapPage is how many stories one sitemap file lists (the format allows 50,000).
const sitemapPage = 5000

func (s *Server) xml(w http.ResponseWriter, body []byte, err error) error {
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err = w.Write(body)
	return err
}

// sitemapIndex lists the page sitemap and the paged story sitemaps.
func (s *Server) sitemapIndex(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	newest, total, err := s.store.Stories(r.Context(), story.Query{Limit: 1})
	if err != nil {
		return err
	}
	maps := []feeds.URL{{Loc: c.canonical("/sitemap-pages.xml")}}
	if len(newest) > 0 {
		maps[0].LastMod = newest[0].PublishedAt
	}
	for n := 1; n <= (total+sitemapPage-1)/sitemapPage; n++ {
		m := feeds.URL{Loc: c.canonical(fmt.Sprintf("/sitemap-stories-%d.xml", n))}
		if n == 1 {
			m.LastMod = maps[0].LastMod
		}
		maps = append(maps, m)
	}
	body, err := feeds.SitemapIndex(maps)
	return s.xml(w, body, err)
}

// Child sitemaps live beside /sitemap.xml, at the site's root: the sitemaps.org
// protocol lets a sitemap list only URLs in its own folder and below, so one under
// /sitemaps/ could not list the site's pages.

// sitemapName is the name of a child sitemap's path ("pages.xml" for
// /sitemap-pages.xml), and whether the path is one.
func sitemapName(path string) (string, bool) {
	name, ok := strings.CutPrefix(path, "/sitemap-")
	return name, ok && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "/")
}

// sitemapMoved sends the sitemaps' old addresses (/sitemaps/pages.xml) to the new.
func (s *Server) sitemapMoved(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if name != "pages.xml" && !strings.HasPrefix(name, "stories-") {
		return web.ErrNotFound
	}
	http.Redirect(w, r, "/sitemap-"+name, http.StatusMovedPermanently)
	return nil
}

// sitemapShow serves /sitemap-pages.xml and /sitemap-stories-N.xml.
func (s *Server) sitemapShow(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return &web.Error{Status: http.StatusMethodNotAllowed, Public: "Sitemaps are read with GET."}
	}
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	name, _ := sitemapName(r.URL.Path)
	if name == "pages.xml" {
		urls := []feeds.URL{{Loc: c.canonical("/")}, {Loc: c.canonical("/contact/")}}
		for _, sec := range c.tree.All() {
			urls = append(urls, feeds.URL{Loc: c.canonical("/" + sec.Path + "/")})
		}
		topics, err := s.store.PublishedTopics(r.Context())
		if err != nil {
			return err
		}
		for _, t := range topics {
			urls = append(urls, feeds.URL{Loc: c.canonical("/topics/" + url.PathEscape(t.Slug) + "/")})
		}
		pages, err := s.store.SitePages(r.Context())
		if err != nil {
			return err
		}
		for _, p := range pages {
			urls = append(urls, feeds.URL{Loc: c.canonical("/" + url.PathEscape(p.Slug) + "/"), LastMod: p.ModifiedAt})
		}
		body, err := feeds.Sitemap(urls)
		return s.xml(w, body, err)
	}
	num, ok := strings.CutSuffix(strings.TrimPrefix(name, "stories-"), ".xml")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 1 || !strings.HasPrefix(name, "stories-") {
		return web.ErrNotFound
	}
	list, err := s.store.PublishedLocations(r.Context(), (n-1)*sitemapPage, sitemapPage)
	if err != nil {
		return err
	}
	urls := make([]feeds.URL, 0, len(list))
	for _, st := range list {
		urls = append(urls, feeds.URL{Loc: c.canonical(c.storyPath(st)), LastMod: maxTime(st.PublishedAt, st.UpdatedAt)})
	}
	if len(urls) == 0 && n > 1 {
		return web.ErrNotFound
	}
	body, err := feeds.Sitemap(urls)
	return s.xml(w, body, err)
}

// newsSitemap lists the stories of the last two days for news search engines.
func (s *Server) newsSitemap(w http.ResponseWriter, r *http.Request) error {
	c, err := s.chrome(r.Context(), "", "")
	if err != nil {
		return err
	}
	list, _, err := s.store.Stories(r.Context(), story.Query{PublishedFrom: s.now().AddDate(0, 0, -2), Limit: 200})
	if err != nil {
		return err
	}
	var items []feeds.NewsItem
	for _, st := range list {
		items = append(items, feeds.NewsItem{Loc: c.canonical(c.storyPath(st)), Title: st.Headline, Published: st.PublishedAt})
	}
	body, err := feeds.NewsSitemap(c.Site.Name, c.Site.Language, items)
	return s.xml(w, body, err)
}

// robots points crawlers at the sitemaps and away from the newsroom.
func (s *Server) robots(w http.ResponseWriter, r *http.Request) error {
	site, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err = fmt.Fprintf(
		w,
		"User-agent: *\nAllow: /\nDisallow: /newsroom/\nDisallow: /api/admin/\nDisallow: /letters/\nDisallow: /search\n\nSitemap: %s/sitemap.xml\nSitemap: %s/news-sitemap.xml\n",
		site.BaseURL,
		site.BaseURL,
	)
	return err
}
