package web

import (
	"context"
	"crypto/rand"
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
			b := make([]byte, 8)
			rand.Read(b) // never fails (crypto/rand)
			id = hex.EncodeToString(b)
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
