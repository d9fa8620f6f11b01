package main

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
)

// baselines serve the story page's very bytes without Dateline: a minimal net/http
// handler writing them from memory, and Go's file server reading them from a file.
type baselines struct {
	minimalURL, filesURL string
	servers              []*http.Server
}

func (b *baselines) minimal() string { return b.minimalURL }
func (b *baselines) files() string   { return b.filesURL }

func (b *baselines) close() {
	for _, s := range b.servers {
		_ = s.Close()
	}
}

// startBaselines fetches the page at u and serves it at /story.html both ways.
func startBaselines(c *http.Client, u, dir string) (*baselines, error) {
	page, err := fetch(c, u)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "story.html"), page, 0o644); err != nil {
		return nil, err
	}
	length := strconv.Itoa(len(page))
	minimal := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", length)
		_, _ = w.Write(page)
	})
	b := &baselines{}
	for _, h := range []http.Handler{minimal, http.FileServer(http.Dir(dir))} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.close()
			return nil, err
		}
		s := &http.Server{Handler: h}
		go func() { _ = s.Serve(ln) }() // ends with close
		b.servers = append(b.servers, s)
		if b.minimalURL == "" {
			b.minimalURL = "http://" + ln.Addr().String() + "/"
		} else {
			b.filesURL = "http://" + ln.Addr().String() + "/"
		}
	}
	return b, nil
}
