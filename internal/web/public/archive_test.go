package public_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestArchivesAReaderCanWalk: day, month and year archives list their stories and
// link to the nearest earlier and later periods that have some; an empty or
// impossible period is a 404; the story page links its day, its topics, and a
// subsection front its section.
func TestArchivesAReaderCanWalk(t *testing.T) {
	eachEngine(t, func(t *testing.T, s *site) {
		ferries := s.demo.Stories["ferries"]
		loc, _ := time.LoadLocation("America/New_York")
		day := ferries.PublishedAt.In(loc)
		for _, path := range []string{day.Format("/2006/01/02/"), day.Format("/2006/01/"), day.Format("/2006/")} {
			status, _, body := s.get(path)
			if status != http.StatusOK || !strings.Contains(body, ferries.Headline) {
				t.Fatalf("%s: %d, want the ferry story", path, status)
			}
		}
		// The demo's stories span several days: the newest day links to an earlier one
		// and the earliest to a later one, skipping empty days.
		_, _, body := s.get(day.Format("/2006/01/02/"))
		if !strings.Contains(body, `class="archive-nav"`) || !strings.Contains(body, `rel="prev"`) {
			t.Fatalf("the day archive links to no earlier day with stories")
		}
		for _, path := range []string{"/9999/01/01/", "/1999/", "/1999/12/", "/2026/13/", "/0000/", "/2026/00/", "/2026/1/"} {
			if status, _, _ := s.get(path); status != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, status)
			}
		}
		_, _, page := s.get(s.storyPath("ferries"))
		if !strings.Contains(page, `<a href="`+day.Format("/2006/01/02/")+`"><time`) {
			t.Error("the story's date does not link to its day")
		}
		if !strings.Contains(page, `<a href="/topics/transport/">Transport</a>`) {
			t.Error("the story page does not link its topics")
		}
		_, _, asia := s.get("/world/asia/")
		if !strings.Contains(asia, `Part of <a href="/world/">World</a>.`) {
			t.Error("a subsection front does not link its section")
		}
	})
}
