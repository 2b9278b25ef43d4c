package records

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
)

// TestMetaWithoutMemo: metadata written before memos reads as an order
// whose report stands for nothing.
func TestMetaWithoutMemo(t *testing.T) {
	old := `{"id":"o1","location_id":"loc_a","status":"checked","documents":[],"created":"2026-11-20T00:00:00Z","updated":"2026-11-20T00:00:00Z","version":2,"report_version":2,"report_as_of":"2026-11-23"}`
	var m Meta
	if err := json.Unmarshal([]byte(old), &m); err != nil {
		t.Fatal(err)
	}
	if m.Memo != nil || m.Standing("2026-11-24") {
		t.Errorf("memo %+v, standing %v; want none", m.Memo, m.Standing("2026-11-24"))
	}
	data, err := json.Marshal(Meta{ID: "o1"})
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	if _, ok := fields["memo"]; ok {
		t.Error("metadata without a memo writes a memo field")
	}
}

// TestStandBatchCheck: a memo that stands moves the report to the new
// date with one metadata write and no report object, and the report
// reads back as the one of that date byte for byte; a memo that changed
// since it was read, or a date it does not cover, is refused, and a
// check asked for meanwhile keeps the order.
func TestStandBatchCheck(t *testing.T) {
	ctx := context.Background()
	memo := &Memo{Digest: "d1", From: "2026-11-24", Until: "2026-11-29"}
	setup := func(t *testing.T) (Records, *report.Report) {
		t.Helper()
		r := newRecords(t)
		checkedOrder(t, r, "loc_a", "o1", "ab") // as of 2026-11-23, no memo
		_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		rep := billReport("o1", "ab")
		rep.AsOf = "2026-11-24"
		if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:1", prev, pv, rep, memo); err != nil || !done {
			t.Fatalf("FinishBatchCheck = %v, %v", done, err)
		}
		return r, rep
	}
	t.Run("stands", func(t *testing.T) {
		r, rep := setup(t)
		prev, pv, err := r.MetaVersion(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		before := keys(t, r.Store, "orders/loc_a/o1/reports/")
		m, done, err := r.StandBatchCheck(ctx, "loc_a", "o1", "batch:2", prev, pv, "2026-11-27", "d1")
		if err != nil || !done {
			t.Fatalf("StandBatchCheck = %v, %v", done, err)
		}
		if m.ReportAsOf != "2026-11-27" || m.Memo.Digest != "d1" || m.Verdict != prev.Verdict {
			t.Errorf("metadata after: report as of %s, memo %+v, verdict %s", m.ReportAsOf, m.Memo, m.Verdict)
		}
		if diff := cmp.Diff(before, keys(t, r.Store, "orders/loc_a/o1/reports/")); diff != "" {
			t.Errorf("report objects changed (-before +after):\n%s", diff)
		}
		got, err := r.Report(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(storedAs(t, rep, "2026-11-27", prev.Version)), string(got)); diff != "" {
			t.Errorf("report read back (-want +got):\n%s", diff)
		}
		if again, done, err := r.StandBatchCheck(ctx, "loc_a", "o1", "batch:2", m, "", "2026-11-27", "d1"); err != nil || done || again.ReportAsOf != "2026-11-27" {
			t.Errorf("the same batch again: done %v, %v", done, err)
		}
	})
	for _, tt := range []struct {
		name         string
		asOf, digest string
		edit         func(*Meta)
	}{
		{"other inputs", "2026-11-27", "d2", nil},
		{"a day past", "2026-11-29", "d1", nil},
		{"a day before", "2026-11-23", "d1", nil},
		{"a new version meanwhile", "2026-11-27", "d1", func(m *Meta) { m.Version++ }},
		{"another memo meanwhile", "2026-11-27", "d1", func(m *Meta) {
			m.Memo = &Memo{Digest: "d1", From: "2026-11-25", Until: "2026-11-29"}
			m.ReportSum = "other"
		}},
	} {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			r, _ := setup(t)
			prev, pv, err := r.MetaVersion(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			if tt.edit != nil {
				if _, err := r.Update(ctx, "loc_a", "o1", tt.edit); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := r.StandBatchCheck(ctx, "loc_a", "o1", "batch:2", prev, pv, tt.asOf, tt.digest); !errors.Is(err, ErrMemoMoved) {
				t.Errorf("StandBatchCheck: %v, want ErrMemoMoved", err)
			}
		})
	}
	t.Run("a check pending", func(t *testing.T) {
		r, _ := setup(t)
		prev, pv, err := r.MetaVersion(ctx, "loc_a", "o1") // the batch reads the order
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := r.RequestCheck(ctx, "loc_a", "o1", "2026-11-27", func(int) string { return "check:1" }); err != nil {
			t.Fatal(err)
		}
		if _, done, err := r.StandBatchCheck(ctx, "loc_a", "o1", "batch:2", prev, pv, "2026-11-27", "d1"); done || !errors.Is(err, ErrMemoMoved) && err != nil {
			t.Errorf("StandBatchCheck = %v, %v; want the pending check to keep the order", done, err)
		}
		m, _ := r.Meta(ctx, "loc_a", "o1")
		if m.Status != Queued {
			t.Errorf("status %s, want queued", m.Status)
		}
	})
}
