package web

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"sync/atomic"
)

type requestIDKey struct{}

// RequestID is the ID of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// wellFormedID is what an ID from a proxy may look like: short, and nothing a log
// line or a page could misread.
var wellFormedID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Proxies is the site's list of trusted proxies, kept in memory so the hot path reads
// no settings; it is replaced when the settings change.
type Proxies struct {
	list atomic.Pointer[[]netip.Prefix]
}

// Set replaces the list.
func (p *Proxies) Set(list []netip.Prefix) { p.list.Store(&list) }

// Trusted reports whether the request came straight from a trusted proxy.
func (p *Proxies) Trusted(r *http.Request) bool {
	list := p.list.Load()
	if list == nil {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	peer, err := netip.ParseAddr(host)
	return err == nil && isTrusted(peer.Unmap(), *list)
}

// RequestIDs gives every request an ID: the X-Request-ID a trusted proxy sent, when
// well formed, or a new random one. It is in the request's context (every log line
// of the request carries it, see LogContext), in the X-Request-ID response header,
// and on error pages, so a reader's report can be matched to the log.
func RequestIDs(proxies *Proxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id == "" || !wellFormedID.MatchString(id) || !proxies.Trusted(r) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// LogContext adds the request ID of a record's context to every log line.
type LogContext struct{ slog.Handler }

// Handle adds request_id when the context has one.
func (h LogContext) Handle(ctx context.Context, rec slog.Record) error {
	if id := RequestID(ctx); id != "" {
		rec.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, rec)
}

// WithAttrs keeps the wrapper on derived handlers.
func (h LogContext) WithAttrs(attrs []slog.Attr) slog.Handler {
	return LogContext{h.Handler.WithAttrs(attrs)}
}

// WithGroup keeps the wrapper on derived handlers.
func (h LogContext) WithGroup(name string) slog.Handler { return LogContext{h.Handler.WithGroup(name)} }

// Request IDs are this process's random prefix and a counter: unique across nodes
// and restarts without reading random bytes on every request (the hot path of a
// cached page). They are for matching reports to logs, not secrets.
var (
	requestIDPrefix = func() uint32 {
		var b [4]byte
		rand.Read(b[:]) // never fails (crypto/rand)
		return binary.BigEndian.Uint32(b[:])
	}()
	requestIDCount atomic.Uint32
)

func newRequestID() string {
	var b [8]byte
	binary.BigEndian.PutUint32(b[:4], requestIDPrefix)
	binary.BigEndian.PutUint32(b[4:], requestIDCount.Add(1))
	return hex.EncodeToString(b[:])
}
