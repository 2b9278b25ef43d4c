package api

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
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
}

// Handler returns the API's routes.
func Handler(c Config) (http.Handler, error) {
	if c.MaxUpload == 0 {
		c.MaxUpload = largestLimit()
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
	mux.Handle("PUT /v1/orders/{id}/documents/{name}", s.auth(s.putDocument))
	mux.Handle("POST /v1/orders/{id}/check", s.auth(s.check))
	mux.Handle("GET /v1/orders/{id}/report", s.auth(s.getReport))
	return s.observe(s.recover(mux)), nil
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

func (s *server) auth(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		tenant, known := s.Keys.Tenant(strings.TrimSpace(key))
		if !ok || !known {
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

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

// storeError maps a storage or queue failure: not found is 404; any
// other is the backend being unavailable, which a client may retry.
func (s *server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, records.ErrNotFound), errors.Is(err, records.ErrInvalidID):
		writeError(w, http.StatusNotFound, "not_found", "no such order")
	default:
		s.Log.Warn("backend unavailable", "path", r.URL.Path, "error", pipeline.Scrub(err.Error()))
		writeError(w, http.StatusServiceUnavailable, "unavailable", "storage or queue unavailable; retry later")
	}
}

func (s *server) createOrder(w http.ResponseWriter, r *http.Request, tenant string) {
	o, err := order.Decode(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_order", err.Error())
		return
	}
	if len(o.Documents) > 0 {
		writeError(w, http.StatusBadRequest, "invalid_order", "documents: upload each document with PUT /v1/orders/{id}/documents/{name}")
		return
	}
	if o.LocationID != "" && o.LocationID != tenant {
		writeError(w, http.StatusBadRequest, "invalid_order", "location_id: must be the API key's own tenant")
		return
	}
	o.LocationID = tenant
	if o.ID == "" {
		o.ID = newID()
	}
	if o.Profile != "" {
		if _, err := profile.Get(o.Profile); err != nil {
			writeError(w, http.StatusBadRequest, "invalid_order", "profile: "+err.Error())
			return
		}
	}
	m, err := s.Records.Create(r.Context(), tenant, o)
	switch {
	case errors.Is(err, records.ErrExists):
		writeError(w, http.StatusConflict, "exists", fmt.Sprintf("order %s exists", o.ID))
	case errors.Is(err, records.ErrInvalidID):
		writeError(w, http.StatusBadRequest, "invalid_order", "id: letters, digits, '.', '-' and '_' only")
	case err != nil:
		s.storeError(w, r, err)
	default:
		writeJSON(w, http.StatusCreated, orderView(o, m))
	}
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "ord-" + hex.EncodeToString(b)
}

// orderView is the stored order as the API shows it: the SPEC order
// (PINs redacted by order.Secret) with status and verdict.
func orderView(o *order.Order, m records.Meta) map[string]any {
	data, _ := json.Marshal(o)
	var v map[string]any
	json.Unmarshal(data, &v)
	delete(v, "documents")
	v["status"], v["verdict"], v["documents"] = m.Status, m.Verdict, m.Documents
	v["created"], v["updated"] = m.Created.Format(time.RFC3339), m.Updated.Format(time.RFC3339)
	v["version"], v["report_stale"] = m.Version, m.Stale()
	if m.HasReport() {
		v["report_version"], v["report_as_of"] = m.ReportVersion, m.ReportAsOf
	}
	if m.Reason != "" {
		v["reason"] = m.Reason
	}
	return v
}

func (s *server) getOrder(w http.ResponseWriter, r *http.Request, tenant string) {
	o, m, err := s.Records.Load(r.Context(), tenant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, orderView(o, m))
}

func (s *server) getReport(w http.ResponseWriter, r *http.Request, tenant string) {
	id := r.PathValue("id")
	if _, err := s.Records.Meta(r.Context(), tenant, id); err != nil {
		s.storeError(w, r, err)
		return
	}
	data, err := s.Records.Report(r.Context(), tenant, id)
	if errors.Is(err, records.ErrNotFound) {
		writeError(w, http.StatusConflict, "no_report", "no report yet: ask for a check and wait for it")
		return
	}
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// putDocument streams the body under the upload limit to a temporary
// file while hashing it, sniffs what it really is from its first bytes,
// stores it by content and records it on the order. No upload is held
// whole in memory, however many arrive at once.
func (s *server) putDocument(w http.ResponseWriter, r *http.Request, tenant string) {
	id, name, kind := r.PathValue("id"), r.PathValue("name"), r.URL.Query().Get("kind")
	if !validKind(kind) {
		writeError(w, http.StatusBadRequest, "invalid_kind", "kind: one of bill, loa, csr, id, other")
		return
	}
	if _, err := s.Records.Meta(r.Context(), tenant, id); err != nil {
		s.storeError(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxUpload)
	up, err := spool(r)
	if up != nil {
		defer up.close()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("documents are limited to %d bytes", s.MaxUpload))
		return
	case errors.Is(err, errSpool):
		s.storeError(w, r, err)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_body", "could not read the upload")
		return
	case up.size == 0:
		writeError(w, http.StatusBadRequest, "empty", "the upload is empty")
		return
	}
	media := extract.Sniff(up.head)
	if media == extract.MediaUnknown {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_type", "the content is not a PDF or an image, whatever its Content-Type or name")
		return
	}
	if _, err := up.file.Seek(0, io.SeekStart); err != nil {
		s.storeError(w, r, fmt.Errorf("%w: %w", errSpool, err))
		return
	}
	if _, err := storage.PutDocumentSum(r.Context(), s.Records.Store, up.sum, up.file); err != nil {
		s.storeError(w, r, err)
		return
	}
	ref := records.DocRef{Name: name, Kind: kind, SHA256: up.sum, Bytes: up.size, MediaType: media}
	if _, err := s.Records.AddDocument(r.Context(), tenant, id, ref); err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ref)
}

// sniffBytes is how much of an upload Sniff sees: a PDF's header may
// stand after some junk, never this far.
const sniffBytes = 64 << 10

// errSpool: the server could not write its temporary file (a disk
// fault, not the client's).
var errSpool = errors.New("spool upload")

// upload is a document spooled to a temporary file.
type upload struct {
	file *os.File
	sum  string
	size int64
	head []byte
}

func (u *upload) close() {
	u.file.Close()
	os.Remove(u.file.Name())
}

// spool copies the upload to a temporary file, hashing it on the way.
func spool(r *http.Request) (*upload, error) {
	body, err := uploadBody(r)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	f, err := os.CreateTemp("", "portcheck-upload-*")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errSpool, err)
	}
	u := &upload{file: f}
	h := sha256.New()
	head := &prefix{max: sniffBytes}
	u.size, err = io.Copy(io.MultiWriter(f, h, head), body)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%w: %w", errSpool, err)
		}
		return u, err
	}
	u.sum, u.head = hex.EncodeToString(h.Sum(nil)), head.b
	return u, nil
}

// prefix keeps the first max bytes written to it.
type prefix struct {
	b   []byte
	max int
}

func (p *prefix) Write(b []byte) (int, error) {
	if n := p.max - len(p.b); n > 0 {
		p.b = append(p.b, b[:min(n, len(b))]...)
	}
	return len(b), nil
}

// uploadBody is the document's bytes: the raw body, or the first file
// part of a multipart/form-data body. Either way it streams through the
// size limit already set on r.Body.
func uploadBody(r *http.Request) (io.ReadCloser, error) {
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if media != "multipart/form-data" {
		return r.Body, nil
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, err
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, err // io.EOF: no file part
		}
		if part.FileName() != "" || part.FormName() == "file" {
			return part, nil
		}
		part.Close()
	}
}

func validKind(k string) bool {
	for _, v := range order.Kinds {
		if string(v) == k {
			return true
		}
	}
	return false
}

// check queues the order's check of its current version as of as_of
// (default today). Asking again while the same check is queued or
// running, or after it made the latest report, queues nothing.
func (s *server) check(w http.ResponseWriter, r *http.Request, tenant string) {
	id := r.PathValue("id")
	asOf, err := workers.ParseAsOf(r.URL.Query().Get("as_of"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_parameter", "as_of: "+err.Error())
		return
	}
	m, _, err := workers.RequestCheck(r.Context(), s.Records, s.Queue, tenant, id, asOf, workers.QueueChecks)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": m.Status})
}

func (s *server) listOrders(w http.ResponseWriter, r *http.Request, tenant string) {
	q := r.URL.Query()
	if err := validateListFilters(q); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_parameter", err.Error())
		return
	}
	ms, err := s.Records.List(r.Context(), tenant)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	var out []records.Meta
	for _, m := range ms {
		if (q.Get("status") == "" || m.Status == q.Get("status")) && (q.Get("verdict") == "" || m.Verdict == q.Get("verdict")) && (q.Get("code") == "" || contains(m.Codes, q.Get("code"))) {
			out = append(out, m)
		}
	}
	page, next, ok := paginate(out, q.Get("cursor"), 50)
	if !ok {
		writeError(w, http.StatusBadRequest, "invalid_parameter", "cursor: not an order of this list")
		return
	}
	views := make([]map[string]any, len(page))
	for i, m := range page {
		views[i] = metaView(m)
	}
	writeJSON(w, http.StatusOK, map[string]any{"orders": views, "next_cursor": next})
}

// validateListFilters refuses a filter no order can meet: a typo must
// not read as "no orders".
func validateListFilters(q url.Values) error {
	if v := q.Get("status"); v != "" && !slices.Contains(records.Statuses, v) {
		return fmt.Errorf("status: %q is not one of %s", v, strings.Join(records.Statuses, ", "))
	}
	if v := q.Get("verdict"); v != "" && v != string(report.Pass) && v != string(report.Warn) && v != string(report.Reject) {
		return fmt.Errorf("verdict: %q is not one of pass, warn, reject", v)
	}
	if v := q.Get("code"); v != "" {
		if _, ok := report.Catalog[report.Code(v)]; !ok {
			return fmt.Errorf("code: %q is not a finding code (SPEC section 3)", v)
		}
	}
	return nil
}

// metaView is an order's metadata as the API lists it: without the
// service's bookkeeping of check attempts, with whether the report is
// stale.
func metaView(m records.Meta) map[string]any {
	data, _ := json.Marshal(m)
	var v map[string]any
	json.Unmarshal(data, &v)
	delete(v, "check")
	v["report_stale"] = m.Stale()
	return v
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// paginate returns the page after the order id in cursor; ok is false
// for a cursor that is no order of the list.
func paginate(ms []records.Meta, cursor string, n int) (page []records.Meta, next any, ok bool) {
	start := 0
	if cursor != "" {
		start = slices.IndexFunc(ms, func(m records.Meta) bool { return m.ID == cursor }) + 1
		if start == 0 {
			return nil, nil, false
		}
	}
	end := min(start+n, len(ms))
	page = ms[start:end]
	if end < len(ms) {
		return page, page[len(page)-1].ID, true
	}
	return page, nil, true
}
