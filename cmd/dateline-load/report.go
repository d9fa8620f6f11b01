package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

func median[T int64 | float64 | time.Duration](v []T) T {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// report writes the table: each row's medians beside the row it is measured
// against and its goal, then the memory and freshness figures.
func report(targets []target, rs []result, m memoryFigures, startup, idleVisible, visible time.Duration, stories int,
	round time.Duration, rounds int) string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				model = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s on %d CPUs (%s), %s; %d stories on SQLite, default settings; wrk %d threads, no compression; "+
		"hot pages after a 2 s warm-up; %d interleaved rounds of %s per row; medians.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), model, runtime.Version(), stories, runtime.NumCPU(),
		rounds, round)
	fmt.Fprintf(&b, "Command: `go run ./cmd/dateline-load -stories %d`\n\n", stories)
	b.WriteString("| row | connections | requests/s | p50 | p99 | against | × requests/s | × p99 | errors | goal |\n" +
		"|---|---|---|---|---|---|---|---|---|---|\n")
	for i, t := range targets {
		rps, p50, p99 := median(rs[i].rps), median(rs[i].p50), median(rs[i].p99)
		against, ratio, p99Ratio := "—", "—", "—"
		if t.versus >= 0 {
			vr, vp := median(rs[t.versus].rps), median(rs[t.versus].p99)
			against = targets[t.versus].name
			ratio, p99Ratio = fmt.Sprintf("%.2f", rps/vr), fmt.Sprintf("%.2f", float64(p99)/float64(vp))
		}
		goal := t.goal
		if goal == "" {
			goal = "—"
		}
		fmt.Fprintf(&b, "| %s | %d | %.0f | %s | %s | %s | %s | %s | %d | %s |\n", t.name, t.conns, rps, p50.Round(time.Microsecond),
			p99.Round(time.Microsecond), against, ratio, p99Ratio, rs[i].errors, goal)
	}
	fmt.Fprintf(&b, "\n**Memory.** A cold crawl of all %d story pages once (%d connections, random order) took %s (%.0f requests/s, "+
		"p99 %s, %d errors); the server's resident memory after it: %s, peak %s (goal: peak ≤ 150 MB). "+
		"Then %d connections on distinct cold pages for 10 s: %.0f requests/s, %d answered 503 with Retry-After "+
		"(the render gate shedding past its bound), p99 %s; resident memory after: %s, peak %s.\n",
		m.crawl.requests, m.crawlConns, m.crawlTook.Round(time.Second), m.crawl.rps, m.crawl.p99.Round(time.Microsecond), m.crawl.errors,
		mb(m.rss), mb(m.peak), m.floodConns, m.flood.rps, m.flood.shed, m.flood.p99.Round(time.Microsecond), mb(m.floodRSS),
		mb(m.floodPeak))
	fmt.Fprintf(&b, "\nA story published through the Admin API showed on its page, the home front, its section front, the feed and "+
		"search %s after the publish call before the load rounds, and %s right after them (goal ≤ 1 s). Server start-up on "+
		"the archive: %s (goal ≤ 2 s).\n", idleVisible.Round(time.Millisecond), visible.Round(time.Millisecond),
		startup.Round(time.Millisecond))
	return b.String()
}

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }

// writeTable replaces the text between the load markers in the benchmarks file.
func writeTable(path, table string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	const begin, end = "<!-- load:begin -->", "<!-- load:end -->"
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		s += "\n## Load harness\n\n" + begin + "\n" + table + end + "\n"
	} else {
		s = s[:i+len(begin)] + "\n" + table + s[j:]
	}
	return os.WriteFile(path, []byte(s), 0o644)
}
