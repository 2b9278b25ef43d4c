package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
)

// apiError is the body of every error answer (SPEC section 6).
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, apiError{errorBody{code, msg}})
}

// storeError maps a storage or queue failure: not found is 404; any
// other is the backend being unavailable, which a client may retry.
func (s *server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	var field *order.FieldError
	switch {
	case errors.Is(err, records.ErrNoDocument):
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no document %q on this order", r.PathValue("name")))
	case errors.Is(err, records.ErrNotFound), errors.Is(err, records.ErrInvalidID):
		writeError(w, http.StatusNotFound, "not_found", "no such order")
	case errors.Is(err, records.ErrVersion):
		writeError(w, http.StatusPreconditionFailed, "version_mismatch", "the order changed since the version in If-Match: read it again")
	case errors.As(err, &field):
		writeError(w, http.StatusBadRequest, "invalid_order", err.Error())
	default:
		s.Log.Warn("backend unavailable", "path", r.URL.Path, "error", pipeline.Scrub(err.Error()))
		writeError(w, http.StatusServiceUnavailable, "unavailable", "storage or queue unavailable; retry later")
	}
}

// jsonErrors answers what the mux itself would answer in plain text (no
// route: 404; a route without this method: 405 with Allow) in the API's
// error shape, so a client parses every error one way.
func jsonErrors(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		switch rec.status {
		case http.StatusNotFound, 0:
			writeError(w, http.StatusNotFound, "no_route", fmt.Sprintf("no route %s %s (see /openapi.json)", r.Method, r.URL.Path))
		case http.StatusMethodNotAllowed:
			w.Header().Set("Allow", rec.header.Get("Allow"))
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", fmt.Sprintf("%s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, rec.header.Get("Allow")))
		default: // a redirect to the canonical path
			for k, v := range rec.header {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.status)
		}
	})
}

// recorder keeps what the mux's own handler answers; the body is its
// plain-text message, which jsonErrors replaces.
type recorder struct {
	header http.Header
	status int
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return len(b), nil
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}
