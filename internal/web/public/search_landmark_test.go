package public_test

import (
	"regexp"
	"testing"
)

var searchLandmark = regexp.MustCompile(`role="search"( aria-label="([^"]+)")?`)

// TestSearchLandmarksAreNamedAndUnique: every page has one search landmark, named;
// the search page's own form replaces the banner's (axe: landmark-unique).
func TestSearchLandmarksAreNamedAndUnique(t *testing.T) {
	s := newSite(t)
	for path, want := range map[string]string{"/": "Site search", "/search?q=ferries": "Search the archive", "/business/": "Site search"} {
		_, _, body := s.get(path)
		found := searchLandmark.FindAllStringSubmatch(body, -1)
		if len(found) != 1 || found[0][2] != want {
			t.Errorf("%s: search landmarks %q, want one named %q", path, found, want)
		}
	}
}
