package records

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
)

// storedAs is the report as writeReport would store it, as of asOf.
func storedAs(t *testing.T, rep *report.Report, asOf string, version int) []byte {
	t.Helper()
	cp := *rep
	cp.AsOf = asOf
	var b bytes.Buffer
	if err := report.WriteJSON(&b, storedReport{&cp, version}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBatchReusesUnchangedReport: a re-validation whose report differs
// from the latest in its as-of date alone writes no report object, and
// the order's report reads as the one as of the new day, byte for byte;
// a report that changed in anything else is written.
func TestBatchReusesUnchangedReport(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	first := checkedOrder(t, r, "loc_a", "o1", "ab") // as of 2026-11-23
	aged := billReport("o1", "ab")
	aged.Findings = append(aged.Findings, report.Finding{Code: report.BillAging, Severity: report.Warn, Field: "bill_date", Document: "bill", Path: "bill.pdf", Message: "m"})
	aged.Finalize()
	tests := []struct {
		name    string
		asOf    string
		rep     *report.Report
		objects []string // the order's report objects after the run
	}{
		{"same findings a day on", "2026-11-24", first, []string{"v1-2026-11-23.json"}},
		{"and another day", "2026-11-25", first, []string{"v1-2026-11-23.json"}},
		{"a finding more", "2026-11-26", aged, []string{"v1-2026-11-23.json", "v1-2026-11-26.json"}},
		{"the same again", "2026-11-27", aged, []string{"v1-2026-11-23.json", "v1-2026-11-26.json"}},
		{"back as it was", "2026-11-28", first, []string{"v1-2026-11-23.json", "v1-2026-11-26.json", "v1-2026-11-28.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			rep := *tt.rep
			rep.AsOf = tt.asOf
			_, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:"+tt.asOf, prev, pv, &rep, nil)
			if err != nil || !done {
				t.Fatalf("FinishBatchCheck = %v, %v", done, err)
			}
			var got []string
			for _, k := range keys(t, r.Store, "orders/loc_a/o1/reports/") {
				got = append(got, k[len("orders/loc_a/o1/reports/"):])
			}
			if diff := cmp.Diff(tt.objects, got); diff != "" {
				t.Errorf("report objects (-want +got):\n%s", diff)
			}
			data, err := r.Report(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(storedAs(t, &rep, tt.asOf, 1)), string(data)); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
			latest, m, err := r.LatestReport(ctx, "loc_a", "o1")
			if err != nil || latest.AsOf != tt.asOf || m.ReportAsOf != tt.asOf || !r.Answered(m, tt.asOf) {
				t.Errorf("latest report as of %q, meta as of %q (%v); want %s, answered", latest.AsOf, m.ReportAsOf, err, tt.asOf)
			}
		})
	}
}

// TestBatchReuseSeesAChangeMeanwhile: when the latest report changed
// after the batch read the order (a check of its own finished), the
// batch's report is written under its own name, not pointed at an
// object that is no longer the order's report.
func TestBatchReuseSeesAChangeMeanwhile(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	first := checkedOrder(t, r, "loc_a", "o1", "ab")
	_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	other := billReport("o1", "ab")
	other.AsOf = "2026-11-24"
	other.Findings = other.Findings[:1]
	other.Finalize()
	if err := r.SaveReport(ctx, "loc_a", "o1", other); err != nil {
		t.Fatal(err)
	}
	rep := *first
	rep.AsOf = "2026-11-25"
	if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:x", prev, pv, &rep, nil); err != nil || !done {
		t.Fatalf("FinishBatchCheck = %v, %v", done, err)
	}
	data, err := r.Report(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(storedAs(t, &rep, "2026-11-25", 1)), string(data)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if _, err := r.Store.Stat(ctx, "orders/loc_a/o1/reports/v1-2026-11-25.json"); err != nil {
		t.Errorf("the batch's report was not written under its own name: %v", err)
	}
}

// TestDecisionOnReusedReport: a reviewer's decision on an order whose
// latest report is an earlier day's applies to it, and the report read
// is still as of the latest day.
func TestDecisionOnReusedReport(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	first := checkedOrder(t, r, "loc_a", "o1", "ab")
	_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	rep := *first
	rep.AsOf = "2026-11-24"
	if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:x", prev, pv, &rep, nil); err != nil || !done {
		t.Fatalf("FinishBatchCheck = %v, %v", done, err)
	}
	who := report.Acceptance{By: "Dana", Comment: "the carrier's CSR says 1210"}
	for _, c := range []report.Code{report.AddressMismatch, report.RequestedDateInvalid} {
		if _, err := r.Accept(ctx, "loc_a", "o1", keyOf(first, c), who); err != nil {
			t.Fatal(err)
		}
	}
	data, err := r.Report(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	var got storedReport
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.AsOf != "2026-11-24" || got.Verdict != report.Warn {
		t.Errorf("report as of %s, verdict %s; want 2026-11-24, warn", got.AsOf, got.Verdict)
	}
	if m, _ := r.Meta(ctx, "loc_a", "o1"); m.Verdict != "warn" {
		t.Errorf("meta verdict %s, want warn", m.Verdict)
	}
}

// TestBatchWriteKeepsAChangeMeanwhile: the batch's write of metadata it
// read before a reviewer's decision keeps the decision (the write at
// the version read is refused, and the batch reads again).
func TestBatchWriteKeepsAChangeMeanwhile(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	first := checkedOrder(t, r, "loc_a", "o1", "ab")
	_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
	if err != nil || pv == "" {
		t.Fatalf("LoadVersion: version %q, %v", pv, err)
	}
	who := report.Acceptance{By: "Dana", Comment: "the carrier's CSR says 1210"}
	if _, err := r.Accept(ctx, "loc_a", "o1", keyOf(first, report.AddressMismatch), who); err != nil {
		t.Fatal(err)
	}
	rep := *first
	rep.AsOf = "2026-11-24"
	if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:x", prev, pv, &rep, nil); err != nil || !done {
		t.Fatalf("FinishBatchCheck = %v, %v", done, err)
	}
	m, err := r.Meta(ctx, "loc_a", "o1")
	if err != nil || len(m.Decisions) != 1 || m.ReportAsOf != "2026-11-24" {
		t.Errorf("after the batch: %d decisions, report as of %s (%v); want the decision kept, as of 2026-11-24", len(m.Decisions), m.ReportAsOf, err)
	}
}

// TestEncodeReport: the report and sum made from one encoding are
// writeReport's bytes and reportSum's sum, whatever the findings and the
// as-of date hold.
func TestEncodeReport(t *testing.T) {
	tricky := billReport("o1", "ab")
	tricky.Findings[0].Message = "see\n  \"as_of\": \"2026-11-23\", <&> \u2028"
	tricky.Findings[0].Found = `"as_of": "2026-11-23"`
	tests := []struct {
		name string
		asOf string
		rep  *report.Report
	}{
		{name: "a day", asOf: "2026-11-24", rep: billReport("o1", "ab")},
		{name: "no date", asOf: "", rep: billReport("o1", "ab")},
		{name: "findings that name as_of", asOf: "2026-11-23", rep: tricky},
		{name: "a date to escape", asOf: "2026-11-23\"<&>\n  \"as_of\": \"x", rep: tricky},
		{name: "no findings", asOf: "2026-11-24", rep: &report.Report{OrderID: "o2", Profile: "strict"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp := *tt.rep
			cp.AsOf = tt.asOf
			data, sum, err := encodeReport(3, &cp)
			if err != nil {
				t.Fatal(err)
			}
			want, err := reportSum(3, &cp)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(storedAs(t, &cp, tt.asOf, 3)), string(data)); diff != "" {
				t.Errorf("stored bytes (-writeReport +encodeReport):\n%s", diff)
			}
			if sum != want {
				t.Errorf("sum %s, reportSum %s", sum, want)
			}
		})
	}
}
