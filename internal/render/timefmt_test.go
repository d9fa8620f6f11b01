package render

import (
	"testing"
	"time"
)

func TestPostedTime(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	hk, _ := time.LoadLocation("Asia/Hong_Kong")
	cases := []struct {
		name string
		at   time.Time
		loc  *time.Location
		want string
	}{
		{"EST evening, GMT past midnight", time.Date(1997, 1, 30, 1, 15, 0, 0, time.UTC), ny, "8:15 p.m. EST (0115 GMT)"},
		{"EDT in summer", time.Date(2026, 7, 4, 13, 5, 0, 0, time.UTC), ny, "9:05 a.m. EDT (1305 GMT)"},
		{"noon", time.Date(2026, 1, 15, 17, 0, 0, 0, time.UTC), ny, "12:00 p.m. EST (1700 GMT)"},
		{"midnight", time.Date(2026, 1, 15, 5, 0, 0, 0, time.UTC), ny, "12:00 a.m. EST (0500 GMT)"},
		{"one minute past midnight GMT", time.Date(2026, 1, 15, 0, 1, 0, 0, time.UTC), ny, "7:01 p.m. EST (0001 GMT)"},
		{"Hong Kong, GMT the day before", time.Date(2026, 3, 9, 23, 40, 0, 0, time.UTC), hk, "7:40 a.m. HKT (2340 GMT)"},
		{"Hong Kong noon", time.Date(2026, 3, 10, 4, 0, 0, 0, time.UTC), hk, "12:00 p.m. HKT (0400 GMT)"},
		{"GMT itself", time.Date(2026, 3, 10, 4, 0, 0, 0, time.UTC), time.UTC, "4:00 a.m. UTC (0400 GMT)"},
	}
	for _, c := range cases {
		if got := PostedTime(c.at, c.loc); got != c.want {
			t.Errorf("%s: PostedTime = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestPostedTimeZoneWithoutLetters(t *testing.T) {
	// Zones the database names only by offset ("+0545") print as GMT offsets.
	kathmandu, err := time.LoadLocation("Asia/Kathmandu")
	if err != nil {
		t.Skip("zone database lacks Asia/Kathmandu")
	}
	got := PostedTime(time.Date(2026, 3, 10, 4, 0, 0, 0, time.UTC), kathmandu)
	if want := "9:45 a.m. GMT+5:45 (0400 GMT)"; got != want {
		t.Fatalf("PostedTime = %q, want %q", got, want)
	}
}

func TestLongDate(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	hk, _ := time.LoadLocation("Asia/Hong_Kong")
	at := time.Date(1997, 1, 30, 1, 15, 0, 0, time.UTC)
	if got := LongDate(at, ny); got != "January 29, 1997" {
		t.Errorf("LongDate in New York = %q, want the local day January 29, 1997", got)
	}
	if got := LongDate(at, hk); got != "January 30, 1997" {
		t.Errorf("LongDate in Hong Kong = %q", got)
	}
}

func TestDateline(t *testing.T) {
	if got := Dateline(" Beijing ", "Dateline"); got != "BEIJING (Dateline) --" {
		t.Errorf("Dateline = %q", got)
	}
	if got := Dateline("", "Dateline"); got != "" {
		t.Errorf("Dateline without a city = %q, want empty", got)
	}
}
