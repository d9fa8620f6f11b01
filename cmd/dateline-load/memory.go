package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// memoryFigures are the server's memory after a full cold crawl of every story, and
// what a crawl with many more connections than render slots gets.
type memoryFigures struct {
	crawl               figures
	crawlConns          int
	crawlTook           time.Duration
	rss, peak           int64
	flood               figures
	floodConns          int
	floodRSS, floodPeak int64
}

// memoryRows crawls every story page once with crawlers connections, reading the
// server's resident memory and its peak after, then floods it for 10 s with 64
// connections on distinct cold pages, which it must shed rather than queue.
func memoryRows(c *http.Client, wrk *wrkRunner, cur *server, stories []string, crawlers int) (memoryFigures, error) {
	var m memoryFigures
	before, err := served(c, cur.ops)
	if err != nil {
		return m, err
	}
	list := shuffled(stories, 5)
	fmt.Printf("crawling all %d story pages once...\n", len(list))
	m.crawlConns = crawlers
	start := time.Now()
	done := func() bool { n, err := served(c, cur.ops); return err == nil && n-before >= int64(len(list)) }
	if m.crawl, err = wrk.run(cur.site, list, 0, crawlers, time.Hour, done); err != nil {
		return m, err
	}
	m.crawlTook = time.Since(start)
	m.rss, m.peak = cur.memory()
	m.floodConns = 64
	if m.flood, err = wrk.run(cur.site, shuffled(stories, 6), 0, m.floodConns, 10*time.Second, nil); err != nil {
		return m, err
	}
	m.floodRSS, m.floodPeak = cur.memory()
	return m, nil
}

// served reads how many pages the server has answered from its render cache or
// rendered (its cache's hits and misses), from its metrics.
func served(c *http.Client, ops string) (int64, error) {
	b, err := fetch(c, ops+"/metrics")
	if err != nil {
		return 0, err
	}
	var n int64
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		for _, name := range []string{"dateline_cache_hits_total ", "dateline_cache_misses_total "} {
			if v, ok := strings.CutPrefix(sc.Text(), name); ok {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					return 0, err
				}
				n += int64(f)
				found++
			}
		}
	}
	if found != 2 {
		return 0, fmt.Errorf("%s/metrics lacks the render cache's hits and misses", ops)
	}
	return n, nil
}
