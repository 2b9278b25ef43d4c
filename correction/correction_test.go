package correction

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/report"
)

func TestSplitAddress(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]any // nil: not certain
	}{
		{"standard one line", "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702",
			map[string]any{"line1": "1200 N MAIN ST STE 300", "line2": nil, "city": "SPRINGFIELD", "state": "IL", "postal_code": "62702"}},
		{"two street lines", "1200 N Main Street, Suite 300, Springfield, IL 62702",
			map[string]any{"line1": "1200 N Main Street", "line2": "Suite 300", "city": "Springfield", "state": "IL", "postal_code": "62702"}},
		{"lines as printed", "1200 N Main Street\nSpringfield, IL 62702-1234",
			map[string]any{"line1": "1200 N Main Street", "line2": nil, "city": "Springfield", "state": "IL", "postal_code": "62702-1234"}},
		{"two-word city", "44 Elm Ave, Glen Ellyn, IL 60137",
			map[string]any{"line1": "44 Elm Ave", "line2": nil, "city": "Glen Ellyn", "state": "IL", "postal_code": "60137"}},
		{"state written out", "1200 N Main Street, Springfield, Illinois 62702", nil},
		{"no ZIP", "1200 N Main Street, Springfield, IL", nil},
		{"PO Box", "PO Box 880, Springfield, IL 62705", nil},
		{"three street parts", "Building 4, 1200 N Main Street, Suite 300, Springfield, IL 62702", nil},
		{"street only", "1200 N Main Street", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := splitAddress(tt.text)
			if ok != (tt.want != nil) {
				t.Fatalf("splitAddress(%q) = %v, %v", tt.text, got, ok)
			}
			if diff := cmp.Diff(tt.want, got); ok && diff != "" {
				t.Errorf("split (-want +got):\n%s", diff)
			}
		})
	}
}

func mismatch(code report.Code, field, expected, found, doc, what string) report.Finding {
	return report.Finding{Code: code, Severity: report.Reject, Field: field, Expected: expected, Found: found, Document: doc, Path: doc + ".pdf",
		Difference: report.DiffPunctuation, Message: "differs", Fix: "Enter the " + what + " exactly as printed on the " + doc + ": " + found}
}

func TestFromReport(t *testing.T) {
	name := mismatch(report.NameMismatch, "account_name", "Acme Widgets, Inc.", "ACME WIDGETS INC", "bill", "account name")
	number := mismatch(report.AccountNumberMismatch, "account_number", "482-99117-03", "482-99117-04", "bill", "account number")
	addr := mismatch(report.AddressMismatch, "service_address", "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702", "1200 N Main St, Ste 300, Springfield, IL 62702", "bill", "service address")
	unsigned := report.Finding{Code: report.LOAUnsigned, Severity: report.Reject, Document: "loa", Message: "The LOA shows no signature.", Fix: "Have the customer sign the LOA."}
	ocr := name
	ocr.Severity, ocr.Fix = report.Warn, `Compare the order's value "Acme Widgets, Inc." with the scanned bill by eye; if the scan shows exactly that, no change is needed.`
	signer := report.Finding{Code: report.SignerMismatch, Severity: report.Warn, Field: "authorized_name", Expected: "Dana Whitfield", Found: "Robin Park",
		Difference: report.DiffDifferent, Document: "loa", Message: "signed by another", Fix: "Enter authorized_name exactly as printed on the LOA: Robin Park"}
	billFields := &report.Fields{AccountName: "ACME WIDGETS INC", AccountNumber: "482-99117-04"}
	tests := []struct {
		name        string
		findings    []report.Finding
		docs        []report.Document
		wantPatch   map[string]any
		wantChanges int
		wantManual  []report.Code
	}{
		{"values entered", []report.Finding{name, number, unsigned},
			[]report.Document{{Kind: "bill", Fields: billFields}, {Kind: "loa", Fields: &report.Fields{AccountNumber: "482-99117-04"}}},
			map[string]any{"account_name": "ACME WIDGETS INC", "account_number": "482-99117-04"}, 2, []report.Code{report.LOAUnsigned}},
		{"address split", []report.Finding{addr}, nil,
			map[string]any{"service_address": map[string]any{"line1": "1200 N Main St", "line2": "Ste 300", "city": "Springfield", "state": "IL", "postal_code": "62702"}}, 1, nil},
		{"LOA prints the order's name", []report.Finding{name},
			[]report.Document{{Kind: "bill", Fields: billFields}, {Kind: "loa", Path: "loa.pdf", Fields: &report.Fields{AccountName: "Acme Widgets, Inc."}}},
			map[string]any{}, 0, []report.Code{report.NameMismatch}},
		{"bill and LOA disagree", []report.Finding{name, mismatch(report.NameMismatch, "account_name", "Acme Widgets, Inc.", "Acme Widgets Incorporated", "loa", "account name")}, nil,
			map[string]any{}, 0, []report.Code{report.NameMismatch, report.NameMismatch}},
		{"OCR misreading is looked at", []report.Finding{ocr}, nil, map[string]any{}, 0, []report.Code{report.NameMismatch}},
		{"a value beside a secret", []report.Finding{mismatch(report.AccountNumberMismatch, "account_number", "482-99117-03", "482-99117-03 PIN-[redacted]", "bill", "account number")}, nil,
			map[string]any{}, 0, []report.Code{report.AccountNumberMismatch}},
		{"another signer is asked about", []report.Finding{signer}, nil, map[string]any{}, 0, []report.Code{report.SignerMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := FromReport(&report.Report{OrderID: "o1", AsOf: "2026-11-23", Findings: tt.findings, Documents: tt.docs})
			if diff := cmp.Diff(tt.wantPatch, c.Patch); diff != "" {
				t.Errorf("patch (-want +got):\n%s", diff)
			}
			if len(c.Changes) != tt.wantChanges {
				t.Errorf("%d changes, want %d: %+v", len(c.Changes), tt.wantChanges, c.Changes)
			}
			var codes []report.Code
			for _, m := range c.Manual {
				codes = append(codes, m.Code)
				if m.Action == "" {
					t.Errorf("manual %s has no action", m.Code)
				}
			}
			if diff := cmp.Diff(tt.wantManual, codes); diff != "" {
				t.Errorf("manual codes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONShape: an empty correction is an object with an empty patch
// and empty lists, never null, so a client can send the patch as is.
func TestJSONShape(t *testing.T) {
	data, err := json.Marshal(FromReport(&report.Report{OrderID: "o1"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"order_id":"o1","as_of":"","patch":{},"changes":[],"manual":[]}`; string(data) != want {
		t.Errorf("got %s, want %s", data, want)
	}
	if strings.Contains(string(data), "null") {
		t.Error("null in an empty correction")
	}
}
