// Package cdn asks a CDN to drop cached pages when what they show changes.
package cdn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
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
	Log    *slog.Logger
}

// FromEnv reads DATELINE_PURGE_URL and DATELINE_PURGE_TOKEN; nil when no URL is set.
func FromEnv(getenv func(string) string, log *slog.Logger) *Purger {
	u := getenv("DATELINE_PURGE_URL")
	if u == "" {
		return nil
	}
	return &Purger{URL: u, Token: getenv("DATELINE_PURGE_TOKEN"), Client: &http.Client{Timeout: 10 * time.Second}, Log: log}
}

// Purge sends the tags in the background, trying three times, so that a slow CDN
// never holds up the change that caused the purge.
func (p *Purger) Purge(tags []string) {
	tags = append([]string(nil), tags...)
	go func() {
		var err error
		for attempt := range 3 {
			if err = p.send(tags); err == nil {
				return
			}
			<-time.After(time.Duration(attempt+1) * 500 * time.Millisecond)
		}
		p.Log.Warn("CDN purge failed", "tags", strings.Join(tags, " "), "err", err)
	}()
}

func (p *Purger) send(tags []string) error {
	body, _ := json.Marshal(map[string][]string{"tags": tags})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Surrogate-Key", strings.Join(tags, " "))
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
