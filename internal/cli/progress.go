package cli

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line bar with the rate and time left. When not on a terminal
// it prints nothing, so logs and pipes stay clean.
type progress struct {
	w     io.Writer
	total int
	live  bool
	start time.Time
	now   func() time.Time
	unit  string // what is counted; "stories" when empty
}

func newProgress(w io.Writer, total int, live bool) *progress {
	return &progress{w: w, total: total, live: live, start: time.Now(), now: time.Now}
}

func (p *progress) update(done int) {
	if !p.live {
		return
	}
	fmt.Fprint(p.w, "\r"+p.line(done))
}

func (p *progress) done() {
	if p.live {
		fmt.Fprintln(p.w)
	}
}

// line renders e.g. "[#########           ]  45% 45000/100000  9812 stories/s  6s left".
func (p *progress) line(done int) string {
	const width = 30
	frac := float64(done) / float64(max(p.total, 1))
	filled := int(frac * width)
	elapsed := p.now().Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(done) / elapsed
	}
	left := "?"
	if rate > 0 {
		left = (time.Duration(float64(p.total-done)/rate) * time.Second).String()
	}
	return fmt.Sprintf("[%s%s] %3.0f%% %d/%d  %.0f %s/s  %s left ",
		strings.Repeat("#", filled), strings.Repeat(" ", width-filled), frac*100, done, p.total, rate, cmp.Or(p.unit, "stories"), left)
}
