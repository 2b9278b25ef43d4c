package api

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
)

// maxOrderBody bounds an order or a patch: a real one is a few KiB.
const maxOrderBody = 1 << 20

func (s *server) createOrder(w http.ResponseWriter, r *http.Request, tenant string) {
	o, err := order.Decode(http.MaxBytesReader(w, r.Body, maxOrderBody))
	if err == nil {
		err = admit(o, tenant)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_order", err.Error())
		return
	}
	if o.ID == "" {
		o.ID = newID()
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
		w.Header().Set("Location", "/v1/orders/"+url.PathEscape(o.ID))
		w.Header().Set("ETag", versionTag(m.Version))
		writeJSON(w, http.StatusCreated, orderView(o, m))
	}
}

// admit checks what an order stored by the service must be besides a
// valid SPEC order: documents come by upload, the tenant is the key's,
// the profile exists. A new order and a patched one pass the same test.
func admit(o *order.Order, tenant string) error {
	if len(o.Documents) > 0 {
		return &order.FieldError{Field: "documents", Msg: "upload each document with PUT /v1/orders/{id}/documents/{name}"}
	}
	if o.LocationID != "" && o.LocationID != tenant {
		return &order.FieldError{Field: "location_id", Msg: "must be the API key's own tenant"}
	}
	o.LocationID = tenant
	if o.Profile != "" {
		if _, err := profile.Get(o.Profile); err != nil {
			return &order.FieldError{Field: "profile", Msg: err.Error()}
		}
	}
	return nil
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "ord-" + hex.EncodeToString(b)
}

// versionTag is the ETag of an order's version: it changes with every
// upload, removal and patch, the changes a check reads.
func versionTag(v int) string { return `"` + strconv.Itoa(v) + `"` }

// ifMatch reads the version an If-Match header names; AnyVersion when
// absent or "*".
func ifMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return records.AnyVersion, nil
	}
	v, err := strconv.Atoi(strings.Trim(h, `"`))
	if err != nil || v < 0 {
		return 0, fmt.Errorf("If-Match: %q is not an order version (the ETag of GET /v1/orders/{id})", h)
	}
	return v, nil
}

// timestamp is the one form of every time the API shows: RFC 3339 in
// UTC, to the second.
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// verdict is null while there is none, never "".
func verdict(m records.Meta) any {
	if m.Verdict == "" {
		return nil
	}
	return m.Verdict
}

// orderView is the stored order as the API shows it: the SPEC order
// (PINs redacted by order.Secret) with status and verdict.
func orderView(o *order.Order, m records.Meta) map[string]any {
	data, _ := json.Marshal(o)
	var v map[string]any
	json.Unmarshal(data, &v)
	delete(v, "documents")
	v["status"], v["verdict"], v["documents"] = m.Status, verdict(m), m.Documents
	v["created"], v["updated"] = timestamp(m.Created), timestamp(m.Updated)
	v["version"], v["report_stale"] = m.Version, m.Stale()
	if m.HasReport() {
		v["report_version"], v["report_as_of"] = m.ReportVersion, m.ReportAsOf
	}
	if m.Reason != "" {
		v["reason"] = m.Reason
	}
	if len(m.Decisions) > 0 {
		v["decisions"] = m.Decisions // findings reviewers accepted
	}
	return v
}

func (s *server) getOrder(w http.ResponseWriter, r *http.Request, tenant string) {
	o, m, err := s.Records.Load(r.Context(), tenant, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	w.Header().Set("ETag", versionTag(m.Version))
	writeJSON(w, http.StatusOK, orderView(o, m))
}

func (s *server) deleteOrder(w http.ResponseWriter, r *http.Request, tenant string) {
	if err := s.Records.DeleteOrder(r.Context(), tenant, r.PathValue("id")); err != nil {
		s.storeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
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
		if (q.Get("status") == "" || m.Status == q.Get("status")) && (q.Get("verdict") == "" || m.Verdict == q.Get("verdict")) && (q.Get("code") == "" || slices.Contains(m.Codes, q.Get("code"))) {
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
// service's bookkeeping (check attempts, which object holds the order),
// with whether the report is stale.
func metaView(m records.Meta) map[string]any {
	data, _ := json.Marshal(m)
	var v map[string]any
	json.Unmarshal(data, &v)
	delete(v, "check")
	delete(v, "order_object")
	delete(v, "report_object") // where the report is kept: the store's business
	delete(v, "report_sum")
	delete(v, "memo") // the re-validation's up-to-date check (records.Memo)
	v["verdict"], v["report_stale"] = verdict(m), m.Stale()
	v["created"], v["updated"] = timestamp(m.Created), timestamp(m.Updated)
	return v
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
