package main

import (
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
)

// sitemapPaths reads the site's sitemaps as a crawler does and returns the paths of
// its story pages and of its other pages (fronts, sections, topics, people, site
// pages), each list in the sitemaps' order.
func sitemapPaths(c *http.Client, site string) (stories, others []string, err error) {
	type loc struct {
		Loc string `xml:"loc"`
	}
	var index struct {
		Maps []loc `xml:"sitemap"`
	}
	if err := getXML(c, site+"sitemap.xml", &index); err != nil {
		return nil, nil, err
	}
	for _, m := range index.Maps {
		var set struct {
			URLs []loc `xml:"url"`
		}
		if err := getXML(c, m.Loc, &set); err != nil {
			return nil, nil, err
		}
		for _, u := range set.URLs {
			p, err := url.Parse(u.Loc)
			if err != nil {
				return nil, nil, err
			}
			if strings.Contains(m.Loc, "sitemap-stories-") {
				stories = append(stories, p.EscapedPath())
			} else {
				others = append(others, p.EscapedPath())
			}
		}
	}
	if len(stories) == 0 {
		return nil, nil, fmt.Errorf("the sitemaps at %ssitemap.xml list no stories", site)
	}
	return stories, others, nil
}

// listPaths are the list pages a crawler walks besides the stories: the sitemaps'
// fronts, sections, topics and people with their next four pages where they have
// them (asked with HEAD, which renders but stores nothing), and the day, month and
// year archives of the stories' dates.
func listPaths(c *http.Client, site string, stories, others []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range others {
		add(p)
		for n := 2; n <= 5; n++ {
			paged := fmt.Sprintf("%s?page=%d", p, n)
			resp, err := c.Head(site + strings.TrimPrefix(paged, "/"))
			if err != nil {
				break
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				break
			}
			add(paged)
		}
	}
	for _, p := range stories {
		// /section[/sub]/yyyy/mm/dd/slug/: the date is the three segments before the slug.
		parts := strings.Split(strings.Trim(p, "/"), "/")
		if len(parts) < 5 {
			continue
		}
		d := parts[len(parts)-4 : len(parts)-1]
		add("/" + d[0] + "/")
		add("/" + d[0] + "/" + d[1] + "/")
		add("/" + d[0] + "/" + d[1] + "/" + d[2] + "/")
	}
	return out
}

// shuffled is a copy of paths in a random order fixed by seed.
func shuffled(paths []string, seed uint64) []string {
	out := append([]string(nil), paths...)
	rng := rand.New(rand.NewPCG(seed, seed+1))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func getXML(c *http.Client, u string, v any) error {
	b, err := fetch(c, u)
	if err != nil {
		return err
	}
	return xml.Unmarshal(b, v)
}
