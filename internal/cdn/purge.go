// Package cdn asks a CDN to drop cached pages when what they show changes.
package cdn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Purger POSTs the changed tags (surrogate keys) to a purge endpoint: a CDN's API or
// a small adapter in front of it. The body is {"tags": [...]}; the tags also go in a
// Surrogate-Key header, and a token, if set, as a bearer token.
type Purger struct {
	URL    string
	Token  string
	Client *http.Client
}

// FromEnv reads DATELINE_PURGE_URL and DATELINE_PURGE_TOKEN; nil when no URL is set.
func FromEnv(getenv func(string) string) *Purger {
	u := getenv("DATELINE_PURGE_URL")
	if u == "" {
		return nil
	}
	return &Purger{URL: u, Token: getenv("DATELINE_PURGE_TOKEN"), Client: &http.Client{Timeout: 10 * time.Second}}
}

// Send asks the CDN to drop the pages carrying the tags. id names the purge across
// retries (the outbox event's id), sent as an Idempotency-Key for CDNs that honour
// one; the outbox retries a failed purge with growing delays.
func (p *Purger) Send(ctx context.Context, id int64, tags []string) error {
	body, _ := json.Marshal(map[string][]string{"tags": tags})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Surrogate-Key", strings.Join(tags, " "))
	req.Header.Set("Idempotency-Key", "dateline-purge-"+strconv.FormatInt(id, 10))
	if p.Token != "" {
		req.Header.Set("Authorization", "Bearer "+p.Token)
	}
	resp, err := p.Client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("purge endpoint answered %s", resp.Status)
	}
	return nil
}
