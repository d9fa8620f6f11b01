package newsroom

import "testing"

func TestSafeNextStaysInTheNewsroom(t *testing.T) {
	for next, want := range map[string]string{
		"/newsroom/fronts":               "/newsroom/fronts",
		"/newsroom/stories/4?tab=notes":  "/newsroom/stories/4?tab=notes",
		"/newsroom/letters/":             "/newsroom/letters/",
		"":                               "/newsroom/",
		"/newsroom/../\\evil.example":    "/newsroom/",
		"/newsroom/..%2f..%2f%5cevil":    "/newsroom/",
		"/newsroom/%5c%5cevil.example":   "/newsroom/",
		"/newsroom/../../admin":          "/newsroom/",
		"//evil.example/":                "/newsroom/",
		"/newsroom//evil.example":        "/newsroom/",
		"/newsroom/%2F%2Fevil.example":   "/newsroom/",
		"https://evil.example/newsroom/": "/newsroom/",
		"javascript:alert(1)":            "/newsroom/",
		"/\\evil.example":                "/newsroom/",
		"/newsroom/\tx":                  "/newsroom/",
		"/newsroom/%0d%0aSet-Cookie:x":   "/newsroom/",
		"/public/page":                   "/newsroom/",
		"newsroom/fronts":                "/newsroom/",
		"/newsroom/%zz":                  "/newsroom/",
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
}
