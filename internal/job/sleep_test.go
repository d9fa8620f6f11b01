package job

import (
	"testing"
	"time"
)

func TestSleepUntilTheNextEmbargo(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		next time.Time
		ok   bool
		want time.Duration
	}{
		{now.Add(250 * time.Millisecond), true, 250 * time.Millisecond},
		{now.Add(-time.Second), true, 0},            // overdue: at once
		{now.Add(3 * time.Hour), true, time.Minute}, // far off: look again within the interval
		{time.Time{}, false, time.Minute},           // nothing scheduled
	} {
		if got := sleepUntil(now, c.next, c.ok, time.Minute); got != c.want {
			t.Errorf("next %v (%v): sleep %v, want %v", c.next, c.ok, got, c.want)
		}
	}
}
