package ingest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Poller fetches agency feeds (RSS, Atom, or a single ninjs or NewsML-G2 document)
// on an interval. It asks with the last ETag and Last-Modified so an unchanged feed
// costs a 304, and backs off a failing feed, doubling the wait up to an hour.
type Poller struct {
	In       *Ingester
	Client   *http.Client
	Feeds    []string
	Interval time.Duration // 5 minutes when 0
	Now      func() time.Time

	mu    sync.Mutex
	state map[string]*feedState
}

type feedState struct {
	etag, modified string
	failures       int
	next           time.Time
	last           error
}

// MaxBackoff is the longest a failing feed waits between tries.
const MaxBackoff = time.Hour

// CheckFeeds refuses feed addresses that are not absolute http or https URLs.
func CheckFeeds(feeds []string) error {
	for _, f := range feeds {
		u, err := url.Parse(f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("wire feed %q is not an http or https address", f)
		}
	}
	return nil
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return 5 * time.Minute
}

// Run polls the feeds until ctx ends.
func (p *Poller) Run(ctx context.Context) {
	for {
		wait := p.PollDue(ctx)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// PollDue polls every feed whose time has come and returns how long until the next.
func (p *Poller) PollDue(ctx context.Context) time.Duration {
	now := p.Now()
	next := now.Add(p.interval())
	for _, feed := range p.Feeds {
		if !p.nextTry(feed).After(now) {
			p.Poll(ctx, feed)
		}
		if t := p.nextTry(feed); t.Before(next) {
			next = t
		}
	}
	return max(next.Sub(p.Now()), time.Second)
}

func (p *Poller) nextTry(feed string) time.Time {
	st := p.feed(feed)
	p.mu.Lock()
	defer p.mu.Unlock()
	return st.next
}

func (p *Poller) feed(u string) *feedState {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state == nil {
		p.state = map[string]*feedState{}
	}
	if p.state[u] == nil {
		p.state[u] = &feedState{}
	}
	return p.state[u]
}

// Poll fetches one feed now and ingests what it carries.
func (p *Poller) Poll(ctx context.Context, feed string) []Report {
	st := p.feed(feed)
	p.mu.Lock()
	asked := *st
	p.mu.Unlock()
	reports, etag, modified, err := p.fetch(ctx, feed, asked)
	now := p.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	st.last = err
	if err != nil {
		st.failures++
		wait := p.interval() << min(st.failures, 16)
		st.next = now.Add(min(wait, MaxBackoff))
		if p.In.Log != nil {
			p.In.Log.Warn("wire feed failed", "feed", redacted(feed), "err", err, "failures", st.failures, "next", st.next)
		}
		return []Report{{Source: redacted(feed), Err: err}}
	}
	st.failures, st.next = 0, now.Add(p.interval())
	if etag != "" || modified != "" {
		st.etag, st.modified = etag, modified
	}
	return reports
}

// fetch asks for the feed and ingests it, returning the validators to ask with next.
func (p *Poller) fetch(ctx context.Context, feed string, st feedState) (reports []Report, etag, modified string, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed, nil)
	if err != nil {
		return nil, "", "", err
	}
	req.Header.Set("User-Agent", "Dateline wire ingest")
	if st.etag != "" {
		req.Header.Set("If-None-Match", st.etag)
	}
	if st.modified != "" {
		req.Header.Set("If-Modified-Since", st.modified)
	}
	resp, err := p.Client.Do(req)
	if err != nil {
		return nil, "", "", err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, "", "", nil
	case resp.StatusCode != http.StatusOK:
		return nil, "", "", fmt.Errorf("the feed answered %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, p.In.maxBytes()+1))
	if err != nil {
		return nil, "", "", fmt.Errorf("reading the feed: %w", err)
	}
	if int64(len(data)) > p.In.maxBytes() {
		return nil, "", "", p.In.tooBig(int64(len(data)))
	}
	return p.In.Data(ctx, redacted(feed), redacted(feed), data), resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"), nil
}

// Status is a feed's state for the newsroom: last error and when it is tried next.
type Status struct {
	Feed     string
	Failures int
	Next     time.Time
	LastErr  string
}

// Statuses lists the feeds' states.
func (p *Poller) Statuses() []Status {
	var out []Status
	for _, f := range p.Feeds {
		st := p.feed(f)
		p.mu.Lock()
		s := Status{Feed: redacted(f), Failures: st.failures, Next: st.next}
		if st.last != nil {
			s.LastErr = st.last.Error()
		}
		p.mu.Unlock()
		out = append(out, s)
	}
	return out
}

// redacted hides a password in a feed address so it can be logged and shown.
func redacted(feed string) string {
	u, err := url.Parse(feed)
	if err != nil {
		return strings.SplitN(feed, "?", 2)[0]
	}
	return u.Redacted()
}
