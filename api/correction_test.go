package api_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/correction"
	"github.com/portcheck/portcheck/internal/docgen"
	"github.com/portcheck/portcheck/report"
)

// checked asks for a check and returns the report it makes.
func (s *service) checked(t *testing.T, key, id string, version int) *report.Report {
	t.Helper()
	if code, _, out := s.call(t, key, "POST", "/v1/orders/"+id+"/check?as_of="+asOf, nil); code != http.StatusAccepted {
		t.Fatalf("check: %d %s", code, out)
	}
	for range 600 {
		var view struct {
			Version       int    `json:"version"`
			ReportVersion int    `json:"report_version"`
			Status        string `json:"status"`
		}
		_, _, out := s.call(t, key, "GET", "/v1/orders/"+id, nil)
		json.Unmarshal(out, &view)
		if view.Status == "failed" {
			t.Fatalf("the check failed: %s", out)
		}
		if view.Status == "checked" && view.ReportVersion == version {
			var rep report.Report
			_, _, out := s.call(t, key, "GET", "/v1/orders/"+id+"/report", nil)
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatal(err)
			}
			return &rep
		}
		s.wait()
	}
	t.Fatalf("no report of version %d", version)
	return nil
}

// TestCorrectionRoundTrip: the documents print the account's name,
// number and address otherwise than the order; the correction's patch,
// sent back with PATCH, makes the next check clear those findings, and
// what only a person can fix (the unsigned LOA) stays, for a person.
// The LOA prints the PIN and an SSN; neither reaches the correction.
func TestCorrectionRoundTrip(t *testing.T) {
	s := startEmbedded(t)
	s.createOrder(t, keyA, "fixme")
	printed := func(name, number *string, a *docgen.Address) {
		*name, *number = "ACME WIDGETS INC", "482-99117-04"
		a.Line1, a.Line2 = "1200 N Main St", "Ste 300"
	}
	bill := billPDF(t, func(b *docgen.Bill) { printed(&b.AccountName, &b.AccountNumber, &b.ServiceAddress) })
	l := docgen.CleanLOA("form", "none")
	printed(&l.AccountName, &l.AccountNumber, &l.ServiceAddress)
	l.PIN, l.TaxID = "4410", "123-45-6789"
	loa, err := l.PDF()
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string][]byte{"bill.pdf?kind=bill": bill, "loa.pdf?kind=loa": loa} {
		if code, _, out := s.call(t, keyA, "PUT", "/v1/orders/fixme/documents/"+name, doc); code != http.StatusCreated {
			t.Fatalf("upload %s: %d %s", name, code, out)
		}
	}
	if code, _, out := s.call(t, keyA, "GET", "/v1/orders/fixme/correction", nil); code != http.StatusConflict || !strings.Contains(string(out), `"no_report"`) {
		t.Errorf("correction before a check: %d %s, want 409 no_report", code, out)
	}
	first := s.checked(t, keyA, "fixme", 2)
	applied := []report.Code{report.AccountNumberMismatch, report.AddressMismatch, report.NameMismatch}
	for _, c := range append(applied, report.LOAUnsigned) {
		if !first.Has(c) {
			t.Fatalf("the first report lacks %s, so the test proves nothing: %+v", c, first.Findings)
		}
	}
	code, _, out := s.call(t, keyA, "GET", "/v1/orders/fixme/correction", nil)
	if code != http.StatusOK {
		t.Fatalf("correction: %d %s", code, out)
	}
	for _, secret := range []string{"4410", "123-45-6789", "123456789", "6789"} {
		if strings.Contains(string(out), secret) {
			t.Errorf("the correction carries %s:\n%s", secret, out)
		}
	}
	var c correction.Correction
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"account_name", "account_number", "service_address"} {
		if c.Patch[field] == nil {
			t.Errorf("the patch lacks %s: %s", field, out)
		}
	}
	if !slices.ContainsFunc(c.Manual, func(m correction.Manual) bool { return m.Code == report.LOAUnsigned && m.Action != "" }) {
		t.Errorf("LOA_UNSIGNED is not among what a person fixes: %+v", c.Manual)
	}
	patch, _ := json.Marshal(c.Patch)
	code, _, out = s.call(t, keyA, "PATCH", "/v1/orders/fixme", patch, "Content-Type", "application/merge-patch+json", "If-Match", `"2"`)
	if code != http.StatusOK || !strings.Contains(string(out), `"report_stale": true`) {
		t.Fatalf("PATCH with the correction: %d %s", code, out)
	}
	second := s.checked(t, keyA, "fixme", 3)
	for _, c := range applied {
		if second.Has(c) {
			t.Errorf("%s is still found after the correction was applied: %+v", c, second.Findings)
		}
	}
	if !second.Has(report.LOAUnsigned) {
		t.Error("the unsigned LOA was cleared by a patch of the order")
	}
	_, _, out = s.call(t, keyA, "GET", "/v1/orders/fixme/correction", nil)
	var again correction.Correction
	json.Unmarshal(out, &again)
	if len(again.Patch) != 0 {
		t.Errorf("a second correction still patches: %s", out)
	}
}
