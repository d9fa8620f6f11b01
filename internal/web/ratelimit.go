package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"dateline/internal/secret"
)

// RateStore counts requests in the database, so every node sees the same counts.
type RateStore interface {
	CountRate(ctx context.Context, key string, at, since time.Time) (int, error)
}

// RateLimiter allows each client at most Max requests per Window, counted in the
// database and so shared by every node.
type RateLimiter struct {
	Store  RateStore
	Name   string // key prefix: what is limited
	Max    int
	Window time.Duration
	Now    func() time.Time
	Keys   *secret.Keys // the client is counted under a keyed hash, never its raw address
}

// Limit refuses a request over the limit with 429 and a Retry-After header; key
// names the client (usually its address).
func (l *RateLimiter) Limit(key func(*http.Request) string, next Handler) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		now := l.Now()
		n, err := l.Store.CountRate(r.Context(), l.Keys.AddressKey(l.Name, key(r), now), now, now.Add(-l.Window))
		if err != nil {
			return err
		}
		if n > l.Max {
			w.Header().Set("Retry-After", strconv.Itoa(int(l.Window.Seconds())))
			return &Error{Status: http.StatusTooManyRequests, Public: "You are sending too many messages. Please wait a little and try again."}
		}
		return next(w, r)
	}
}

// ClientIP is the address the request came from. X-Forwarded-For is believed only
// when the connection comes from one of the trusted proxies; then the client is the
// rightmost address in it that is not itself a trusted proxy.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !isTrusted(peer.Unmap(), trusted) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if !isTrusted(a.Unmap(), trusted) {
			return a.Unmap().String()
		}
	}
	return host
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// IsTLS reports whether the client reached us over TLS, directly or through a
// trusted proxy that says so; session cookies are then marked Secure.
func IsTLS(r *http.Request, trusted []netip.Prefix) bool {
	if r.TLS != nil {
		return true
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	peer, err := netip.ParseAddr(host)
	return err == nil && isTrusted(peer.Unmap(), trusted) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
