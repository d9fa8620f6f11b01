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
	before, err := misses(c, cur.ops)
	if err != nil {
		return m, err
	}
	list := shuffled(stories, 5)
	fmt.Printf("crawling all %d story pages once...\n", len(list))
	m.crawlConns = crawlers
	start := time.Now()
	done := func() bool { n, err := misses(c, cur.ops); return err == nil && n-before >= int64(len(list)) }
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

// misses reads the render cache's misses from the server's metrics.
func misses(c *http.Client, ops string) (int64, error) {
	b, err := fetch(c, ops+"/metrics")
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "dateline_cache_misses_total "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return int64(f), err
		}
	}
	return 0, fmt.Errorf("%s/metrics has no dateline_cache_misses_total", ops)
}
