package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/portcheck/portcheck/pipeline"
)

// RequestIDHeader carries a request's id: the client's when it sent a
// sane one, else one made here; it is returned on every answer and is in
// the request's access log line, so a client's report of a failure can
// be found in the logs.
const RequestIDHeader = "X-Request-Id"

type requestIDKey struct{}

// RequestID is the id of the request ctx belongs to, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// observe wraps the whole API: request id, one access log line per
// request (JSON through the service's slog logger, duration in
// seconds) and the request metrics by route pattern, never by path,
// which holds order ids.
func (s *server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get(RequestIDHeader)
		if !saneRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		rec := &statusRecorder{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		next.ServeHTTP(rec, r) // the mux sets r.Pattern on this same request
		d := time.Since(start)
		route := routeOf(r)
		s.Metrics.Request(r.Method, route, rec.code(), d)
		level := slog.LevelInfo
		switch {
		case rec.code() >= 500:
			level = slog.LevelWarn
		case route == "/healthz" || route == "/metrics" || route == "/readyz":
			level = slog.LevelDebug // probes and scrapes every few seconds
		}
		s.Log.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", id), slog.String("method", r.Method), slog.String("route", route),
			slog.String("path", pipeline.Scrub(r.URL.Path)), slog.Int("status", rec.code()),
			slog.Int64("bytes", rec.bytes), slog.Float64("duration_seconds", d.Seconds()),
			slog.String("remote", r.RemoteAddr))
	})
}

// routeOf is the pattern the request matched without its method
// ("/v1/orders/{id}"), or "unmatched" for a 404 or 405 of the mux.
func routeOf(r *http.Request) string {
	if r.Pattern == "" {
		return "unmatched"
	}
	if _, path, ok := strings.Cut(r.Pattern, " "); ok {
		return path
	}
	return r.Pattern
}

// saneRequestID accepts ids of up to 128 letters, digits and ._:- (a
// UUID, a trace id): anything else could forge log lines or headers.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("._:-", c)) {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// statusRecorder remembers the status and size of an answer.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (flushes,
// deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *statusRecorder) code() int {
	if s.status == 0 {
		return http.StatusOK // nothing written: net/http answers 200
	}
	return s.status
}
