package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dateline/internal/auth"
	"dateline/internal/people"
	"dateline/internal/store"
)

// TestHardeningLoad runs the built binary on a 20,000-story SQLite archive and
// measures what hostile traffic costs it: 100 parallel sign-ins and 100 parallel
// password choices through a valid invitation link, each from its own address
// through a trusted proxy (peak RSS of the server process, VmHWM, must stay under
// 300 MB while public pages keep answering), then 64 connections of the most
// expensive searches that can be built (16 distinct common words, a new combination
// each time, so none is a cache hit) for 10 s, with a normal page's latency measured
// meanwhile. Bounded, loopback only, run with DATELINE_LOAD_TEST=1; the figures go to
// BENCHMARKS.md.
func TestHardeningLoad(t *testing.T) {
	if os.Getenv("DATELINE_LOAD_TEST") != "1" {
		t.Skip("load test: set DATELINE_LOAD_TEST=1 to run it")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "dateline")
	if out, err := exec.Command("go", "build", "-o", bin, "dateline/cmd/dateline").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	if out, err := exec.Command(bin, "demo", "--data", data, "--stories", "20000").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	// A trusted proxy, an account to sign in to, and a valid invitation link.
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(data, "dateline.db"))
	if err != nil {
		t.Fatal(err)
	}
	site, _ := st.Site(ctx)
	site.TrustedProxies = "127.0.0.1"
	invitee := people.Person{Slug: "load-invitee", Name: "Load Invitee", Email: "invitee@load.example", Role: people.RoleWriter}
	editor := people.Person{Slug: "load-editor", Name: "Load Editor", Email: "editor@load.example", Role: people.RoleEditor}
	hash, _ := auth.HashPassword("a long enough password")
	token, tokenHash := auth.NewSecret()
	err = st.SaveSite(ctx, site)
	for _, p := range []*people.Person{&invitee, &editor} {
		if err == nil {
			err = st.CreatePerson(ctx, p)
		}
	}
	if err == nil {
		err = st.SetPassword(ctx, editor.ID, hash)
	}
	if err == nil {
		err = st.CreateInvite(
			ctx,
			auth.Link{
				TokenHash: tokenHash,
				PersonID:  invitee.ID,
				Kind:      auth.LinkInvite,
				CreatedAt: time.Now(),
				ExpiresAt: time.Now().Add(time.Hour),
			},
		)
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	srv := exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0")
	stdout, _ := srv.StdoutPipe()
	srv.Stderr = io.Discard
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Process.Signal(syscall.SIGTERM); srv.Wait() }()
	base := ""
	lines := bufio.NewScanner(stdout)
	for base == "" && lines.Scan() {
		if m := regexp.MustCompile(`serving (http://\S+)/`).FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	go io.Copy(io.Discard, stdout)
	if base == "" {
		t.Fatal("the server did not start")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path, addr string, form url.Values) int {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", addr)
		resp, err := client.Do(req)
		if err != nil {
			return 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	get := func(path string) (int, time.Duration) {
		start := time.Now()
		resp, err := client.Get(base + path)
		if err != nil {
			return 0, time.Since(start)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, time.Since(start)
	}
	// probe fetches the home page and an archive day every 100 ms until stop.
	probe := func(stop <-chan struct{}) (lat []time.Duration, failed int) {
		day := time.Now().AddDate(0, 0, -3).Format("/2006/01/02/")
		for {
			select {
			case <-stop:
				return lat, failed
			case <-time.After(100 * time.Millisecond):
			}
			for _, path := range []string{"/", day} {
				status, took := get(path)
				if status != http.StatusOK {
					failed++
				}
				lat = append(lat, took)
			}
		}
	}
	report := func(what string, lat []time.Duration) string {
		if len(lat) == 0 {
			return what + ": none"
		}
		slices.Sort(lat)
		return fmt.Sprintf("%s: n=%d p50=%v p99=%v max=%v", what, len(lat), lat[len(lat)/2].Round(time.Millisecond),
			lat[len(lat)*99/100].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	}

	get("/")
	t.Logf("LOAD server started: peak RSS so far %d MB", vmHWM(t, srv.Process.Pid)>>20)

	// Passwords: 100 sign-ins and 100 invitation acceptances at once.
	stop := make(chan struct{})
	probed := make(chan []time.Duration, 1)
	var probeFailed int
	go func() { lat, f := probe(stop); probeFailed = f; probed <- lat }()
	statuses := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for i := range 100 {
		addr := fmt.Sprintf("198.18.%d.%d", i/200, i%200+1)
		wg.Go(func() {
			s := post("/newsroom/login", addr, url.Values{"email": {"editor@load.example"}, "password": {"wrong password " + strconv.Itoa(i)}})
			mu.Lock()
			statuses[s]++
			mu.Unlock()
		})
		wg.Go(func() {
			pw := "chosen password " + strconv.Itoa(i)
			s := post("/newsroom/invite/"+token, "203.0.113."+strconv.Itoa(i+1), url.Values{"password": {pw}, "confirm": {pw}})
			mu.Lock()
			statuses[s]++
			mu.Unlock()
		})
	}
	wg.Wait()
	took := time.Since(start)
	close(stop)
	lat := <-probed
	hwm := vmHWM(t, srv.Process.Pid)
	t.Logf("LOAD passwords: 200 requests in %v, statuses %v, server peak RSS (VmHWM) %d MB; %s, %d failed",
		took.Round(time.Millisecond), statuses, hwm>>20, report("public pages meanwhile", lat), probeFailed)
	if hwm > 300<<20 {
		t.Errorf("peak RSS %d MB under 200 parallel password requests, want under 300 MB", hwm>>20)
	}
	if probeFailed > 0 {
		t.Errorf("%d public page requests failed during the password flood", probeFailed)
	}

	// Search: 64 connections of 16-term searches for 10 s.
	words := strings.Fields(strings.ToLower(`officials said the change would take effect within weeks pending final vote residents
		who spoke public meeting were divided several asking more time plan follows review found costs risen faster than expected
		spokesperson figures published every quarter analysts decision could set example neighbouring cities`))
	stop = make(chan struct{})
	go func() { lat, f := probe(stop); probeFailed = f; probed <- lat }()
	deadline := time.Now().Add(10 * time.Second)
	var searchLat []time.Duration
	searchStatus := map[int]int{}
	for w := range 64 {
		rng := rand.New(rand.NewPCG(uint64(w), 7))
		wg.Go(func() {
			for time.Now().Before(deadline) {
				q := make([]string, 0, 16)
				for _, i := range rng.Perm(len(words))[:16] {
					q = append(q, words[i])
				}
				status, took := get("/api/v1/search?q=" + url.QueryEscape(strings.Join(q, " ")))
				mu.Lock()
				searchStatus[status]++
				searchLat = append(searchLat, took)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(stop)
	lat = <-probed
	t.Logf(
		"LOAD worst search: %s, statuses %v; %s, %d failed; server peak RSS %d MB",
		report(
			"16-term searches at 64 connections",
			searchLat,
		),
		searchStatus,
		report("public pages meanwhile", lat),
		probeFailed,
		vmHWM(t, srv.Process.Pid)>>20,
	)
	if probeFailed > 0 {
		t.Errorf("%d public page requests failed during the search flood", probeFailed)
	}
}

// vmHWM reads a process's peak resident set size from /proc.
func vmHWM(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no VmHWM")
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10
}
