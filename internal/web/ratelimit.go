package web

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimiter allows each client a steady rate of requests with a burst, keyed by the
// client's IP address. State is per process; forgotten after an idle hour.
type RateLimiter struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	clients map[string]*client
	now     func() time.Time
}

type client struct {
	limiter *rate.Limiter
	seen    time.Time
}

// NewRateLimiter allows one request per every, with bursts of burst.
func NewRateLimiter(every time.Duration, burst int) *RateLimiter {
	return &RateLimiter{every: every, burst: burst, clients: map[string]*client{}, now: time.Now}
}

// Allow reports whether key may make a request now, and if not, how long to wait.
func (l *RateLimiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.clients) > 10000 {
		for k, c := range l.clients {
			if now.Sub(c.seen) > time.Hour {
				delete(l.clients, k)
			}
		}
	}
	c, ok := l.clients[key]
	if !ok {
		c = &client{limiter: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.clients[key] = c
	}
	c.seen = now
	r := c.limiter.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// Limit refuses a request over the rate with 429 and a Retry-After header; key
// names the client (usually its address).
func (l *RateLimiter) Limit(key func(*http.Request) string, next Handler) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		ok, wait := l.Allow(key(r))
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
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
