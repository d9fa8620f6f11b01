package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// server is a dateline serving the archive in a child process.
type server struct {
	cmd       *exec.Cmd
	site, ops string // the site's and the metrics' addresses; ops is "" when not asked for
}

// startServer runs bin's serve command on the data directory and waits for it to
// say where it serves.
func startServer(bin []string, data string, metrics bool) (*server, error) {
	args := append(append([]string(nil), bin[1:]...), "serve", "--data", data, "--addr", "127.0.0.1:0")
	if metrics {
		args = append(args, "--metrics-addr", "127.0.0.1:0")
	}
	cmd := exec.Command(bin[0], args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	if s.site, s.ops, err = readURLs(stdout, metrics); err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	return s, nil
}

func (s *server) stop() { _ = s.cmd.Process.Kill(); _ = s.cmd.Wait() }

// memory reads the server's resident memory and its peak from /proc, in bytes.
func (s *server) memory() (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, _ := strings.Cut(line, ":")
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak
}

// readURLs reads the site and metrics addresses the server prints.
func readURLs(r io.Reader, metrics bool) (site, ops string, err error) {
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
		if site != "" && (ops != "" || !metrics) {
			go func() { _, _ = io.Copy(io.Discard, r) }() // keep the child's output flowing
			return site, ops, nil
		}
	}
	return "", "", errors.New("the server did not start")
}

// buildPrevious builds cmd/dateline at a commit of this repository's history into
// the data directory, once per commit.
func buildPrevious(commit, data string) (string, error) {
	out, err := exec.Command("git", "rev-parse", "--short", commit).Output()
	if err != nil {
		return "", fmt.Errorf("the previous release %q is not in this repository's history: %w", commit, err)
	}
	short := strings.TrimSpace(string(out))
	bin := filepath.Join(data, "dateline-"+short)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	src, err := os.MkdirTemp("", "dateline-previous")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(src)
	if out, err := exec.Command("git", "worktree", "add", "--detach", src, short).CombinedOutput(); err != nil {
		return "", fmt.Errorf("checking out %s: %v %s", short, err, out)
	}
	defer func() { _ = exec.Command("git", "worktree", "remove", "--force", src).Run() }()
	build := exec.Command("go", "build", "-o", bin, "./cmd/dateline")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %v %s", short, err, out)
	}
	return bin, nil
}
