package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// SecurityHeaders sets the headers every response carries. The CSP allows only the
// site's own resources (the public pages use no inline script or style), and frames
// from https addresses: the only frames are the embeds a story links to, which the
// site's own script creates from links it checked, after the reader asks.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders { // keys already canonical: no per-request work
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

var securityHeaders = http.Header{
	"Content-Security-Policy": {
		"default-src 'self'; img-src 'self' data:; frame-src https:; object-src 'none'; base-uri 'self'; form-action 'self'; " +
			"frame-ancestors 'none'",
	},
	"X-Content-Type-Options": {"nosniff"},
	"Referrer-Policy":        {"strict-origin-when-cross-origin"},
	"X-Frame-Options":        {"DENY"},
}

// Recover turns a panic in a handler into a logged 500 instead of a dropped connection.
func Recover(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				http.Error(w, "internal error (reference "+RequestID(r.Context())+")", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

// AccessLog logs one line per request at debug level (info for server errors).
func AccessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		logRequest(r.Context(), log, r, rec, time.Since(start))
	})
}

func logRequest(ctx context.Context, log *slog.Logger, r *http.Request, rec *statusRecorder, took time.Duration) {
	level := slog.LevelDebug
	if rec.status >= 500 {
		level = slog.LevelWarn
	}
	if log.Enabled(ctx, level) {
		log.Log(ctx, level, "request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "bytes", rec.bytes, "duration", took)
	}
}
