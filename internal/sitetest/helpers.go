package sitetest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"dateline/internal/desk"
	"dateline/internal/ingest"
	"dateline/internal/story"
)

// StoryBySlug reads a story from the store.
func (s *Site) StoryBySlug(slug string) story.Story {
	s.T.Helper()
	st, err := s.Store.StoryBySlug(context.Background(), slug)
	if err != nil {
		s.T.Fatal(err)
	}
	return st
}

// PublicPath is a story's public address on the demo site.
func (s *Site) PublicPath(st story.Story) string {
	loc, _ := time.LoadLocation("America/New_York")
	for _, sec := range s.Demo.Sections {
		if sec.ID == st.SectionID {
			path := sec.Slug
			if sec.ParentID != 0 {
				path = "world/" + sec.Slug
			}
			return st.Path(path, loc)
		}
	}
	return ""
}

// Content fetches a path with no cookies (the Content API, a public page).
func (s *Site) Content(path string) (int, http.Header, string) {
	s.T.Helper()
	resp, err := http.Get(s.HTTP.URL + path)
	if err != nil {
		s.T.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.T.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

// Ingester is the server's wire ingester for the test site, on its clock.
func (s *Site) Ingester() *ingest.Ingester {
	return &ingest.Ingester{Store: s.Store, Withdraw: &desk.Desk{Store: s.Store, Now: s.Clock.Now}, Now: s.Clock.Now}
}

// IngestFile ingests one agency file, which must succeed.
func (s *Site) IngestFile(path string) ingest.Report {
	s.T.Helper()
	reports := s.Ingester().File(context.Background(), path, ingest.ChannelCommandLine)
	if len(reports) != 1 || reports[0].Err != nil {
		s.T.Fatalf("ingest %s: %v", path, reports)
	}
	return reports[0]
}

var storyLocation = regexp.MustCompile(`^/newsroom/stories/(\d+)\?`)

// UseWire presses "Use as a draft" or "Publish as is" and returns the new story's
// editor path.
func UseWire(t testing.TB, b *Browser, entryID int64, mode string) string {
	t.Helper()
	form := url.Values{"section": {"world"}, "mode": {mode}, "confirm": {"1"}} // publishing as is asks first: this is the answer
	status, h, body := b.Post(fmt.Sprintf("/newsroom/wire/%d/use", entryID), form)
	m := storyLocation.FindStringSubmatch(h.Get("Location"))
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("use wire item as %s: %d %s %.300s", mode, status, h.Get("Location"), body)
	}
	return "/newsroom/stories/" + m[1]
}

// MultipartPhoto is a multipart form with fields and, when given, a file.
func MultipartPhoto(t testing.TB, fields map[string]string, file []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != nil {
		fw, err := w.CreateFormFile("file", "photo.bin")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(file); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &buf
}

// LockedBuffer is a buffer safe to read while a server writes its log to it.
type LockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *LockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// PublicLink finds the editor's link to a story's public page.
var PublicLink = regexp.MustCompile(`<a href="([^"]+)">View the public page</a>`)
