// Command dateline-load is the load harness: it builds (or reuses) a demo site with a
// generated archive, starts dateline in a child process on loopback, and measures
// with wrk: the cached story page, fronts, a feed and search beside a minimal
// net/http server and Go's file server writing the same story page bytes; cold
// crawls of every story page and of the list pages, from the sitemaps in random
// order, beside the same crawls of the previous release built from git; then the
// server's memory after a crawl of every story, and how it sheds a crawl with many
// more connections than it renders at once. It writes its table into BENCHMARKS.md.
// Every loop is bounded in time; every request goes to 127.0.0.1.
//
//	go run ./cmd/dateline-load [-stories 100000] [-round 10s] [-rounds 3] [-previous COMMIT] [-data DIR]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"dateline/internal/cli"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" { // the server under test, in its own process
		os.Exit(cli.Run(context.Background(), os.Args[2:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "dateline-load:", err)
		os.Exit(1)
	}
}

// target is one row of the table: a list of paths loaded through wrk.
type target struct {
	name   string
	base   func() string // the server's address, known once it runs
	paths  []string
	conns  int
	cold   bool   // a crawl: each round walks on from where the last one stopped
	goal   string // what the row must reach, as the issue sets it
	versus int    // the row it is compared with (its baseline); -1 for none
}

type result struct {
	rps      []float64
	p50, p99 []time.Duration
	errors   int64
	walked   int // paths requested so far, where the next crawl round starts
}

func (r *result) add(f figures) {
	r.rps = append(r.rps, f.rps)
	r.p50 = append(r.p50, f.p50)
	r.p99 = append(r.p99, f.p99)
	r.errors += f.errors
	r.walked += int(f.requests)
}

// previousRelease is the release this work started from: the cold crawls
// are measured against it, built from git in the same run.
const previousRelease = "ec67557"

func run() error {
	stories := flag.Int("stories", 100000, "stories in the generated archive")
	round := flag.Duration("round", 10*time.Second, "length of one round per target")
	rounds := flag.Int("rounds", 3, "interleaved rounds per target")
	conns := flag.Int("conns", 64, "keep-alive connections for the hot pages")
	crawlers := flag.Int("crawlers", 16, "connections of the cold crawls")
	previous := flag.String("previous", previousRelease, "the previous release (a commit) to crawl beside this one; empty for none")
	data := flag.String("data", filepath.Join(os.TempDir(), "dateline-load"), "data directory (reused when it holds the archive)")
	write := flag.String("benchmarks", "BENCHMARKS.md", "file whose load table to replace; empty to only print")
	profiles := flag.String("profiles", "", "directory for CPU and allocation profiles of the story page under load")
	flag.Parse()

	self, err := os.Executable()
	if err != nil {
		return err
	}
	if err := generate(self, *data, *stories); err != nil {
		return err
	}
	tokenOut, err := exec.Command(self, "child", "token", "create", "--data", *data, "--email", "load@example.com").Output()
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	token := strings.TrimSpace(string(tokenOut))
	tmp, err := os.MkdirTemp("", "dateline-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wrk, err := newWrk(tmp, runtime.NumCPU())
	if err != nil {
		return err
	}
	var old *server
	if *previous != "" {
		fmt.Printf("building the previous release %s...\n", *previous)
		bin, err := buildPrevious(*previous, *data)
		if err != nil {
			return err
		}
		if old, err = startServer([]string{bin}, *data, false); err != nil {
			return fmt.Errorf("the previous release: %w", err)
		}
		defer old.stop()
	}

	// Start the server and time its start-up.
	started := time.Now()
	cur, err := startServer([]string{self, "child"}, *data, true)
	if err != nil {
		return err
	}
	defer cur.stop()
	startup := time.Since(started)
	fmt.Printf("server up in %s at %s\n", startup.Round(time.Millisecond), cur.site)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8, DisableCompression: true}, Timeout: 30 * time.Second}
	storyPaths, others, err := sitemapPaths(client, cur.site)
	if err != nil {
		return err
	}
	story := storyPaths[0]
	lists := listPaths(client, cur.site, storyPaths, others)
	baselines, err := startBaselines(client, cur.site+strings.TrimPrefix(story, "/"), tmp)
	if err != nil {
		return err
	}
	defer baselines.close()
	fmt.Printf("%d story pages and %d list pages to crawl\n", len(storyPaths), len(lists))

	targets := rows(cur, old, baselines, story, storyPaths, lists, *conns, *crawlers, *previous)
	results := make([]result, len(targets))
	idleVisible, err := publishVisibility(client, cur.site, token)
	if err != nil {
		return err
	}
	fmt.Println("warming up...")
	for _, t := range targets {
		if !t.cold {
			if _, err := wrk.run(t.base(), t.paths, 0, t.conns, 2*time.Second, nil); err != nil {
				return err
			}
		}
	}
	var profiled bool
	for r := 0; r < *rounds; r++ {
		for i, t := range targets {
			if *profiles != "" && !profiled && t.name == "story page (cached)" {
				profiled = true
				go collectProfiles(cur.ops, *profiles, *round)
			}
			f, err := wrk.run(t.base(), t.paths, results[i].walked, t.conns, *round, nil)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			results[i].add(f)
			fmt.Printf("round %d %-52s %8.0f req/s  p50 %-10s p99 %-10s errors %d\n", r+1, t.name, f.rps,
				f.p50.Round(time.Microsecond), f.p99.Round(time.Microsecond), f.errors)
		}
	}
	visible, err := publishVisibility(client, cur.site, token)
	if err != nil {
		return err
	}
	mem, err := memoryRows(client, wrk, cur, storyPaths, *crawlers)
	if err != nil {
		return err
	}
	if *rounds == 0 {
		return nil
	}
	table := report(targets, results, mem, startup, idleVisible, visible, *stories, *round, *rounds)
	fmt.Println(table)
	if *write != "" {
		return writeTable(*write, table)
	}
	return nil
}

// rows are the table's targets: the hot pages beside the baselines, then the cold
// crawls beside the previous release's.
func rows(cur, old *server, b *baselines, story string, stories, lists []string, conns, crawlers int, previous string) []target {
	here := func() string { return cur.site }
	t := []target{
		{name: "minimal net/http (baseline)", base: b.minimal, paths: []string{"/story.html"}, conns: conns, versus: -1},
		{name: "file server", base: b.files, paths: []string{"/story.html"}, conns: conns},
		{name: "story page (cached)", base: here, paths: []string{story}, conns: conns, goal: "≥ 0.95× rps, p99 ≤ 1.2×"},
		{name: "home front (cached)", base: here, paths: []string{"/"}, conns: conns, goal: "≥ 0.8×"},
		{name: "section front (cached)", base: here, paths: []string{"/world/"}, conns: conns, goal: "≥ 0.8×"},
		{name: "feed (RSS, cached)", base: here, paths: []string{"/feed.xml"}, conns: conns, goal: "≥ 0.8×"},
		{name: "search", base: here, paths: searchMix(200), conns: conns, versus: -1, goal: "≥ 1,000 rps, p99 ≤ 50 ms"},
		{name: "cold crawl: story pages", base: here, paths: shuffled(stories, 1), conns: crawlers, cold: true, versus: -1,
			goal: "≥ 10× previous, p99 ≤ 20 ms"},
		{name: "cold crawl: list pages", base: here, paths: shuffled(lists, 2), conns: crawlers, cold: true, versus: -1,
			goal: "≥ 10× previous"},
	}
	if old == nil {
		return t
	}
	there := func() string { return old.site }
	n := len(t)
	t[n-2].versus, t[n-1].versus = n, n+1
	return append(t,
		target{name: "cold crawl: story pages, release " + previous, base: there, paths: shuffled(stories, 3), conns: crawlers,
			cold: true, versus: -1},
		target{name: "cold crawl: list pages, release " + previous, base: there, paths: shuffled(lists, 4), conns: crawlers,
			cold: true, versus: -1})
}

// generate makes the demo site with its archive in data, unless it is there.
func generate(self, data string, stories int) error {
	marker := filepath.Join(data, fmt.Sprintf(".archive-%d", stories))
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	os.RemoveAll(data)
	fmt.Printf("generating the demo site with %d stories in %s...\n", stories, data)
	cmd := exec.Command(self, "child", "demo", "--data", data, "--stories", fmt.Sprint(stories))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("generating the archive: %w", err)
	}
	pw := exec.Command(self, "child", "user", "add", "--data", data, "--email", "load@example.com", "--name", "Load Editor",
		"--role", "editor")
	pw.Stdin = strings.NewReader("load test password\n")
	if out, err := pw.CombinedOutput(); err != nil {
		return fmt.Errorf("adding an editor: %v %s", err, out)
	}
	return os.WriteFile(marker, nil, 0o644)
}

func fetch(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// searchMix is a fixed mix of queries from the archive's vocabulary: common words,
// rarer ones, and two-word phrases.
func searchMix(n int) []string {
	common := []string{"officials", "plan", "budget", "city", "council", "residents", "year", "figures"}
	medium := []string{
		"harbour",
		"dredging",
		"solar",
		"subsidies",
		"flood",
		"defences",
		"rail",
		"operator",
		"museum",
		"tariffs",
		"wind",
		"auction",
	}
	rare := []string{"cold-storage", "drone", "deliveries", "library", "clinic", "ferries", "coral", "typhoon", "lunar", "tea"}
	phrases := []string{`"bike lanes"`, `"heat warnings"`, `"water board"`, `"night bus"`, `"rent controls"`, `"school meals"`}
	rng := rand.New(rand.NewPCG(7, 11))
	var out []string
	for len(out) < n {
		var q string
		switch len(out) % 4 {
		case 0:
			q = common[rng.IntN(len(common))]
		case 1:
			q = medium[rng.IntN(len(medium))] + " " + medium[rng.IntN(len(medium))]
		case 2:
			q = rare[rng.IntN(len(rare))]
		default:
			q = phrases[rng.IntN(len(phrases))]
		}
		out = append(out, "/search?q="+url.QueryEscape(q))
	}
	return out
}

// publishVisibility publishes a new story through the Admin API and times how long
// until it shows on its page, the home front, its section front, the feed and search.
func publishVisibility(c *http.Client, site, token string) (time.Duration, error) {
	call := func(method, path, body string) (map[string]any, error) {
		req, _ := http.NewRequest(method, site+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		var out map[string]any
		decodeErr := json.NewDecoder(resp.Body).Decode(&out)
		if resp.StatusCode >= 300 {
			return nil, fmt.Errorf("%s %s: %s %v", method, path, resp.Status, out)
		}
		return out, decodeErr
	}
	headline := fmt.Sprintf("Load harness flash %d", time.Now().UnixNano())
	created, err := call("POST", "api/admin/v1/stories", `{"headline":"`+headline+`","section":"world","body_markdown":"Zebracrossing news."}`)
	if err != nil {
		return 0, err
	}
	id := fmt.Sprint(int64(created["id"].(float64)))
	start := time.Now()
	out, err := call("POST", "api/admin/v1/stories/"+id+"/transition", `{"to":"published"}`)
	if err != nil {
		return 0, err
	}
	fmt.Printf("the publish call took %s\n", time.Since(start).Round(time.Millisecond))
	u, _ := url.Parse(out["url"].(string))
	surfaces := []string{strings.TrimPrefix(u.Path, "/"), "", "world/", "feed.xml", "search?q=zebracrossing"}
	for time.Since(start) < 30*time.Second {
		all := true
		for _, s := range surfaces {
			b, err := fetch(c, site+s)
			if err != nil || !strings.Contains(string(b), headline) {
				all = false
				break
			}
		}
		if all {
			return time.Since(start), nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, errors.New("the published story did not show everywhere within 30 s")
}

// collectProfiles saves a CPU and an allocation profile of the server under load.
func collectProfiles(ops, dir string, d time.Duration) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "profiles:", err)
		return
	}
	c := &http.Client{Timeout: d + 30*time.Second}
	for name, path := range map[string]string{"cpu.pprof": fmt.Sprintf("/debug/pprof/profile?seconds=%d", int(d.Seconds())-1),
		"allocs.pprof": "/debug/pprof/allocs"} {
		if b, err := fetch(c, ops+path); err == nil {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "profiles:", err)
			}
		}
	}
}
