package settings

import (
	"errors"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://news.example":       "https://news.example",
		"https://news.example/":      "https://news.example",
		"\thttp://127.0.0.1:8080\n":  "http://127.0.0.1:8080", // pasted with whitespace
		"https://NEWS.example:8443/": "https://NEWS.example:8443",
	} {
		if got, err := ParseBaseURL(in); err != nil || got != want {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"news.example", "ftp://news.example", "https://", "https://news.example/news",
		"https://news.example/?x=1", "https://user:pw@news.example", "//news.example", ""} {
		if _, err := ParseBaseURL(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseBaseURL(%q) accepted", in)
		}
	}
}

func TestAddressWarning(t *testing.T) {
	for _, c := range []struct {
		base, served, proxies string
		warn                  bool
	}{
		{"http://localhost:8080", "http://localhost:8080", "", false},
		{"http://localhost:8080", "http://127.0.0.1:8080", "", false}, // both loopback
		{"http://localhost:8080", "http://localhost:9090", "", true},  // another port
		{"https://news.example", "http://127.0.0.1:8080", "", true},
		{"https://news.example", "http://127.0.0.1:8080", "127.0.0.1", false}, // a proxy explains it
		{"https://news.example", "https://news.example:443", "", false},
	} {
		if got := AddressWarning(c.base, c.served, c.proxies); (got != "") != c.warn {
			t.Errorf("AddressWarning(%q, %q, %q) = %q", c.base, c.served, c.proxies, got)
		}
	}
}
