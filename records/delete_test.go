package records

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// upload stores content as a document and records it on the order, as
// the API does.
func upload(t *testing.T, r Records, tenant, id, name, content string) DocRef {
	t.Helper()
	ctx := context.Background()
	_, sum, err := storage.PutDocument(ctx, r.Store, []byte(content))
	if err != nil {
		t.Fatal(err)
	}
	d := DocRef{Name: name, Kind: "bill", SHA256: sum, Bytes: int64(len(content)), MediaType: "application/pdf"}
	if _, err := r.AddDocument(ctx, tenant, id, d); err != nil {
		t.Fatal(err)
	}
	// An extraction, as a check leaves one.
	if err := r.Store.Put(ctx, "extractions/v1/"+sum+".json", bytes.NewReader([]byte("{}"))); err != nil {
		t.Fatal(err)
	}
	return d
}

func keys(t *testing.T, s storage.Store, prefix string) []string {
	t.Helper()
	infos, err := s.List(context.Background(), prefix)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, i := range infos {
		out = append(out, i.Key)
	}
	return out
}

// TestDeleteOrder, on each store: the order's objects go, and so do its
// documents and extractions that no other order holds.
func TestDeleteOrder(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) { deleteOrder(t, Records{Store: open(t)}) })
	}
}

func deleteOrder(t *testing.T, r Records) {
	ctx := context.Background()
	for _, o := range []struct{ tenant, id string }{{"loc_a", "gone"}, {"loc_a", "kept"}, {"loc_b", "other"}} {
		if _, err := r.Create(ctx, o.tenant, sample(o.id)); err != nil {
			t.Fatal(err)
		}
	}
	shared := upload(t, r, "loc_a", "gone", "bill.pdf", "%PDF shared bill")
	upload(t, r, "loc_a", "gone", "copy.pdf", "%PDF shared bill") // the same bytes twice in one order
	upload(t, r, "loc_a", "gone", "loa.pdf", "%PDF own loa")
	upload(t, r, "loc_b", "other", "bill.pdf", "%PDF shared bill") // another tenant holds the same bytes
	rep := &report.Report{OrderID: "gone", AsOf: "2026-11-23"}
	rep.Finalize()
	if err := r.SaveReport(ctx, "loc_a", "gone", rep); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.Patch(ctx, "loc_a", "gone", AnyVersion, func([]byte) (*order.Order, error) { return sample("gone"), nil }); err != nil {
		t.Fatal(err)
	}

	if err := r.DeleteOrder(ctx, "loc_b", "gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("another tenant deletes the order: %v", err)
	}
	if err := r.DeleteOrder(ctx, "loc_a", "gone"); err != nil {
		t.Fatal(err)
	}
	if err := r.DeleteOrder(ctx, "loc_a", "gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
	tests := []struct {
		name, prefix string
		want         []string
	}{
		{"order objects", "orders/loc_a/gone/", []string{}},
		{"other orders", "orders/loc_a/kept/", []string{"orders/loc_a/kept/meta.json", "orders/loc_a/kept/order.json"}},
		{"documents", "documents/", []string{storage.DocumentKey(shared.SHA256)}},
		{"extractions", "extractions/", []string{"extractions/v1/" + shared.SHA256 + ".json"}},
		{"references", "refs/", []string{"refs/sha256/" + shared.SHA256 + "/loc_b/other/bill.pdf"}},
		{"number index", "numbers/loc_a/", []string{"numbers/loc_a/+12175550100/kept"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, keys(t, r.Store, tt.prefix)); diff != "" {
				t.Errorf("left under %s (-want +got):\n%s", tt.prefix, diff)
			}
		})
	}
	if _, err := r.Meta(ctx, "loc_a", "gone"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the deleted order's metadata: %v", err)
	}
}

func TestDeleteDocument(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	if _, err := r.Create(ctx, "loc_a", sample("o1")); err != nil {
		t.Fatal(err)
	}
	d := upload(t, r, "loc_a", "o1", "bill.pdf", "%PDF bill")
	rep := &report.Report{OrderID: "o1", AsOf: "2026-11-23"}
	rep.Finalize()
	r.SaveReport(ctx, "loc_a", "o1", rep)
	tests := []struct {
		name, tenant, doc string
		want              error
	}{
		{"other tenant", "loc_b", "bill.pdf", ErrNotFound},
		{"unknown name", "loc_a", "loa.pdf", ErrNoDocument},
		{"present", "loc_a", "bill.pdf", nil},
		{"again", "loc_a", "bill.pdf", ErrNoDocument},
	}
	for _, tt := range tests {
		if _, err := r.DeleteDocument(ctx, tt.tenant, "o1", tt.doc); !errors.Is(err, tt.want) {
			t.Errorf("%s: DeleteDocument = %v, want %v", tt.name, err, tt.want)
		}
	}
	m, _ := r.Meta(ctx, "loc_a", "o1")
	if len(m.Documents) != 0 || !m.Stale() {
		t.Errorf("after the delete: %d documents, stale %v; want none, stale", len(m.Documents), m.Stale())
	}
	if got := keys(t, r.Store, "documents/"); len(got) != 0 {
		t.Errorf("the document %s is still stored: %v", d.SHA256, got)
	}
	// Replacing a name with other bytes releases the old bytes too.
	upload(t, r, "loc_a", "o1", "bill.pdf", "%PDF first")
	upload(t, r, "loc_a", "o1", "bill.pdf", "%PDF second")
	if got := keys(t, r.Store, "documents/"); len(got) != 1 {
		t.Errorf("after a replacement %d documents stored, want 1", len(got))
	}
}

func TestPatch(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	if _, err := r.Create(ctx, "loc_a", sample("o1")); err != nil {
		t.Fatal(err)
	}
	rep := &report.Report{OrderID: "o1", AsOf: "2026-11-23"}
	rep.Finalize()
	r.SaveReport(ctx, "loc_a", "o1", rep)
	rename := func(name string) func([]byte) (*order.Order, error) {
		return func(stored []byte) (*order.Order, error) {
			o, err := order.DecodeBytes(stored)
			if err != nil {
				return nil, err
			}
			o.AccountName = name
			o.Numbers[0].Number = "+12175550143"
			return o, nil
		}
	}
	if _, _, err := r.Patch(ctx, "loc_a", "o1", 5, rename("x")); !errors.Is(err, ErrVersion) {
		t.Errorf("patch of version 5 = %v, want ErrVersion", err)
	}
	if _, _, err := r.Patch(ctx, "loc_b", "o1", AnyVersion, rename("x")); !errors.Is(err, ErrNotFound) {
		t.Errorf("patch by another tenant = %v, want ErrNotFound", err)
	}
	if _, _, err := r.Patch(ctx, "loc_a", "o1", 0, rename("Acme Widgets")); err != nil {
		t.Fatal(err)
	}
	o, m, err := r.Load(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if o.AccountName != "Acme Widgets" || o.PIN.Reveal() != "4410" || m.Version != 1 || !m.Stale() {
		t.Errorf("after the patch: %q, PIN kept %v, version %d, stale %v", o.AccountName, o.PIN.Reveal() == "4410", m.Version, m.Stale())
	}
	if diff := cmp.Diff([]string{"numbers/loc_a/+12175550143/o1"}, keys(t, r.Store, "numbers/")); diff != "" {
		t.Errorf("number index (-want +got):\n%s", diff)
	}
	if got := keys(t, r.Store, "orders/loc_a/o1/"); len(got) != 3 { // meta, one order object, the report
		t.Errorf("objects of the order: %v", got)
	}
}

// TestPatchConcurrent: patches and uploads at once all take effect, on
// each store.
func TestPatchConcurrent(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) { patchConcurrent(t, Records{Store: open(t)}) })
	}
}

func patchConcurrent(t *testing.T, r Records) {
	ctx := context.Background()
	if _, err := r.Create(ctx, "loc_a", sample("o1")); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, _, err := r.Patch(ctx, "loc_a", "o1", AnyVersion, func(stored []byte) (*order.Order, error) {
				o, err := order.DecodeBytes(stored)
				if err != nil {
					return nil, err
				}
				o.Numbers = append(o.Numbers, order.Number{Number: fmt.Sprintf("+1217555011%d", i)})
				return o, nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := r.AddDocument(ctx, "loc_a", "o1", DocRef{Name: fmt.Sprintf("d%d.pdf", i), SHA256: "ab"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	o, m, err := r.Load(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Numbers) != n+1 || len(m.Documents) != n || m.Version != 2*n {
		t.Errorf("%d numbers, %d documents, version %d; want %d, %d, %d", len(o.Numbers), len(m.Documents), m.Version, n+1, n, 2*n)
	}
}
