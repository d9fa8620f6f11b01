package public

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// renderGate bounds the renders of uncached pages. A crawler walking the archive
// with many connections would otherwise start a render per connection, each holding
// its page, its rows and a database connection, and queue the rest behind the pool
// without end. A few renders run at once, a few more wait their turn for a while;
// past that a request is told to come back (503 with Retry-After) at once, while
// cached pages are served as ever.
type renderGate struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxWait  int64
	patience time.Duration
}

// retryAfter is what a shed request is told, in seconds.
const retryAfter = 2

func newRenderGate(renders, waiting int, patience time.Duration) *renderGate {
	return &renderGate{slots: make(chan struct{}, renders), maxWait: int64(waiting), patience: patience}
}

// enter takes a render slot, waiting for one only while few others wait, and for at
// most the gate's patience. It reports whether the render may go ahead; if it does,
// leave must follow.
func (g *renderGate) enter(ctx context.Context) bool {
	select {
	case g.slots <- struct{}{}:
		return true
	default:
	}
	if g.waiting.Add(1) > g.maxWait {
		g.waiting.Add(-1)
		return false
	}
	defer g.waiting.Add(-1)
	timer := time.NewTimer(g.patience)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
		return true
	case <-timer.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (g *renderGate) leave() { <-g.slots }

// shed answers a request the gate turned away.
func shed(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(retryAfter))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write([]byte("The server is busy rendering other pages; please try again in a moment.\n"))
}

// gated runs next through the render gate, if the server has one.
func (s *Server) gated(next http.Handler) http.Handler {
	if s.gate == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.gate.enter(r.Context()) {
			shed(w)
			return
		}
		defer s.gate.leave()
		next.ServeHTTP(w, r)
	})
}
