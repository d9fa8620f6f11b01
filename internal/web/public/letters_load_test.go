package public_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/internal/letters"
	"dateline/internal/settings"
)

// TestLettersLoad posts reader messages from many concurrent clients and checks that
// every acknowledged message is stored exactly once. The posts come through the
// trusted proxy with X-Forwarded-For spread over many addresses, so it measures the
// write path rather than the limits. It is bounded in count and time, stays on
// loopback, and runs only with DATELINE_LOAD_TEST=1 (CI sets it); the figures go to
// BENCHMARKS.md.
func TestLettersLoad(t *testing.T) {
	if os.Getenv("DATELINE_LOAD_TEST") != "1" {
		t.Skip("load test: set DATELINE_LOAD_TEST=1 to run it")
	}
	const (
		clients  = 32
		messages = 2000
		limit    = 90 * time.Second
	)
	eachEngine(t, func(t *testing.T, s *site) {
		s.setSite(t, func(site *settings.Site) { site.TrustedProxies = "127.0.0.1" })
		_, _, page := s.get("/contact/")
		token := startedField.FindStringSubmatch(page)[1]
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		defer cancel()

		var mu sync.Mutex
		var acked []string
		var latencies []time.Duration
		failures := 0
		next := make(chan int)
		go func() {
			defer close(next)
			for i := range messages {
				select {
				case next <- i:
				case <-ctx.Done():
					return
				}
			}
		}()
		start := time.Now()
		var wg sync.WaitGroup
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					text := "load message " + strconv.Itoa(i)
					form := url.Values{"story": {"0"}, "kind": {"private"}, "name": {"Load " + strconv.Itoa(i)},
						"email": {"load@example.com"}, "text": {text}, "started": {token}}
					req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.http.URL+"/letters/", strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Sec-Fetch-Site", "same-origin")
					req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
					t0 := time.Now()
					resp, err := client.Do(req)
					took := time.Since(t0)
					if err == nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
					mu.Lock()
					if err == nil && resp.StatusCode == http.StatusOK {
						acked = append(acked, text)
						latencies = append(latencies, took)
					} else {
						failures++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		if failures > 0 || len(acked) != messages {
			t.Fatalf("%d of %d messages acknowledged, %d failed (within %s)", len(acked), messages, failures, limit)
		}
		stored, total, err := s.store.Messages(context.Background(), letters.Query{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for offset := 0; offset < total; offset += 500 {
			if offset > 0 {
				if stored, _, err = s.store.Messages(context.Background(), letters.Query{Limit: 500, Offset: offset}); err != nil {
					t.Fatal(err)
				}
			}
			for _, m := range stored {
				if strings.HasPrefix(m.Text, "load message ") {
					counts[m.Text]++
				}
			}
		}
		for _, text := range acked {
			if counts[text] != 1 {
				t.Fatalf("%q stored %d times, want exactly once", text, counts[text])
			}
		}
		if len(counts) != len(acked) {
			t.Fatalf("%d load messages stored, %d acknowledged", len(counts), len(acked))
		}
		slices.Sort(latencies)
		p := func(q float64) time.Duration { return latencies[int(q*float64(len(latencies)-1))] }
		t.Logf("LOAD %s: %d messages from %d clients in %s: %.0f posts/s, p50 %s, p99 %s",
			t.Name(), messages, clients, elapsed.Round(time.Millisecond), float64(messages)/elapsed.Seconds(),
			p(0.50).Round(time.Microsecond), p(0.99).Round(time.Microsecond))
	})
}
