package wire

import (
	"cmp"
	"slices"
)

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
