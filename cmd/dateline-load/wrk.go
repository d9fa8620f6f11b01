package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// walkScript is wrk's Lua script for every run: it walks a list of paths (one per
// line in the file given as its first argument), thread k of n starting at the
// offset plus k and stepping by n, so the threads share the list without
// repeating one another; it counts 503 answers and prints one line of figures.
const walkScript = `
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  step = tonumber(args[2])
  pos = (tonumber(args[3]) + id) % #paths
  unavailable = 0
end
function request()
  local p = paths[pos + 1]
  pos = (pos + step) % #paths
  return wrk.format("GET", p)
end
function response(status)
  if status == 503 then unavailable = unavailable + 1 end
end
function done(summary, latency)
  local shed = 0
  for _, t in ipairs(threads) do shed = shed + t:get("unavailable") end
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout, shed))
end
`

// wrkRunner runs wrk with the walk script.
type wrkRunner struct {
	bin, script, dir string
	threads          int
	lists            map[*string]string // path list files, by the list (its first element's address)
}

func newWrk(dir string, threads int) (*wrkRunner, error) {
	bin, err := exec.LookPath("wrk")
	if err != nil {
		return nil, errors.New("the load harness measures with wrk: install it (Debian's package wrk)")
	}
	script := filepath.Join(dir, "walk.lua")
	if err := os.WriteFile(script, []byte(walkScript), 0o644); err != nil {
		return nil, err
	}
	return &wrkRunner{bin: bin, script: script, dir: dir, threads: threads, lists: map[*string]string{}}, nil
}

// figures are one wrk run's.
type figures struct {
	rps      float64
	p50, p99 time.Duration
	errors   int64 // failed connections and statuses above 399
	shed     int64 // 503 answers, counted in errors too
	requests int64
}

// list writes paths to a file for the script, once per list.
func (w *wrkRunner) list(paths []string) (string, error) {
	key := &paths[0] // each row keeps its own slice for the whole run
	if f, ok := w.lists[key]; ok {
		return f, nil
	}
	f := filepath.Join(w.dir, fmt.Sprintf("paths-%d.txt", len(w.lists)))
	if err := os.WriteFile(f, []byte(strings.Join(paths, "\n")+"\n"), 0o644); err != nil {
		return "", err
	}
	w.lists[key] = f
	return f, nil
}

// run loads base with conns connections for d, walking paths from offset. With
// until set, it stops early once until reports true (polled every 100 ms).
func (w *wrkRunner) run(base string, paths []string, offset, conns int, d time.Duration, until func() bool) (figures, error) {
	file, err := w.list(paths)
	if err != nil {
		return figures{}, err
	}
	threads := min(w.threads, conns)
	cmd := exec.Command(w.bin, "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", fmt.Sprintf("%ds", int(d.Seconds())),
		"--timeout", "10s", "-s", w.script, base, "--", file, strconv.Itoa(threads), strconv.Itoa(offset))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return figures{}, err
	}
	if until != nil {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
					if until() {
						_ = cmd.Process.Signal(syscall.SIGINT) // wrk reports what it did so far
						return
					}
				}
			}
		}()
	}
	if err := cmd.Wait(); err != nil {
		return figures{}, fmt.Errorf("wrk %s: %v: %s", strings.Join(cmd.Args[1:], " "), err, out.String())
	}
	return parseWrk(out.String())
}

// parseWrk reads the script's line of figures.
func parseWrk(out string) (figures, error) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var requests, duration, p50, p99, errs, shed int64
		if _, err := fmt.Sscanf(sc.Text(), "WRK %d %d %d %d %d %d", &requests, &duration, &p50, &p99, &errs, &shed); err == nil {
			return figures{rps: float64(requests) / (float64(duration) / 1e6), p50: time.Duration(p50) * time.Microsecond,
				p99: time.Duration(p99) * time.Microsecond, errors: errs, shed: shed, requests: requests}, nil
		}
	}
	return figures{}, fmt.Errorf("wrk printed no figures: %s", out)
}
