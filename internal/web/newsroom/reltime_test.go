package newsroom

import (
	"testing"
	"time"
)

func TestRelativeTimes(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		-10 * time.Second: "just now", -4 * time.Minute: "4 min ago", -59 * time.Minute: "59 min ago", -3 * time.Hour: "3 h ago",
		-47 * time.Hour: "47 h ago", -72 * time.Hour: "3 days ago", -40 * 24 * time.Hour: "",
		30 * time.Second: "in under a minute", 12 * time.Hour: "in 12 h", 25 * time.Minute: "in 25 min",
	} {
		if got := relative(now.Add(d), now); got != want {
			t.Errorf("%v from now: %q, want %q", d, got, want)
		}
	}
}
