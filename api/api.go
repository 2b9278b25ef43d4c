package api

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/review"
	"github.com/portcheck/portcheck/throttle"
	"github.com/portcheck/portcheck/workers"
)

// Config wires the API.
type Config struct {
	Records records.Records
	Queue   workers.Enqueuer // asynq.ErrTaskIDConflict: the same task is queued already
	Keys    Keys
	Log     *slog.Logger
	Metrics *workers.Metrics
	// MaxUpload bounds an upload; default the largest document limit of
	// any built-in profile.
	MaxUpload int64
	// SecureCookies marks the reviewer UI's session cookie Secure on
	// plain HTTP too: for a service behind a TLS-terminating proxy.
	SecureCookies bool
	// Guard bounds wrong API keys per client, here and at the reviewer
	// UI's sign-in; default throttle's defaults.
	Guard *throttle.Guard
}

// Handler returns the API's routes.
func Handler(c Config) (http.Handler, error) {
	if c.MaxUpload == 0 {
		c.MaxUpload = largestLimit()
	}
	if c.Guard == nil {
		c.Guard, _ = throttle.New(throttle.Config{}) // the defaults are valid
	}
	s := &server{c}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", s.ready)
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		c.Metrics.Write(w)
	})
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	mux.Handle("POST /v1/orders", s.auth(s.createOrder))
	mux.Handle("GET /v1/orders", s.auth(s.listOrders))
	mux.Handle("GET /v1/orders/{id}", s.auth(s.getOrder))
	mux.Handle("PATCH /v1/orders/{id}", s.auth(s.patchOrder))
	mux.Handle("DELETE /v1/orders/{id}", s.auth(s.deleteOrder))
	mux.Handle("PUT /v1/orders/{id}/documents/{name}", s.auth(s.putDocument))
	mux.Handle("GET /v1/orders/{id}/documents/{name}", s.auth(s.getDocument))
	mux.Handle("DELETE /v1/orders/{id}/documents/{name}", s.auth(s.deleteDocument))
	mux.Handle("POST /v1/orders/{id}/check", s.auth(s.check))
	mux.Handle("GET /v1/orders/{id}/correction", s.auth(s.getCorrection))
	mux.Handle("GET /v1/orders/{id}/report", s.auth(s.getReport))
	s.registerWebhooks(mux)                                                                                                                                // api/webhooks.go
	mux.Handle(review.Prefix, review.Handler(review.Config{Records: c.Records, Keys: c.Keys, Log: c.Log, SecureCookies: c.SecureCookies, Guard: c.Guard})) // the reviewer UI
	return s.observe(s.recover(jsonErrors(mux))), nil
}

func largestLimit() int64 {
	var max int64 = extract.DefaultMaxBytes
	ps, _ := profile.Builtin()
	for _, p := range ps {
		for _, r := range p.Documents {
			if r.MaxBytes > max {
				max = r.MaxBytes
			}
		}
	}
	return max
}

type server struct{ Config }

type handler func(w http.ResponseWriter, r *http.Request, tenant string)

// auth finds the tenant of the request's key. A client that has sent
// too many wrong keys is refused before its key is looked at.
func (s *server) auth(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client := throttle.Client(r)
		if wait := s.Guard.Wait(client); wait > 0 {
			w.Header().Set("Retry-After", throttle.RetryAfter(wait))
			writeError(w, http.StatusTooManyRequests, "too_many_attempts", "too many requests with a wrong API key from this address: try again after "+throttle.RetryAfter(wait)+" s")
			return
		}
		key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		tenant, known := s.Keys.Tenant(strings.TrimSpace(key))
		if !ok || !known {
			s.Guard.Failed(client)
			writeError(w, http.StatusUnauthorized, "unauthorized", "a valid API key is required (Authorization: Bearer <key>)")
			return
		}
		h(w, r, tenant)
	})
}

func (s *server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				s.Log.Error("request panicked", "method", r.Method, "path", r.URL.Path, "panic", pipeline.Scrub(fmt.Sprint(v)))
				writeError(w, http.StatusInternalServerError, "internal", "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
