package records

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/report"
)

// dateCodes are the codes a redate replaces: the date rules' own.
var dateCodes = func() []string {
	var out []string
	for _, c := range match.DateCodes() {
		out = append(out, string(c))
	}
	return out
}()

func aging(days string, sev report.Severity, code report.Code) report.Finding {
	return report.Finding{Code: code, Severity: sev, Field: "bill_date", Document: "bill", Path: "bill.pdf",
		Expected: "at most 30 days old", Found: "November 3, 2026 (" + days + " days old)", Message: "The bill is " + days + " days old.",
		Evidence: &report.Evidence{Page: 1, Text: "November 3, 2026", Box: &[4]float64{378.5, 72.8, 452.5, 81.8}}}
}

// TestRedatedMetaIsWhole: night after night, an order whose report is
// made again from its latest (FinishRedatedCheck: the date findings in
// the metadata, no report written) reads back byte for byte as a twin
// order given the same report whole (FinishBatchCheck), with the same
// verdict, codes, counts and ages_out, through reviewers' decisions on
// a date finding and on another, and a night whose report changed in
// nothing but its date.
func TestRedatedMetaIsWhole(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	base := checkedOrder(t, r, "loc_a", "o1", "ab")
	checkedOrder(t, r, "loc_a", "twin", "ab")
	memo := &Memo{Digest: "d", Profile: "strict", Dated: json.RawMessage(`{}`)}
	first := *base
	first.Findings = append(slices.Clone(base.Findings), aging("27", report.Warn, report.BillAging))
	first.Finalize()
	for _, id := range []string{"o1", "twin"} {
		finish(t, r, id, "2026-11-29", &first, memo)
	}
	who := report.Acceptance{By: "Dana", Comment: "the carrier's CSR says 1210"}
	nights := []struct {
		asOf   string
		dated  []report.Finding
		accept report.Code // accepted before the night, on both orders
	}{
		{"2026-11-30", []report.Finding{aging("28", report.Warn, report.BillAging)}, ""},
		{"2026-12-01", []report.Finding{aging("29", report.Warn, report.BillAging), {Code: report.RequestedDateInvalid, Severity: report.Reject, Field: "requested_date", Found: "2026-12-01", Message: "m"}}, report.BillAging},
		{"2026-12-02", []report.Finding{aging("29", report.Warn, report.BillAging), {Code: report.RequestedDateInvalid, Severity: report.Reject, Field: "requested_date", Found: "2026-12-01", Message: "m"}}, report.AddressMismatch},
		{"2026-12-03", []report.Finding{aging("31", report.Reject, report.BillTooOld)}, ""},
		{"2026-12-04", nil, ""},
	}
	for _, n := range nights {
		if n.accept != "" {
			latest, _, err := r.LatestReport(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"o1", "twin"} {
				if _, err := r.Accept(ctx, "loc_a", id, keyOf(latest, n.accept), who); err != nil {
					t.Fatalf("%s: accept %s on %s: %v", n.asOf, n.accept, id, err)
				}
			}
		}
		objects := keys(t, r.Store, "orders/loc_a/o1/reports/")
		_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		next := *memo
		next.From = n.asOf
		if _, done, err := r.FinishRedatedCheck(ctx, "loc_a", "o1", "batch:"+n.asOf, prev, pv, n.asOf, dateCodes, n.dated, &next); err != nil || !done {
			t.Fatalf("%s: FinishRedatedCheck = %v, %v", n.asOf, done, err)
		}
		whole, _, err := r.LatestReport(ctx, "loc_a", "twin")
		if err != nil {
			t.Fatal(err)
		}
		whole.AsOf = n.asOf
		for i := range whole.Findings {
			whole.Findings[i].Accepted = nil
		}
		whole.Replace([]report.Code{report.RequestedDateInvalid, report.BillTooOld, report.BillAging, report.LOATooOld}, n.dated)
		finish(t, r, "twin", n.asOf, whole, &next)

		if diff := cmp.Diff(objects, keys(t, r.Store, "orders/loc_a/o1/reports/")); diff != "" {
			t.Errorf("%s: report objects written (-before +after):\n%s", n.asOf, diff)
		}
		got, want := readBack(t, r, "o1"), readBack(t, r, "twin")
		if diff := cmp.Diff(strings.ReplaceAll(want, `"twin"`, `"o1"`), got); diff != "" {
			t.Errorf("%s: report (-whole +redated):\n%s", n.asOf, diff)
		}
		gm, _ := r.Meta(ctx, "loc_a", "o1")
		wm, _ := r.Meta(ctx, "loc_a", "twin")
		if diff := cmp.Diff(summary(wm), summary(gm)); diff != "" {
			t.Errorf("%s: metadata (-whole +redated):\n%s", n.asOf, diff)
		}
	}
}

func finish(t *testing.T, r Records, id, asOf string, rep *report.Report, memo *Memo) {
	t.Helper()
	_, prev, pv, err := r.LoadVersion(context.Background(), "loc_a", id)
	if err != nil {
		t.Fatal(err)
	}
	cp := *rep
	cp.OrderID, cp.AsOf = id, asOf
	if _, done, err := r.FinishBatchCheck(context.Background(), "loc_a", id, "batch:"+asOf, prev, pv, &cp, memo); err != nil || !done {
		t.Fatalf("FinishBatchCheck of %s = %v, %v", id, done, err)
	}
}

func readBack(t *testing.T, r Records, id string) string {
	t.Helper()
	data, err := r.Report(context.Background(), "loc_a", id)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// summary is what of the metadata a report decides, the marks in a
// fixed order.
func summary(m Meta) map[string]any {
	marks := slices.Clone(m.Memo.Marks)
	slices.SortFunc(marks, func(a, b Mark) int {
		return strings.Compare(a.Key.String()+string(a.Severity), b.Key.String()+string(b.Severity))
	})
	return map[string]any{"status": m.Status, "verdict": m.Verdict, "codes": m.Codes, "counts": m.Memo.Counts, "ages_out": m.AgesOut,
		"report_as_of": m.ReportAsOf, "marks": marks, "from": m.Memo.From}
}
