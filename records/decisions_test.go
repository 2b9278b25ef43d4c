package records

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
)

// checkedOrder is an order with a bill whose report carries an address
// mismatch (reject) and a carrier mismatch (warn).
func checkedOrder(t *testing.T, r Records, tenant, id, sha string) *report.Report {
	t.Helper()
	ctx := context.Background()
	if _, err := r.Create(ctx, tenant, sample(id)); err != nil {
		t.Fatal(err)
	}
	if _, err := r.AddDocument(ctx, tenant, id, DocRef{Name: "bill.pdf", Kind: "bill", SHA256: sha}); err != nil {
		t.Fatal(err)
	}
	rep := billReport(id, sha)
	if err := r.SaveReport(ctx, tenant, id, rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func billReport(id, sha string) *report.Report {
	rep := &report.Report{OrderID: id, Profile: "strict", AsOf: "2026-11-23",
		Findings: []report.Finding{
			{Code: report.AddressMismatch, Severity: report.Reject, Field: "service_address", Document: "bill", Path: "bill.pdf", Expected: "1200 N MAIN ST", Found: "1210 N MAIN ST", Message: "m"},
			{Code: report.CarrierMismatch, Severity: report.Warn, Field: "current_carrier", Document: "bill", Path: "bill.pdf", Message: "m"},
			{Code: report.RequestedDateInvalid, Severity: report.Reject, Field: "requested_date", Expected: "3 to 30 days", Found: "2026-11-24", Message: "m"},
		},
		Documents: []report.Document{{Kind: "bill", Path: "bill.pdf", SHA256: sha, Fields: &report.Fields{BillDate: "2026-11-03"}}},
	}
	rep.Finalize()
	return rep
}

// documentFindings keeps the bill's findings: the address decides the
// verdict.
func documentFindings(rep *report.Report) *report.Report {
	rep.Findings = slices.DeleteFunc(rep.Findings, func(f report.Finding) bool { return f.Document == "" })
	rep.Finalize()
	return rep
}

func keyOf(rep *report.Report, c report.Code) FindingKey {
	for _, f := range rep.Findings {
		if f.Code == c {
			return KeyOf(rep, f)
		}
	}
	panic("no " + string(c))
}

func TestAcceptChangesTheVerdict(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	rep := checkedOrder(t, r, "loc_a", "o1", "aa")
	who := report.Acceptance{By: "Dana", Comment: "the carrier's CSR says 1210"}
	steps := []struct {
		name        string
		do          func() (Meta, error)
		wantVerdict string
		wantErr     error
	}{
		{"accept the address", func() (Meta, error) { return r.Accept(ctx, "loc_a", "o1", keyOf(rep, report.AddressMismatch), who) }, "reject", nil},
		{"accept the date too", func() (Meta, error) {
			return r.Accept(ctx, "loc_a", "o1", keyOf(rep, report.RequestedDateInvalid), who)
		}, "warn", nil},
		{"accept without a comment", func() (Meta, error) {
			return r.Accept(ctx, "loc_a", "o1", keyOf(rep, report.CarrierMismatch), report.Acceptance{By: "Dana"})
		}, "", ErrBadDecision},
		{"accept a finding the report lacks", func() (Meta, error) {
			return r.Accept(ctx, "loc_a", "o1", FindingKey{Code: "NAME_MISMATCH", Field: "account_name", Document: "aa"}, who)
		}, "", ErrNoFinding},
		{"another tenant", func() (Meta, error) { return r.Accept(ctx, "loc_b", "o1", keyOf(rep, report.CarrierMismatch), who) }, "", ErrNotFound},
		{"withdraw the date", func() (Meta, error) { return r.Withdraw(ctx, "loc_a", "o1", keyOf(rep, report.RequestedDateInvalid)) }, "reject", nil},
	}
	for _, s := range steps {
		m, err := s.do()
		if !errors.Is(err, s.wantErr) {
			t.Fatalf("%s: error %v, want %v", s.name, err, s.wantErr)
		}
		if err == nil && m.Verdict != s.wantVerdict {
			t.Errorf("%s: verdict %s, want %s", s.name, m.Verdict, s.wantVerdict)
		}
	}
	data, err := r.Report(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	var got report.Report
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	var accepted []report.Code
	for _, f := range got.Findings {
		if f.Accepted != nil {
			accepted = append(accepted, f.Code)
			if f.Accepted.By != "Dana" || f.Accepted.Tenant != "loc_a" || f.Accepted.At == "" {
				t.Errorf("acceptance %+v lacks who or when", f.Accepted)
			}
		}
	}
	if diff := cmp.Diff([]report.Code{report.AddressMismatch}, accepted); diff != "" {
		t.Errorf("accepted in the API's report (-want +got):\n%s", diff)
	}
}

// TestDecisionSurvivesRecheckUntilTheDocumentChanges: a re-check of the
// same bytes keeps the decision; a new upload of other bytes lapses it.
func TestDecisionSurvivesRecheckUntilTheDocumentChanges(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	rep := documentFindings(billReport("o1", "aa"))
	if _, err := r.Create(ctx, "loc_a", sample("o1")); err != nil {
		t.Fatal(err)
	}
	if _, err := r.AddDocument(ctx, "loc_a", "o1", DocRef{Name: "bill.pdf", Kind: "bill", SHA256: "aa"}); err != nil {
		t.Fatal(err)
	}
	if err := r.SaveReport(ctx, "loc_a", "o1", rep); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Accept(ctx, "loc_a", "o1", keyOf(rep, report.AddressMismatch), report.Acceptance{By: "Dana", Comment: "ok"}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name, sha, want string
	}{
		{"re-validated tomorrow, same bill", "aa", "warn"},
		{"a new bill uploaded", "bb", "reject"},
		{"the first bill again", "aa", "warn"},
	}
	for _, s := range steps {
		again := documentFindings(billReport("o1", s.sha))
		again.AsOf = "2026-11-24"
		if err := r.SaveReport(ctx, "loc_a", "o1", again); err != nil {
			t.Fatal(err)
		}
		m, err := r.Meta(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		if m.Verdict != s.want {
			t.Errorf("%s: verdict %s, want %s", s.name, m.Verdict, s.want)
		}
		latest, _, err := r.LatestReport(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		if string(latest.Verdict) != s.want {
			t.Errorf("%s: latest report's verdict %s, want %s", s.name, latest.Verdict, s.want)
		}
	}
}

// TestParallelAcceptsLoseNothing: decisions are written with the
// metadata's compare-and-swap, so reviewers accepting at once keep both.
func TestParallelAcceptsLoseNothing(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			r, ctx := Records{Store: open(t)}, context.Background()
			rep := checkedOrder(t, r, "loc_a", "o1", "aa")
			var wg sync.WaitGroup
			for _, f := range rep.Findings {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := r.Accept(ctx, "loc_a", "o1", KeyOf(rep, f), report.Acceptance{By: "Dana", Comment: string(f.Code)}); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			m, err := r.Meta(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Decisions) != len(rep.Findings) || m.Verdict != "pass" {
				t.Errorf("%d decisions, verdict %s; want %d and pass", len(m.Decisions), m.Verdict, len(rep.Findings))
			}
		})
	}
}

func TestAgesOut(t *testing.T) {
	tests := []struct {
		name    string
		profile string
		docs    []report.Document
		want    string
	}{
		{"bill within 30 days", "strict", []report.Document{{Kind: "bill", Fields: &report.Fields{BillDate: "2026-11-03"}}}, "2026-12-03"},
		{"the LOA ages out first", "telnyx", []report.Document{
			{Kind: "bill", Fields: &report.Fields{BillDate: "2026-11-03"}},
			{Kind: "loa", Fields: &report.Fields{SignedDate: "2026-08-30"}},
		}, "2026-11-28"},
		{"no date read", "strict", []report.Document{{Kind: "bill", Fields: &report.Fields{}}}, ""},
		{"an unknown profile", "nope", []report.Document{{Kind: "bill", Fields: &report.Fields{BillDate: "2026-11-03"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := agesOut(&report.Report{Profile: tt.profile, Documents: tt.docs}); got != tt.want {
				t.Errorf("agesOut = %q, want %q", got, tt.want)
			}
		})
	}
}
