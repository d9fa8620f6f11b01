package web

import (
	"crypto/tls"
	"net/http/httptest"
	"testing"

	"dateline/internal/settings"
)

func TestClientIP(t *testing.T) {
	proxies, err := settings.ParseProxies("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		remote, xff, want string
	}{
		{"198.51.100.4:5000", "203.0.113.1", "198.51.100.4"},               // untrusted peer: header ignored
		{"192.0.2.7:5000", "203.0.113.1", "203.0.113.1"},                   // trusted proxy
		{"10.1.2.3:5000", "203.0.113.1, 10.9.9.9", "203.0.113.1"},          // chain of trusted proxies
		{"10.1.2.3:5000", "6.6.6.6, 203.0.113.1, 10.9.9.9", "203.0.113.1"}, // a spoofed left part is not believed
		{"10.1.2.3:5000", "", "10.1.2.3"},                                  // no header
		{"10.1.2.3:5000", "garbage", "10.1.2.3"},                           // unparsable header
		{"[2001:db8::1]:5000", "203.0.113.1", "2001:db8::1"},               // IPv6 untrusted peer
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.remote
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := ClientIP(r, proxies); got != c.want {
			t.Errorf("remote %s, XFF %q: %s, want %s", c.remote, c.xff, got, c.want)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "198.51.100.4:5000"
	r.Header.Set("X-Forwarded-Proto", "https")
	if IsTLS(r, proxies) {
		t.Error("an untrusted peer's X-Forwarded-Proto was believed")
	}
	r.RemoteAddr = "192.0.2.7:5000"
	if !IsTLS(r, proxies) {
		t.Error("a trusted proxy's X-Forwarded-Proto was ignored")
	}
	r.TLS = &tls.ConnectionState{}
	r.RemoteAddr = "198.51.100.4:5000"
	if !IsTLS(r, nil) {
		t.Error("a direct TLS connection is not TLS")
	}
	if _, err := settings.ParseProxies("10.0.0.0/8, not-an-ip"); err == nil {
		t.Error("a bad proxy entry was accepted")
	}
}
