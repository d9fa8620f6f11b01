package newsroom

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffLine is one line of a line-by-line comparison.
type diffLine struct {
	Op   string // "same", "add" or "del"
	Text string
}

// lineDiff compares two texts line by line (from → to).
func lineDiff(from, to string) []diffLine {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(from, to)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out []diffLine
	for _, d := range diffs {
		op := map[diffmatchpatch.Operation]string{diffmatchpatch.DiffEqual: "same", diffmatchpatch.DiffInsert: "add",
			diffmatchpatch.DiffDelete: "del"}[d.Type]
		for _, line := range strings.SplitAfter(d.Text, "\n") {
			if line != "" {
				out = append(out, diffLine{Op: op, Text: strings.TrimSuffix(line, "\n")})
			}
		}
	}
	return out
}
