package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/internal/docgen"
	"github.com/portcheck/portcheck/internal/leak"
	"github.com/portcheck/portcheck/report"
)

type exchange struct {
	name, key, method, path string
	body                    string
	header                  []string
	want                    int
	wantCode                string // the error's code, for errors
	wantText                string // in the body
}

func run(t *testing.T, s *service, tests []exchange) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, out := s.call(t, tt.key, tt.method, tt.path, []byte(tt.body), tt.header...)
			if code != tt.want {
				t.Fatalf("%s %s: %d %s, want %d", tt.method, tt.path, code, out, tt.want)
			}
			if tt.wantCode != "" {
				var e struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(out, &e); err != nil || e.Error.Code != tt.wantCode || e.Error.Message == "" {
					t.Errorf("error body %s, want code %s with a message", out, tt.wantCode)
				}
			}
			if !strings.Contains(string(out), tt.wantText) {
				t.Errorf("body %s lacks %q", out, tt.wantText)
			}
		})
	}
}

var rfc3339UTC = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

func TestCreateAndRead(t *testing.T) {
	s := startEmbedded(t)
	code, h, out := s.call(t, keyA, "POST", "/v1/orders", []byte(`{"id":"o1","pin":"4410","numbers":[{"number":"(217) 555-0100"}]}`))
	if code != http.StatusCreated || h.Get("Location") != "/v1/orders/o1" {
		t.Fatalf("create: %d Location %q %s", code, h.Get("Location"), out)
	}
	var view map[string]any
	json.Unmarshal(out, &view)
	if view["verdict"] != nil || view["version"] != 0.0 || view["status"] != "draft" {
		t.Errorf("new order: verdict %v version %v status %v; want null, 0, draft", view["verdict"], view["version"], view["status"])
	}
	for _, k := range []string{"created", "updated"} {
		if v, _ := view[k].(string); !rfc3339UTC.MatchString(v) {
			t.Errorf("%s = %q, not RFC 3339 UTC", k, view[k])
		}
	}
	_, _, out = s.call(t, keyA, "GET", "/v1/orders", nil)
	var list struct{ Orders []map[string]any }
	json.Unmarshal(out, &list)
	if len(list.Orders) != 1 || list.Orders[0]["verdict"] != nil || !rfc3339UTC.MatchString(list.Orders[0]["created"].(string)) {
		t.Errorf("list: %s", out)
	}
	for _, k := range []string{"check", "order_object"} {
		if _, ok := list.Orders[0][k]; ok {
			t.Errorf("the list shows the service's %s", k)
		}
	}
	run(t, s, []exchange{
		{"generated id", keyA, "POST", "/v1/orders", `{"numbers":[{"number":"+12175550143"}]}`, nil, 201, "", `"id": "ord-`},
		{"unknown field", keyA, "POST", "/v1/orders", `{"numbers":[{"number":"+12175550100"}],"acount":1}`, nil, 400, "invalid_order", "acount: unknown field"},
		{"bad number type", keyA, "POST", "/v1/orders", `{"numbers":[{"number":"+12175550100","type":"cell"}]}`, nil, 400, "invalid_order", "numbers[0].type"},
		{"documents", keyA, "POST", "/v1/orders", `{"numbers":[{"number":"+12175550100"}],"documents":[{"kind":"bill","path":"b.pdf"}]}`, nil, 400, "invalid_order", "documents:"},
		{"other tenant's location", keyA, "POST", "/v1/orders", `{"location_id":"loc_b","numbers":[{"number":"+12175550100"}]}`, nil, 400, "invalid_order", "location_id:"},
		{"unknown profile", keyA, "POST", "/v1/orders", `{"profile":"nope","numbers":[{"number":"+12175550100"}]}`, nil, 400, "invalid_order", "profile:"},
		{"duplicate id", keyA, "POST", "/v1/orders", `{"id":"o1","numbers":[{"number":"+12175550100"}]}`, nil, 409, "exists", ""},
		{"read", keyA, "GET", "/v1/orders/o1", "", nil, 200, "", `"version": 0`},
		{"PIN redacted", keyA, "GET", "/v1/orders/o1", "", nil, 200, "", `"pin": "[redacted]"`},
		{"unknown order", keyA, "GET", "/v1/orders/nope", "", nil, 404, "not_found", ""},
		{"other tenant's order", keyB, "GET", "/v1/orders/o1", "", nil, 404, "not_found", ""},
		{"no key", "", "GET", "/v1/orders/o1", "", nil, 401, "unauthorized", ""},
		{"no route", keyA, "GET", "/v1/nowhere", "", nil, 404, "no_route", ""},
		{"method not allowed", keyA, "PUT", "/v1/orders/o1", "", nil, 405, "method_not_allowed", "GET"},
		{"bad list filter", keyA, "GET", "/v1/orders?status=done", "", nil, 400, "invalid_parameter", "status:"},
		{"report before a check", keyA, "GET", "/v1/orders/o1/report", "", nil, 409, "no_report", ""},
		{"correction before a check", keyA, "GET", "/v1/orders/o1/correction", "", nil, 409, "no_report", ""},
		{"correction of another tenant's order", keyB, "GET", "/v1/orders/o1/correction", "", nil, 404, "not_found", ""},
		{"bad as_of", keyA, "POST", "/v1/orders/o1/check?as_of=tomorrow", "", nil, 400, "invalid_parameter", "as_of:"},
	})
	code, h, _ = s.call(t, keyA, "DELETE", "/v1/orders", nil)
	if code != http.StatusMethodNotAllowed || !strings.Contains(h.Get("Allow"), "POST") {
		t.Errorf("DELETE /v1/orders: %d Allow %q", code, h.Get("Allow"))
	}
}

func TestPatchOrder(t *testing.T) {
	s := startEmbedded(t)
	s.createOrder(t, keyA, "o1") // PIN 4410 on the order
	s.call(t, keyA, "PATCH", "/v1/orders/o1", []byte(`{"numbers":[{"number":"(217) 555-0100","type":"wireless","pin":"9921"}]}`))
	merge := []string{"Content-Type", "application/merge-patch+json"}
	run(t, s, []exchange{
		{"a field", keyA, "PATCH", "/v1/orders/o1", `{"account_name":"ACME WIDGETS INC"}`, merge, 200, "", `"account_name": "ACME WIDGETS INC"`},
		{"null removes", keyA, "PATCH", "/v1/orders/o1", `{"service_address":{"line2":null}}`, merge, 200, "", `"version": 3`},
		{"redacted PINs come back", keyA, "PATCH", "/v1/orders/o1", `{"pin":"[redacted]","numbers":[{"number":"(217) 555-0100","type":"wireless","pin":"[redacted]"}]}`, merge, 200, "", ""},
		{"If-Match of the version", keyA, "PATCH", "/v1/orders/o1", `{"authorized_name":"Dana Whitfield"}`, append([]string{"If-Match", `"4"`}, merge...), 200, "", `"version": 5`},
		{"If-Match of an old version", keyA, "PATCH", "/v1/orders/o1", `{"authorized_name":"Dana"}`, []string{"If-Match", `"2"`}, 412, "version_mismatch", ""},
		{"If-Match not a version", keyA, "PATCH", "/v1/orders/o1", `{}`, []string{"If-Match", `"abc"`}, 400, "invalid_parameter", "If-Match"},
		{"unknown field", keyA, "PATCH", "/v1/orders/o1", `{"acount_name":"x"}`, merge, 400, "invalid_order", "acount_name: unknown field"},
		{"wrong type", keyA, "PATCH", "/v1/orders/o1", `{"service_address":{"city":7}}`, nil, 400, "invalid_order", "service_address.city: must be a string"},
		{"invalid as a new order", keyA, "PATCH", "/v1/orders/o1", `{"numbers":null}`, nil, 400, "invalid_order", "numbers: at least one number is required"},
		{"number type", keyA, "PATCH", "/v1/orders/o1", `{"numbers":[{"number":"+12175550100","type":"cell"}]}`, nil, 400, "invalid_order", "numbers[0].type"},
		{"id", keyA, "PATCH", "/v1/orders/o1", `{"id":"o2"}`, nil, 400, "invalid_order", "id: cannot be changed"},
		{"same id", keyA, "PATCH", "/v1/orders/o1", `{"id":"o1"}`, nil, 200, "", ""},
		{"documents", keyA, "PATCH", "/v1/orders/o1", `{"documents":[{"kind":"bill","path":"x.pdf"}]}`, nil, 400, "invalid_order", "documents:"},
		{"another tenant", keyA, "PATCH", "/v1/orders/o1", `{"location_id":"loc_b"}`, nil, 400, "invalid_order", "location_id:"},
		{"unknown profile", keyA, "PATCH", "/v1/orders/o1", `{"profile":"nope"}`, nil, 400, "invalid_order", "profile:"},
		{"a key twice", keyA, "PATCH", "/v1/orders/o1", `{"btn":"1","btn":"2"}`, nil, 400, "invalid_order", "btn: given more than once"},
		{"not an object", keyA, "PATCH", "/v1/orders/o1", `["account_name"]`, nil, 400, "invalid_order", "JSON object"},
		{"not JSON", keyA, "PATCH", "/v1/orders/o1", `{"account_name":`, nil, 400, "invalid_order", "not JSON"},
		{"redacted PIN never set", keyA, "PATCH", "/v1/orders/o1", `{"numbers":[{"number":"+12175550143","pin":"[redacted]"}]}`, nil, 400, "invalid_order", "numbers[0].pin"},
		{"not a merge patch", keyA, "PATCH", "/v1/orders/o1", `account_name=x`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "unsupported_type", ""},
		{"unknown order", keyA, "PATCH", "/v1/orders/nope", `{}`, nil, 404, "not_found", ""},
		{"other tenant's order", keyB, "PATCH", "/v1/orders/o1", `{"account_name":"x"}`, nil, 404, "not_found", ""},
	})
	o, m, err := s.recs.Load(context.Background(), "loc_7f3a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if o.AccountName != "ACME WIDGETS INC" || o.ServiceAddress.Line2 != "" || o.PIN.Reveal() != "4410" || o.Numbers[0].PIN.Reveal() != "9921" || o.AuthorizedName != "Dana Whitfield" {
		t.Errorf("stored after the patches: %+v (PINs kept: %v, %v)", o, o.PIN.Reveal() == "4410", o.Numbers[0].PIN.Reveal() == "9921")
	}
	if m.Version != 6 {
		t.Errorf("version %d after the 6 patches that took, want 6", m.Version)
	}
	for _, secret := range []string{"4410", "9921"} {
		if leak.Holds(s.logs.String(), secret) {
			t.Errorf("the PIN %s reached the logs", secret)
		}
	}
}

func TestDocumentsAndDeletion(t *testing.T) {
	s := startEmbedded(t)
	s.createOrder(t, keyA, "o1")
	s.createOrder(t, keyA, "o2")
	pdf := billPDF(t, func(*docgen.Bill) {})
	sum := sha256.Sum256(pdf)
	tag := `"` + hex.EncodeToString(sum[:]) + `"`
	for _, id := range []string{"o1", "o2"} {
		if code, _, out := s.call(t, keyA, "PUT", "/v1/orders/"+id+"/documents/bill.pdf?kind=bill", pdf); code != http.StatusCreated {
			t.Fatalf("upload: %d %s", code, out)
		}
	}
	code, h, out := s.call(t, keyA, "GET", "/v1/orders/o1/documents/bill.pdf", nil)
	if code != http.StatusOK || string(out) != string(pdf) || h.Get("Content-Type") != "application/pdf" || h.Get("Content-Length") != strconv.Itoa(len(pdf)) || h.Get("ETag") != tag {
		t.Errorf("download: %d, %d bytes, type %q, length %q, ETag %q", code, len(out), h.Get("Content-Type"), h.Get("Content-Length"), h.Get("ETag"))
	}
	rep := &report.Report{OrderID: "o1", AsOf: asOf}
	rep.Finalize()
	if err := s.recs.SaveReport(context.Background(), "loc_7f3a", "o1", rep); err != nil {
		t.Fatal(err)
	}
	run(t, s, []exchange{
		{"not modified", keyA, "GET", "/v1/orders/o1/documents/bill.pdf", "", []string{"If-None-Match", tag}, 304, "", ""},
		{"unknown document", keyA, "GET", "/v1/orders/o1/documents/loa.pdf", "", nil, 404, "not_found", "loa.pdf"},
		{"other tenant downloads", keyB, "GET", "/v1/orders/o1/documents/bill.pdf", "", nil, 404, "not_found", ""},
		{"other tenant removes", keyB, "DELETE", "/v1/orders/o1/documents/bill.pdf", "", nil, 404, "not_found", ""},
		{"remove", keyA, "DELETE", "/v1/orders/o1/documents/bill.pdf", "", nil, 204, "", ""},
		{"report stale", keyA, "GET", "/v1/orders/o1", "", nil, 200, "", `"report_stale": true`},
		{"removed", keyA, "GET", "/v1/orders/o1/documents/bill.pdf", "", nil, 404, "not_found", ""},
		{"remove again", keyA, "DELETE", "/v1/orders/o1/documents/bill.pdf", "", nil, 404, "not_found", ""},
		{"the other order's copy stays", keyA, "GET", "/v1/orders/o2/documents/bill.pdf", "", nil, 200, "", "%PDF"},
		{"other tenant deletes the order", keyB, "DELETE", "/v1/orders/o2", "", nil, 404, "not_found", ""},
		{"delete the order", keyA, "DELETE", "/v1/orders/o2", "", nil, 204, "", ""},
		{"deleted", keyA, "GET", "/v1/orders/o2", "", nil, 404, "not_found", ""},
		{"delete again", keyA, "DELETE", "/v1/orders/o2", "", nil, 404, "not_found", ""},
		{"delete an unknown order", keyA, "DELETE", "/v1/orders/nope", "", nil, 404, "not_found", ""},
	})
	for _, prefix := range []string{"documents/", "refs/", "orders/loc_7f3a/o2/", "numbers/loc_7f3a/+12175550100/o2"} {
		if infos, _ := s.store.List(context.Background(), prefix); len(infos) != 0 {
			t.Errorf("%d objects left under %s", len(infos), prefix)
		}
	}
	if _, err := s.recs.Meta(context.Background(), "loc_7f3a", "o1"); err != nil {
		t.Errorf("the order kept is gone: %v", err)
	}
}
