package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, total: 100000, live: true, start: start, now: func() time.Time { return start.Add(5 * time.Second) }}
	p.update(40000)
	got := buf.String()
	for _, want := range []string{"\r[############                  ]", " 40%", "40000/100000", "8000 stories/s", "7s left"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress line %q lacks %q", got, want)
		}
	}
	var quiet bytes.Buffer
	(&progress{w: &quiet, total: 10, now: time.Now}).update(5)
	if quiet.Len() != 0 {
		t.Error("progress printed when not on a terminal")
	}
}
