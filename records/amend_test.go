package records

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// versionedOnly is a folder store without AppendIf: metadata is
// written whole, as on S3. (Embedding the FS would bring AppendIf.)
type versionedOnly struct{ fs *storage.FS }

func (v versionedOnly) Get(ctx context.Context, k string) (io.ReadCloser, error) {
	return v.fs.Get(ctx, k)
}
func (v versionedOnly) Stat(ctx context.Context, k string) (storage.Info, error) {
	return v.fs.Stat(ctx, k)
}
func (v versionedOnly) Put(ctx context.Context, k string, r io.Reader) error {
	return v.fs.Put(ctx, k, r)
}
func (v versionedOnly) List(ctx context.Context, p string) ([]storage.Info, error) {
	return v.fs.List(ctx, p)
}
func (v versionedOnly) GetVersion(ctx context.Context, k string) ([]byte, string, error) {
	return v.fs.GetVersion(ctx, k)
}
func (v versionedOnly) PutIf(ctx context.Context, k string, data []byte, version string) error {
	return v.fs.PutIf(ctx, k, data, version)
}

// TestStandAmendsMeta: night after night of memos standing, metadata
// kept as amendments (a folder) reads as metadata written whole (a store
// without AppendIf, as S3) field for field, through the store's bound on
// amendments, and a whole write after them keeps what they set.
func TestStandAmendsMeta(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	stores := map[string]Records{}
	dirs := map[string]string{}
	if _, ok := any(versionedOnly{}).(storage.Appender); ok {
		t.Fatal("versionedOnly appends")
	}
	for _, name := range []string{"amended", "whole"} {
		dirs[name] = t.TempDir()
		fs, err := storage.NewFS(dirs[name])
		if err != nil {
			t.Fatal(err)
		}
		r := Records{Store: fs, Now: now}
		if name == "whole" {
			r.Store = versionedOnly{fs}
		}
		checkedOrder(t, r, "loc_a", "o1", "ab")
		_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		rep := billReport("o1", "ab")
		rep.AsOf = "2026-11-24"
		memo := &Memo{Digest: "d1", From: "2026-11-24", Until: "2026-12-31"}
		if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:0", prev, pv, rep, memo); err != nil || !done {
			t.Fatalf("FinishBatchCheck = %v, %v", done, err)
		}
		stores[name] = r
	}
	lockFile := filepath.Join(dirs["amended"], "orders/loc_a/o1/.lock-meta.json")
	amended := 0
	for night := 1; night <= 20; night++ {
		clock = clock.Add(24 * time.Hour)
		asOf := clock.Format(time.DateOnly)
		var got [2]Meta
		for i, name := range []string{"amended", "whole"} {
			r := stores[name]
			prev, pv, err := r.MetaVersion(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			if _, done, err := r.StandBatchCheck(ctx, "loc_a", "o1", "batch:"+asOf, prev, pv, asOf, "d1"); err != nil || !done {
				t.Fatalf("%s, %s: StandBatchCheck = %v, %v", name, asOf, done, err)
			}
			if got[i], err = r.Meta(ctx, "loc_a", "o1"); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(got[1], got[0]); diff != "" {
			t.Fatalf("%s: amended metadata (-whole +amended):\n%s", asOf, diff)
		}
		if got[0].ReportAsOf != asOf {
			t.Fatalf("%s: report as of %s", asOf, got[0].ReportAsOf)
		}
		if st, err := os.Stat(lockFile); err == nil && st.Size() > 0 {
			amended++
		}
	}
	if amended < 10 {
		t.Errorf("the folder held amendments after %d nights of 20: the test compares whole writes with whole writes", amended)
	}
	for _, r := range stores {
		if _, err := r.Update(ctx, "loc_a", "o1", func(m *Meta) { m.Verdict = "fail" }); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := stores["amended"].Meta(ctx, "loc_a", "o1")
	w, _ := stores["whole"].Meta(ctx, "loc_a", "o1")
	if diff := cmp.Diff(w, a); diff != "" || a.ReportAsOf != "2026-12-14" {
		t.Errorf("after a whole write, report as of %s; amended (-whole +amended):\n%s", a.ReportAsOf, diff)
	}
	if st, err := os.Stat(lockFile); err != nil || st.Size() != 0 {
		t.Errorf("the whole write left its amendments: %v, %v", st, err)
	}
}

// TestFinishAmendsMeta: nights whose reports change (a batch's new
// report, with a memo or none, findings or none) between nights whose
// memo stands, kept as amendments on a folder, read field for field as
// metadata written whole, and each night's latest report is the one
// the batch made.
func TestFinishAmendsMeta(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	stores := map[string]Records{}
	dir := ""
	for _, name := range []string{"amended", "whole"} {
		d := t.TempDir()
		fs, err := storage.NewFS(d)
		if err != nil {
			t.Fatal(err)
		}
		r := Records{Store: fs, Now: now}
		if name == "whole" {
			r.Store = versionedOnly{fs}
		} else {
			dir = d
		}
		checkedOrder(t, r, "loc_a", "o1", "ab")
		stores[name] = r
	}
	nights := []struct {
		name  string
		rep   func(asOf string) *report.Report // nil: the memo stands
		memo  bool
		amend bool // the folder keeps the night as an amendment
	}{
		{name: "findings, memo", rep: agingReport, memo: true, amend: true},
		{name: "memo stands", amend: true},
		{name: "no findings, no memo", rep: cleanReport, amend: true},
		{name: "findings, no memo", rep: agingReport, amend: true},
		{name: "no findings, memo", rep: cleanReport, memo: true, amend: true},
		{name: "memo stands again", amend: true},
	}
	amended := 0
	for round := range 4 {
		for _, n := range nights {
			clock = clock.Add(24 * time.Hour)
			asOf := clock.Format(time.DateOnly)
			var got [2]Meta
			var reps [2]*report.Report
			for i, name := range []string{"amended", "whole"} {
				r := stores[name]
				prev, pv, err := r.MetaVersion(ctx, "loc_a", "o1")
				if err != nil {
					t.Fatal(err)
				}
				task := "batch:" + asOf
				if n.rep == nil {
					if _, done, err := r.StandBatchCheck(ctx, "loc_a", "o1", task, prev, pv, asOf, "d1"); err != nil || !done {
						t.Fatalf("%s, %s (%s): StandBatchCheck = %v, %v", name, asOf, n.name, done, err)
					}
				} else {
					var memo *Memo
					if n.memo {
						memo = &Memo{Digest: "d1", From: asOf, Until: "2027-01-31", Profile: "strict", Numbers: []string{"+13125550100"}, Counts: []int{2}}
					}
					if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", task, prev, pv, n.rep(asOf), memo); err != nil || !done {
						t.Fatalf("%s, %s (%s): FinishBatchCheck = %v, %v", name, asOf, n.name, done, err)
					}
				}
				if reps[i], got[i], err = r.LatestReport(ctx, "loc_a", "o1"); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(got[1], got[0]); diff != "" {
				t.Fatalf("round %d, %s (%s): amended metadata (-whole +amended):\n%s", round, asOf, n.name, diff)
			}
			if diff := cmp.Diff(reps[1], reps[0]); diff != "" || reps[0].AsOf != asOf {
				t.Fatalf("round %d, %s (%s): latest report as of %s (-whole +amended):\n%s", round, asOf, n.name, reps[0].AsOf, diff)
			}
			if st, err := os.Stat(filepath.Join(dir, "orders/loc_a/o1/.lock-meta.json")); err == nil && st.Size() > 0 {
				amended++
			}
		}
	}
	if amended < 12 {
		t.Errorf("the folder held amendments after %d nights of 24: the test compares whole writes with whole writes", amended)
	}
}

// agingReport is a bill's report whose findings name its age as of
// asOf, so it changes every night.
func agingReport(asOf string) *report.Report {
	rep := billReport("o1", "ab")
	rep.AsOf = asOf
	rep.Findings = append(rep.Findings, report.Finding{Code: report.BillAging, Severity: report.Warn, Field: "bill_date", Document: "bill", Path: "bill.pdf", Message: "aged as of " + asOf})
	rep.Finalize()
	return rep
}

// cleanReport is a report with nothing found.
func cleanReport(asOf string) *report.Report {
	rep := billReport("o1", "ab")
	rep.AsOf, rep.Findings = asOf, nil
	rep.Finalize()
	return rep
}

// TestDecodeMetaLines: metadata reads as its amendments applied in
// turn, whichever lines carry a report, and text that spells a report
// inside a string is no report.
func TestDecodeMetaLines(t *testing.T) {
	at := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	base := Meta{ID: "o1", Tenant: "loc_a", Status: Checked, Verdict: "pass", Version: 2, ReportVersion: 2, ReportAsOf: "2026-11-23", Created: at, Updated: at}
	withReport := func(day, verdict string) Meta {
		m := base
		m.ReportAsOf, m.Verdict, m.Codes, m.ReportSum = day, verdict, []string{"BILL_AGING"}, "sum-"+day
		m.Memo = &Memo{Digest: "d", From: day, Until: "2026-12-31"}
		return m
	}
	stood := func(m Meta, day, reason string) Meta {
		m.ReportAsOf, m.Reason = day, reason
		return m
	}
	tests := []struct {
		name  string
		lines []amendment
		want  Meta
	}{
		{name: "none", want: base},
		{name: "stands", lines: []amendment{amendmentOf(stood(base, "2026-11-24", ""))}, want: stood(base, "2026-11-24", "")},
		{name: "a report, then stands", lines: []amendment{
			reportAmendmentOf(withReport("2026-11-24", "warn")),
			amendmentOf(stood(withReport("2026-11-24", "warn"), "2026-11-25", "")),
		}, want: stood(withReport("2026-11-24", "warn"), "2026-11-25", "")},
		{name: "two reports, a string spelling one after", lines: []amendment{
			reportAmendmentOf(withReport("2026-11-24", "warn")),
			reportAmendmentOf(withReport("2026-11-25", "reject")),
			amendmentOf(stood(withReport("2026-11-25", "reject"), "2026-11-26", `x,"report":{"verdict":"pass"}`)),
		}, want: stood(withReport("2026-11-25", "reject"), "2026-11-26", `x,"report":{"verdict":"pass"}`)},
		{name: "the last is a report", lines: []amendment{
			amendmentOf(stood(base, "2026-11-24", "")),
			reportAmendmentOf(withReport("2026-11-25", "reject")),
		}, want: withReport("2026-11-25", "reject")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := json.Marshal(base)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range tt.lines {
				line, err := json.Marshal(a)
				if err != nil {
					t.Fatal(err)
				}
				data = append(append(data, '\n'), line...)
			}
			got, err := decodeMeta(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decodeMeta (-want +got):\n%s", diff)
			}
		})
	}
}
