package wire

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// parseStatus reads ninjs's pubstatus and NewsML-G2's stat: codes alike.
func parseStatus(s string) (Status, error) {
	switch strings.ToLower(s) {
	case "", "usable":
		return StatusUsable, nil
	case "withheld":
		return StatusWithheld, nil
	case "canceled", "cancelled":
		return StatusCanceled, nil
	}
	return "", fmt.Errorf("unknown pubstatus %q (want usable, withheld or canceled)", s)
}

func when(v any, field string) (time.Time, error) {
	s := str(v)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not a date and time (RFC 3339)", field, s)
	}
	return t, nil
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// clean folds the runs of spaces and line breaks XML indentation leaves in text.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sortRenditions puts the largest first: the one to use as a lead image.
func sortRenditions(rs []Rendition) {
	slices.SortStableFunc(rs, func(a, b Rendition) int { return cmp.Compare(b.Width*b.Height, a.Width*a.Height) })
}
