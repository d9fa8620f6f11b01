package siteimport

// An import's report: what it did, or would do, and every warning.

import (
	"fmt"
	"io"
	"sort"
	"sync"

	"dateline/internal/desk"
)

// Report is what an import did, or (dry run) would do.
type Report struct {
	Source   string
	Counts   map[Kind]map[desk.ImportOutcome]int
	Skipped  map[string]int // by what was skipped
	Warnings []Warning
	mu       sync.Mutex // the reader adds warnings while the filer does
}

func (r *Report) count(k Kind, o desk.ImportOutcome) {
	if r.Counts[k] == nil {
		r.Counts[k] = map[desk.ImportOutcome]int{}
	}
	r.Counts[k][o]++
}

func (r *Report) warn(w Warning) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Warnings = append(r.Warnings, w)
}

func (r *Report) skip(what string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Skipped[what] += n
}

// WarningCounts counts the warnings by code.
func (r *Report) WarningCounts() map[WarnCode]int {
	out := map[WarnCode]int{}
	for _, w := range r.Warnings {
		out[w.Code]++
	}
	return out
}

// Write prints the report: every warning, then counts per kind and per warning.
func (r *Report) Write(w io.Writer, dry bool) {
	for _, x := range r.Warnings {
		fmt.Fprintln(w, "warning:", x)
	}
	verb := "imported"
	if dry {
		verb = "would be imported (dry run: nothing was written)"
	}
	fmt.Fprintf(w, "\n%s %s:\n", r.Source, verb)
	for _, k := range []Kind{KindPerson, KindSection, KindTopic, KindMedia, KindStory, KindPage, KindMessage} {
		c := r.Counts[k]
		fmt.Fprintf(w, "  %-8s %d created, %d updated, %d unchanged, %d matched to existing, %d conflicts\n", k,
			c[desk.ImportCreated], c[desk.ImportUpdated], c[desk.ImportUnchanged], c[desk.ImportMatched], c[desk.ImportConflict])
	}
	keys := make([]string, 0, len(r.Skipped))
	for k := range r.Skipped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  skipped: %d %s\n", r.Skipped[k], k)
	}
	counts := r.WarningCounts()
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Fprintf(w, "  warnings: %d %s\n", counts[WarnCode(c)], c)
	}
}
