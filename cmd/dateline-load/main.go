// Command dateline-load is the load harness: it builds (or reuses) a demo site with a
// generated archive, starts dateline in a child process on loopback, and measures
// requests/s and latency for a story page, the home front, a section front, a feed
// and search, beside a plain Go file server serving the same story page bytes. It
// writes its table into BENCHMARKS.md. Every loop is bounded in time; every request
// goes to 127.0.0.1.
//
//	go run ./cmd/dateline-load [-stories 100000] [-round 10s] [-rounds 3] [-data DIR]
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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

type target struct {
	name  string
	paths []string // requests cycle through these
	base  string
}

type result struct {
	rps      []float64
	p50, p99 []time.Duration
	errors   int64
}

func run() error {
	stories := flag.Int("stories", 100000, "stories in the generated archive")
	round := flag.Duration("round", 10*time.Second, "length of one round per target")
	rounds := flag.Int("rounds", 3, "interleaved rounds per target")
	conns := flag.Int("conns", 64, "keep-alive connections")
	data := flag.String("data", filepath.Join(os.TempDir(), "dateline-load"), "data directory (reused when it holds the archive)")
	write := flag.String("benchmarks", "BENCHMARKS.md", "file whose load table to replace; empty to only print")
	profiles := flag.String("profiles", "", "directory for CPU and allocation profiles of the story page under load")
	flag.Parse()

	self, err := os.Executable()
	if err != nil {
		return err
	}
	marker := filepath.Join(*data, fmt.Sprintf(".archive-%d", *stories))
	if _, err := os.Stat(marker); err != nil {
		os.RemoveAll(*data)
		fmt.Printf("generating the demo site with %d stories in %s...\n", *stories, *data)
		cmd := exec.Command(self, "child", "demo", "--data", *data, "--stories", fmt.Sprint(*stories))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("generating the archive: %w", err)
		}
		pw := exec.Command(
			self,
			"child",
			"user",
			"add",
			"--data",
			*data,
			"--email",
			"load@example.com",
			"--name",
			"Load Editor",
			"--role",
			"editor",
		)
		pw.Stdin = strings.NewReader("load test password\n")
		if out, err := pw.CombinedOutput(); err != nil {
			return fmt.Errorf("adding an editor: %v %s", err, out)
		}
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return err
		}
	}
	tokenOut, err := exec.Command(self, "child", "token", "create", "--data", *data, "--email", "load@example.com").Output()
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	token := strings.TrimSpace(string(tokenOut))

	// Start the server and time its start-up.
	started := time.Now()
	child := exec.Command(self, "child", "serve", "--data", *data, "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0")
	stdout, _ := child.StdoutPipe()
	child.Stderr = io.Discard
	if err := child.Start(); err != nil {
		return err
	}
	defer func() { _ = child.Process.Kill() }()
	site, ops, err := readURLs(stdout)
	if err != nil {
		return err
	}
	startup := time.Since(started)
	fmt.Printf("server up in %s at %s\n", startup.Round(time.Millisecond), site)

	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns, DisableCompression: true},
		Timeout:   30 * time.Second,
	}
	story, err := firstStory(client, site)
	if err != nil {
		return err
	}
	// The baseline: Go's file server with the very bytes of the story page.
	page, err := fetch(client, site+strings.TrimPrefix(story, "/"))
	if err != nil {
		return err
	}
	staticDir, _ := os.MkdirTemp("", "dateline-static")
	defer os.RemoveAll(staticDir)
	if err := os.WriteFile(filepath.Join(staticDir, "story.html"), page, 0o644); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	static := &http.Server{Handler: http.FileServer(http.Dir(staticDir))}
	go func() { _ = static.Serve(ln) }() // ends with Close below
	defer static.Close()
	baseURL := "http://" + ln.Addr().String() + "/"

	targets := []target{
		{"static file (baseline)", []string{"story.html"}, baseURL},
		{"story page", []string{strings.TrimPrefix(story, "/")}, site},
		{"home front", []string{""}, site},
		{"section front", []string{"world/"}, site},
		{"feed (RSS)", []string{"feed.xml"}, site},
		{"search", searchMix(200), site},
	}
	results := make([]result, len(targets))
	idleVisible, err := publishVisibility(client, site, token)
	if err != nil {
		return err
	}
	fmt.Println("warming up...")
	for _, t := range targets[:min(len(targets), *rounds*len(targets))] {
		load(client, t, *conns, 2*time.Second)
	}
	var profiled bool
	for r := 0; r < *rounds; r++ {
		for i, t := range targets {
			if *profiles != "" && !profiled && t.name == "story page" {
				profiled = true
				go collectProfiles(ops, *profiles, *round)
			}
			rps, p50, p99, errs := load(client, t, *conns, *round)
			results[i].rps = append(results[i].rps, rps)
			results[i].p50 = append(results[i].p50, p50)
			results[i].p99 = append(results[i].p99, p99)
			results[i].errors += errs
			fmt.Printf(
				"round %d %-22s %8.0f req/s  p50 %-10s p99 %-10s errors %d\n",
				r+1,
				t.name,
				rps,
				p50.Round(time.Microsecond),
				p99.Round(time.Microsecond),
				errs,
			)
		}
	}
	visible, err := publishVisibility(client, site, token)
	if err != nil {
		return err
	}
	rss := childRSS(child.Process.Pid)
	if *rounds == 0 {
		fmt.Printf(
			"visible everywhere %s, then %s, after the publish call\n",
			idleVisible.Round(time.Millisecond),
			visible.Round(time.Millisecond),
		)
		return nil
	}
	table := report(targets, results, startup, idleVisible, visible, rss, *stories, *conns, *round, *rounds)
	fmt.Println(table)
	if *write != "" {
		return writeTable(*write, table)
	}
	return nil
}

// readURLs reads the site and metrics addresses the server prints.
func readURLs(r io.Reader) (site, ops string, err error) {
	re := regexp.MustCompile(`serving (http://\S+)`)
	mre := regexp.MustCompile(`Metrics at (http://\S+)/metrics`)
	sc := bufio.NewScanner(r)
	deadline := time.Now().Add(60 * time.Second)
	for sc.Scan() && time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			site = m[1]
		}
		if m := mre.FindStringSubmatch(sc.Text()); m != nil {
			ops = m[1]
		}
		if site != "" && ops != "" {
			go func() { _, _ = io.Copy(io.Discard, r) }() // keep the child's output flowing
			return site, ops, nil
		}
	}
	return "", "", errors.New("the server did not start")
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

// firstStory picks the newest story's path from the Content API.
func firstStory(c *http.Client, site string) (string, error) {
	b, err := fetch(c, site+"api/v1/stories?limit=1")
	if err != nil {
		return "", err
	}
	var list struct{ Stories []struct{ URL string } }
	if err := json.Unmarshal(b, &list); err != nil || len(list.Stories) == 0 {
		return "", fmt.Errorf("no stories: %v", err)
	}
	u, _ := url.Parse(list.Stories[0].URL)
	return u.Path, nil
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
		out = append(out, "search?q="+url.QueryEscape(q))
	}
	return out
}

// load runs conns workers against t for d and returns requests/s, p50, p99 and errors.
func load(c *http.Client, t target, conns int, d time.Duration) (float64, time.Duration, time.Duration, int64) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var errs, n atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 4096)
			for i := w; ctx.Err() == nil; i += conns {
				req, _ := http.NewRequestWithContext(ctx, "GET", t.base+t.paths[i%len(t.paths)], nil)
				t0 := time.Now()
				resp, err := c.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						errs.Add(1)
					}
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body) // drained for connection reuse; the status is what counts
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs.Add(1)
				}
				local = append(local, time.Since(t0))
				n.Add(1)
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(lat) == 0 {
		return 0, 0, 0, errs.Load()
	}
	slices.Sort(lat)
	return float64(n.Load()) / elapsed.Seconds(), lat[len(lat)/2], lat[len(lat)*99/100], errs.Load()
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

// childRSS reads the server's resident memory from /proc.
func childRSS(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:"))
		}
	}
	return "unknown"
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

func median[T int64 | float64 | time.Duration](v []T) T {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func report(
	targets []target,
	rs []result,
	startup, idleVisible, visible time.Duration,
	rss string,
	stories, conns int,
	round time.Duration,
	rounds int,
) string {
	host, _ := os.Hostname()
	_ = host
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
	fmt.Fprintf(
		&b,
		"Run %s on %d CPUs (%s), %s; %d stories; %d keep-alive connections, no compression; 2 s warm-up, then %d interleaved rounds of %s per target; medians.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		runtime.NumCPU(),
		model,
		runtime.Version(),
		stories,
		conns,
		rounds,
		round,
	)
	fmt.Fprintf(&b, "Command: `go run ./cmd/dateline-load -stories %d`\n\n", stories)
	b.WriteString("| target | requests/s | × baseline | p50 | p99 | × baseline p99 | errors | goal |\n|---|---|---|---|---|---|---|---|\n")
	baseRPS, baseP99 := median(rs[0].rps), median(rs[0].p99)
	goals := []string{"—", "≥ 0.9× rps, p99 ≤ 1.2×", "≥ 0.8×", "≥ 0.8×", "≥ 0.8×", "≥ 1,000 rps, p99 ≤ 50 ms"}
	for i, t := range targets {
		rps, p50, p99 := median(rs[i].rps), median(rs[i].p50), median(rs[i].p99)
		fmt.Fprintf(&b, "| %s | %.0f | %.2f | %s | %s | %.2f | %d | %s |\n", t.name, rps, rps/baseRPS, p50.Round(time.Microsecond),
			p99.Round(time.Microsecond), float64(p99)/float64(baseP99), rs[i].errors, goals[i])
	}
	fmt.Fprintf(
		&b,
		"\nA story published through the Admin API showed on its page, the home front, its section front, the feed and search %s after the publish call before the load rounds, and %s right after them (goal ≤ 1 s). Server start-up on the archive: %s (goal ≤ 2 s). Server memory (RSS) after the run: %s (goal ≤ 250 MB).\n",
		idleVisible.Round(time.Millisecond),
		visible.Round(time.Millisecond),
		startup.Round(time.Millisecond),
		rss,
	)
	return b.String()
}

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
