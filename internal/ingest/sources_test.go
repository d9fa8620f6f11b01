package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/store"
	"dateline/internal/wire"
)

// Files in the drop folder are taken once they stop changing, then filed in done/
// or, with the reasons, in failed/.
func TestDropFolder(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		dir := t.TempDir()
		drop := &DropFolder{In: newIngester(s, d), Dir: dir}
		good, _ := os.ReadFile("testdata/storm-v1.json")
		write := func(name, data string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("storm.json", string(good))
		write("broken.json", `{"uri": "x",`)
		write(".partial-upload", "hidden files wait")
		if got := drop.Scan(ctx); len(got) != 0 {
			t.Fatalf("first sight of new files: %d reports, want none until they stop changing", len(got))
		}
		reports := drop.Scan(ctx)
		if len(reports) != 2 {
			t.Fatalf("second scan: %d reports", len(reports))
		}
		done, _ := filepath.Glob(filepath.Join(dir, "done", "*storm.json"))
		failed, _ := filepath.Glob(filepath.Join(dir, "failed", "*broken.json"))
		why, _ := filepath.Glob(filepath.Join(dir, "failed", "*broken.json.why.txt"))
		if len(done) != 1 || len(failed) != 1 || len(why) != 1 {
			t.Fatalf("filed: done %v, failed %v, notes %v", done, failed, why)
		}
		note, _ := os.ReadFile(why[0])
		if !strings.Contains(string(note), "not valid JSON") {
			t.Fatalf("failure note: %q", note)
		}
		if _, err := os.Stat(filepath.Join(dir, ".partial-upload")); err != nil {
			t.Fatal("a hidden file was taken")
		}
		if q, _ := s.WireEntries(ctx, wire.Filter{}); len(q) != 1 {
			t.Fatalf("queue: %d items", len(q))
		}
		if got := drop.Scan(ctx); len(got) != 0 {
			t.Fatalf("scan of an emptied folder: %+v", got)
		}
	})
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// The poller asks with the feed's validators (a 304 costs nothing), backs off a
// failing feed, doubling up to an hour, and recovers.
func TestPollerConditionalGetAndBackoff(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *store.Store, d *desk.Desk) {
		ctx := context.Background()
		feed, _ := os.ReadFile("../wire/testdata/feeds/harbour-wire.rss")
		var mu sync.Mutex
		failing, asked, notModified := false, 0, 0
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			asked++
			if failing {
				http.Error(w, "upstream down", http.StatusBadGateway)
				return
			}
			if r.Header.Get("If-None-Match") == `"v1"` {
				notModified++
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Write(feed)
		}))
		defer srv.Close()
		clk := &fakeClock{t: time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC)}
		in := newIngester(s, d)
		in.Now = clk.Now
		p := &Poller{In: in, Client: Client(true, 10*time.Second), Feeds: []string{srv.URL + "/feed"}, Interval: time.Minute, Now: clk.Now}

		if wait := p.PollDue(ctx); wait != time.Minute {
			t.Fatalf("next poll in %s", wait)
		}
		q, _ := s.WireEntries(ctx, wire.Filter{})
		if len(q) == 0 {
			t.Fatal("the feed's entries were not queued")
		}
		p.PollDue(ctx) // not due yet: no request
		clk.Add(time.Minute)
		p.PollDue(ctx)
		mu.Lock()
		if asked != 2 || notModified != 1 {
			t.Fatalf("%d requests, %d answered 304", asked, notModified)
		}
		failing = true
		mu.Unlock()

		var waits []time.Duration
		for range 8 {
			clk.Add(p.nextTry(p.Feeds[0]).Sub(clk.Now())) // to when the feed is due
			p.PollDue(ctx)
			waits = append(waits, p.nextTry(p.Feeds[0]).Sub(clk.Now()))
		}
		want := []time.Duration{
			2 * time.Minute,
			4 * time.Minute,
			8 * time.Minute,
			16 * time.Minute,
			32 * time.Minute,
			time.Hour,
			time.Hour,
			time.Hour,
		}
		for i := range want {
			if waits[i] != want[i] {
				t.Fatalf("back-off waits %v, want %v", waits, want)
			}
		}
		st := p.Statuses()[0]
		if st.Failures < 8 || !strings.Contains(st.LastErr, "502") {
			t.Fatalf("status after failures: %+v", st)
		}
		mu.Lock()
		failing = false
		mu.Unlock()
		clk.Add(time.Hour)
		p.PollDue(ctx)
		if st := p.Statuses()[0]; st.Failures != 0 || st.LastErr != "" {
			t.Fatalf("status after recovery: %+v", st)
		}
	})
}

// The feed client refuses this machine and private networks unless allowed, by
// address after name resolution.
func TestClientRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL, "http://localhost" + port, "http://[::1]" + port, "http://0.0.0.0" + port} {
		_, err := Client(false, 10*time.Second).Get(u)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: %v, want a refusal", u, err)
		}
	}
	resp, err := Client(true, 10*time.Second).Get(srv.URL)
	if err != nil {
		t.Fatalf("allowed private address: %v", err)
	}
	resp.Body.Close()

	// Redirects go only to http and https addresses (a private one is then refused at the connection, as above).
	redirect := httptest.NewServer(http.RedirectHandler("ftp://example.com/x", http.StatusFound))
	defer redirect.Close()
	if _, err := Client(true, 10*time.Second).Get(redirect.URL); err == nil || !strings.Contains(err.Error(), "redirect to a ftp") {
		t.Errorf("redirect to ftp: %v", err)
	}

	for addr, public := range map[string]bool{"8.8.8.8": true, "2001:4860:4860::8888": true, "127.0.0.1": false, "10.1.2.3": false,
		"172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false, "100.64.0.1": false, "::1": false, "fd00::1": false,
		"fe80::1": false, "::ffff:127.0.0.1": false, "0.0.0.0": false, "224.0.0.1": false, "198.18.0.1": false,
		"::127.0.0.1": false, "::10.0.0.1": false, "::ffff:10.0.0.1": false, "::ffff:169.254.169.254": false, "::": false,
		"0.1.2.3": false, "255.255.255.255": false, "192.0.2.1": false, "203.0.113.9": false, "2001:db8::1": false,
		"2002:7f00:1::1": false, "2001::1": false, "64:ff9b::7f00:1": false, "fec0::1": false, "fe80::1%eth0": false,
		"ff02::1": false, "100::1": false, "1.1.1.1": true, "::ffff:8.8.8.8": true} {
		if Public(netip.MustParseAddr(addr)) != public {
			t.Errorf("Public(%s) = %v", addr, !public)
		}
	}
	if err := CheckFeeds([]string{"file:///etc/passwd"}); err == nil {
		t.Error("a file: feed was accepted")
	}
}
