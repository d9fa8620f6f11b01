package cli

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
)

// memoryHeadroom is what a node's Go heap needs besides its page cache (story
// bodies, the outage copies, requests in flight, the search cache): the default
// soft memory limit is the cache plus this. With the default 32 MiB cache, the
// limit (80 MiB), SQLite's page caches (12 MiB, outside the Go heap) and the
// program itself keep a node under 150 MB through a crawl of the whole archive
// (BENCHMARKS.md); a larger cache keeps more hot pages and raises the limit with it.
const memoryHeadroom = 48 << 20

// parseBytes reads a size: a number of bytes, or one with a unit (KB, MB, GB in
// powers of 1000; KiB, MiB, GiB and K, M, G in powers of 1024).
func parseBytes(s string) (int, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000_000}, {"GB", 1000_000_000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	mult := 1
	for _, u := range units {
		if n, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || n*float64(mult) > 1<<40 {
		return 0, fmt.Errorf("%q is not a size: write it as 64MB, 256MiB or a number of bytes", s)
	}
	return int(n * float64(mult)), nil
}

// setMemoryLimit gives the Go runtime a soft memory limit derived from the page
// cache's bound, unless GOMEMLIMIT says otherwise, and returns the one it replaced.
func setMemoryLimit(env Env, cacheBytes int) (previous int64) {
	if env.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1) // the runtime read it at start: leave it
	}
	return debug.SetMemoryLimit(int64(cacheBytes) + memoryHeadroom)
}
