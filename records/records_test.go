package records

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

func newRecords(t *testing.T) Records {
	t.Helper()
	s, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return Records{Store: s}
}

func sample(id string) *order.Order {
	return &order.Order{ID: id, AccountName: "Acme", PIN: order.NewSecret("4410"),
		Numbers: []order.Number{{Number: "+12175550100", PIN: order.NewSecret("9921")}}}
}

func TestLifecycle(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	if _, err := r.Create(ctx, "loc_a", sample("o1")); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Create(ctx, "loc_a", sample("o1")); !errors.Is(err, ErrExists) {
		t.Errorf("second create = %v, want ErrExists", err)
	}
	if _, err := r.Create(ctx, "loc_a", sample("../x")); !errors.Is(err, ErrInvalidID) {
		t.Errorf("create ../x = %v, want ErrInvalidID", err)
	}
	if _, err := r.AddDocument(ctx, "loc_a", "o1", DocRef{Name: "bill.pdf", Kind: "bill", SHA256: "ab"}); err != nil {
		t.Fatal(err)
	}
	o, m, err := r.Load(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if o.PIN.Reveal() != "4410" || o.Numbers[0].PIN.Reveal() != "9921" {
		t.Error("a stored order lost its PINs")
	}
	if diff := cmp.Diff([]order.Document{{Kind: "bill", Path: "bill.pdf"}}, o.Documents); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	if m.Status != Draft || m.Version != 1 {
		t.Errorf("meta %+v", m)
	}
	if _, _, err := r.Load(ctx, "loc_b", "o1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("another tenant loads the order: %v", err)
	}
	if _, err := r.Report(ctx, "loc_a", "o1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("report before a check = %v", err)
	}
	rep := &report.Report{OrderID: "o1", Findings: []report.Finding{{Code: report.BillAging, Severity: report.Warn}}}
	rep.Finalize()
	if err := r.SaveReport(ctx, "loc_a", "o1", rep); err != nil {
		t.Fatal(err)
	}
	if m, _ := r.Meta(ctx, "loc_a", "o1"); m.Status != Checked || m.Verdict != "warn" || !cmp.Equal(m.Codes, []string{"BILL_AGING"}) {
		t.Errorf("after the report: %+v", m)
	}
}

func TestPortingIndex(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	for _, id := range []string{"o1", "o2", "o3"} {
		if _, err := r.Create(ctx, "loc_a", sample(id)); err != nil {
			t.Fatal(err)
		}
	}
	r.Create(ctx, "loc_b", sample("other-tenant"))
	r.Update(ctx, "loc_a", "o3", func(m *Meta) { m.Status = Failed })
	got, err := r.Pending("loc_a").PortingOrders(ctx, sample("o1"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string][]string{"+12175550100": {"o2"}}, got); diff != "" {
		t.Errorf("porting orders (-want +got):\n%s", diff)
	}
}
