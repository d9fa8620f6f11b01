package letters

import (
	"slices"
	"testing"
	"time"
)

func TestCheckForm(t *testing.T) {
	for _, c := range []struct {
		age     time.Duration
		valid   bool
		minFill time.Duration
		want    error
	}{
		{10 * time.Second, true, 3 * time.Second, nil},
		{time.Second, true, 3 * time.Second, ErrTooQuick},
		{time.Second, true, -1, nil}, // no minimum (tests, imports)
		{25 * time.Hour, true, 3 * time.Second, ErrFormExpired},
		{10 * time.Second, false, 3 * time.Second, ErrFormExpired}, // not our token
		{MaxFormAge, true, 3 * time.Second, nil},
	} {
		if got := CheckForm(c.age, c.valid, c.minFill); got != c.want {
			t.Errorf("CheckForm(%v, %v, %v) = %v, want %v", c.age, c.valid, c.minFill, got, c.want)
		}
	}
}

func TestCommentsOpen(t *testing.T) {
	published := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		open      bool
		closeDays int
		now       time.Time
		want      bool
	}{
		{true, 0, published.AddDate(5, 0, 0), true},
		{false, 0, published, false},
		{true, 7, published.AddDate(0, 0, 6), true},
		{true, 7, published.AddDate(0, 0, 7), false},
		{false, 7, published.AddDate(0, 0, 1), false},
	} {
		if got := CommentsOpen(c.open, published, c.closeDays, c.now); got != c.want {
			t.Errorf("CommentsOpen(%v, %d days, %v) = %v, want %v", c.open, c.closeDays, c.now, got, c.want)
		}
	}
}

func TestKindsFor(t *testing.T) {
	for _, c := range []struct {
		story, open bool
		want        []Kind
	}{
		{false, false, []Kind{KindPrivate, KindTip}},
		{false, true, []Kind{KindPrivate, KindTip}}, // no story, no comment
		{true, false, []Kind{KindPrivate, KindCorrection, KindTip}},
		{true, true, []Kind{KindComment, KindPrivate, KindCorrection, KindTip}},
	} {
		if got := KindsFor(c.story, c.open); !slices.Equal(got, c.want) {
			t.Errorf("KindsFor(%v, %v) = %v, want %v", c.story, c.open, got, c.want)
		}
	}
}

func TestInitialState(t *testing.T) {
	blocked := []string{"casino", "крипто"}
	for _, c := range []struct {
		name string
		m    Message
		p    Policy
		want State
	}{
		{"premoderated comment waits", Message{Kind: KindComment, Text: "Good piece."}, Policy{Premoderated: true}, StatePending},
		{"open comment is published", Message{Kind: KindComment, Text: "Good piece."}, Policy{}, StatePublished},
		{"a letter always waits", Message{Kind: KindPrivate, Text: "To the editor."}, Policy{}, StatePending},
		{"a correction always waits", Message{Kind: KindCorrection, Text: "Wrong date."}, Policy{}, StatePending},
		{"blocked word in the text", Message{Kind: KindComment, Text: "Best CASINO bonus"}, Policy{Blocked: blocked}, StateSpam},
		{"blocked word in the name", Message{Kind: KindPrivate, Name: "casino king", Text: "Hi"}, Policy{Blocked: blocked}, StateSpam},
		{"blocked word in the place", Message{Kind: KindTip, Place: "Casino town", Text: "Hi"}, Policy{Blocked: blocked}, StateSpam},
		{"blocked word in another script", Message{Kind: KindComment, Text: "Лучшее КРИПТО"}, Policy{Blocked: blocked}, StateSpam},
		{"no blocked words", Message{Kind: KindComment, Text: "Casual reader"}, Policy{Blocked: []string{"casino"}}, StatePublished},
	} {
		if got := InitialState(c.m, c.p); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
