package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFinalize(t *testing.T) {
	tests := []struct {
		name        string
		findings    []Finding
		wantVerdict Severity
		wantOrder   []Code
	}{
		{"none", nil, Pass, nil},
		{"info only", []Finding{{Code: FieldNotFound, Severity: Info}}, Pass, []Code{FieldNotFound}},
		{"warn", []Finding{{Code: BillAging, Severity: Warn}, {Code: FieldNotFound, Severity: Info}}, Warn, []Code{BillAging, FieldNotFound}},
		{"reject first then code", []Finding{
			{Code: CarrierMismatch, Severity: Warn},
			{Code: NameMismatch, Severity: Reject},
			{Code: BillTooOld, Severity: Reject},
		}, Reject, []Code{BillTooOld, NameMismatch, CarrierMismatch}},
		{"an accepted reject counts for nothing", []Finding{
			{Code: AddressMismatch, Severity: Reject, Accepted: &Acceptance{By: "Dana", Comment: "the carrier has 1210"}},
			{Code: CarrierMismatch, Severity: Warn},
		}, Warn, []Code{AddressMismatch, CarrierMismatch}},
		{"every finding accepted", []Finding{
			{Code: AddressMismatch, Severity: Reject, Accepted: &Acceptance{By: "Dana"}},
		}, Pass, []Code{AddressMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Findings: tt.findings}
			r.Finalize()
			var got []Code
			for _, f := range r.Findings {
				got = append(got, f.Code)
			}
			if r.Verdict != tt.wantVerdict {
				t.Errorf("verdict = %s, want %s", r.Verdict, tt.wantVerdict)
			}
			if diff := cmp.Diff(tt.wantOrder, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFinalizeByField(t *testing.T) {
	r := &Report{Findings: []Finding{
		{Code: InvalidNumber, Severity: Reject, Field: "numbers[2]"},
		{Code: InvalidNumber, Severity: Reject, Field: "numbers[0]"},
	}}
	r.Finalize()
	if r.Findings[0].Field != "numbers[0]" {
		t.Errorf("findings of one code are not sorted by field: %+v", r.Findings)
	}
}

func TestCatalogCoversEveryCode(t *testing.T) {
	for code, spec := range Catalog {
		if !spec.Severity.Valid() {
			t.Errorf("%s has no valid default severity", code)
		}
	}
	f := New(AddressMismatch, "m")
	if diff := cmp.Diff(map[string]string{"telnyx": "LOCATION_MISMATCH", "bandwidth": "7402"}, f.CarrierCodes); diff != "" {
		t.Errorf("carrier codes (-want +got):\n%s", diff)
	}
	f.CarrierCodes["telnyx"] = "changed"
	if Catalog[AddressMismatch].CarrierCodes["telnyx"] != "LOCATION_MISMATCH" {
		t.Error("a finding's carrier codes alias the catalog")
	}
}

func TestWriteText(t *testing.T) {
	r := &Report{OrderID: "o1", Profile: "strict", AsOf: "2026-11-23", Findings: []Finding{
		{Code: NameMismatch, Severity: Reject, Field: "account_name", Expected: "Acme Widgets, Inc.", Found: "ACME WIDGETS INC",
			Difference: DiffPunctuation, Document: "bill", Evidence: &Evidence{Page: 1}, Message: "m", Fix: "f",
			CarrierCodes: map[string]string{"telnyx": "ENTITY_NAME_MISMATCH", "bandwidth": "7429"}},
	}, Documents: []Document{{Kind: "bill", Path: "bill.pdf", MediaType: "application/pdf", Pages: 1, Bytes: 10, TextSource: "text-layer"}}}
	r.Finalize()
	var b bytes.Buffer
	if err := WriteText(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"o1  REJECT", "NAME_MISMATCH  account_name  (bill, page 1)", "found:    ACME WIDGETS INC  [punctuation]", "carriers: bandwidth 7429, telnyx ENTITY_NAME_MISMATCH", "bill  bill.pdf"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestNaturalFieldOrder(t *testing.T) {
	r := &Report{Findings: []Finding{
		{Code: InvalidNumber, Severity: Reject, Field: "numbers[10]"},
		{Code: InvalidNumber, Severity: Reject, Field: "numbers[2]"},
		{Code: InvalidNumber, Severity: Reject, Field: "numbers[100]"},
		{Code: InvalidNumber, Severity: Reject, Field: "numbers"},
	}}
	r.Finalize()
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Field)
	}
	if diff := cmp.Diff([]string{"numbers", "numbers[2]", "numbers[10]", "numbers[100]"}, got); diff != "" {
		t.Errorf("field order (-want +got):\n%s", diff)
	}
}
