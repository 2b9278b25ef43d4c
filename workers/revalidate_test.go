package workers

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

const tenant = "loc_7f3a"

// seedOrders stores n copies of the clean sample order, each porting a
// number of its own, over the same two text-layer documents.
func seedOrders(t *testing.T, recs records.Records, n int) []string {
	t.Helper()
	ctx := context.Background()
	data, err := os.ReadFile("../testdata/orders/clean/order.json")
	if err != nil {
		t.Fatal(err)
	}
	base, err := order.DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	var refs []records.DocRef
	for _, d := range base.Documents {
		content, err := os.ReadFile(filepath.Join("../testdata/orders/clean", d.Path))
		if err != nil {
			t.Fatal(err)
		}
		_, sum, err := storage.PutDocument(ctx, recs.Store, content)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, records.DocRef{Name: filepath.Base(d.Path), Kind: string(d.Kind), SHA256: sum, Bytes: int64(len(content)), MediaType: "application/pdf"})
	}
	base.Documents = nil
	var ids []string
	for i := range n {
		o := *base
		o.ID = fmt.Sprintf("o-%d", i)
		o.Numbers = []order.Number{{Number: fmt.Sprintf("+1312%07d", 2000000+i), Type: order.TypeLandline}}
		o.BTN = o.Numbers[0].Number
		if _, err := recs.Create(ctx, tenant, &o); err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			if _, err := recs.AddDocument(ctx, tenant, o.ID, r); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, o.ID)
	}
	return ids
}

func newRecs(t *testing.T) records.Records {
	t.Helper()
	s, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return records.Records{Store: s}
}

func runBatches(t *testing.T, bc BatchChecker, recs records.Records, f Filter) map[Outcome]int {
	t.Helper()
	bs, err := Plan(context.Background(), recs, f)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[Outcome]int{}
	for _, b := range bs {
		if err := bc.Run(context.Background(), b, func(_ string, o Outcome) { mu.Lock(); got[o]++; mu.Unlock() }); err != nil {
			t.Fatal(err)
		}
	}
	return got
}

// storedReport is a stored report without the service's bookkeeping.
func storedReport(t *testing.T, recs records.Records, id string) map[string]any {
	t.Helper()
	data, err := recs.Report(context.Background(), tenant, id)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "order_version")
	return m
}

func asMap(t *testing.T, r *report.Report) map[string]any {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBatchSameReportAsCheck: orders re-validated in a batch from their
// cached fields get the report a check that reads every document makes;
// running the batch again does nothing.
func TestBatchSameReportAsCheck(t *testing.T) {
	recs := newRecs(t)
	ids := seedOrders(t, recs, 3)
	bc := BatchChecker{Checker: Checker{Records: recs}}
	if got := runBatches(t, bc, recs, Filter{Statuses: []string{records.Draft}, AsOf: "2026-11-23"}); got[Checked] != 3 {
		t.Fatalf("first pass (documents read): %v, want 3 checked", got)
	}
	if cached, err := recs.Store.List(context.Background(), "fields/"); err != nil || len(cached) != 2 {
		t.Fatalf("%d documents' fields cached (%v), want the 2 the orders share", len(cached), err)
	}
	later := Filter{Statuses: []string{records.Checked}, AsOf: "2026-12-20"}
	if got := runBatches(t, bc, recs, later); got[Checked] != 3 {
		t.Fatalf("re-validation: %v, want 3 checked", got)
	}
	asOf, _ := time.Parse(time.DateOnly, later.AsOf)
	for _, id := range ids {
		o, m, err := recs.Load(context.Background(), tenant, id)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := pipeline.Check(context.Background(), o, recs.Documents(m), pipeline.Config{AsOf: asOf, Pending: recs.Pending(tenant)})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(asMap(t, fresh), storedReport(t, recs, id)); diff != "" {
			t.Errorf("%s: batch report differs from a fresh check's (-fresh +batch):\n%s", id, diff)
		}
	}
	again := runBatches(t, bc, recs, Filter{AsOf: later.AsOf})
	if diff := cmp.Diff(map[Outcome]int{Skipped: 3}, again); diff != "" {
		t.Errorf("the same re-validation again did work (-want +got):\n%s", diff)
	}
}

// queued records the tasks enqueued.
type queued struct {
	mu    sync.Mutex
	tasks []*asynq.Task
}

func (q *queued) EnqueueContext(_ context.Context, t *asynq.Task, _ ...asynq.Option) (*asynq.TaskInfo, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tasks = append(q.tasks, t)
	return &asynq.TaskInfo{}, nil
}

// TestBatchHandsUnreadOrders: with a queue, a batch reads no document:
// an order whose fields are not cached is queued as a check of its own.
func TestBatchHandsUnreadOrders(t *testing.T) {
	recs := newRecs(t)
	seedOrders(t, recs, 2)
	q := &queued{}
	bc := BatchChecker{Checker: Checker{Records: recs}, Queue: q}
	got := runBatches(t, bc, recs, Filter{Statuses: []string{records.Draft}, AsOf: "2026-11-23"})
	if diff := cmp.Diff(map[Outcome]int{Handed: 2}, got); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	if len(q.tasks) != 2 || q.tasks[0].Type() != TypeCheck {
		t.Fatalf("queued %d tasks, want 2 checks", len(q.tasks))
	}
	m, err := recs.Meta(context.Background(), tenant, "o-0")
	if err != nil || m.Status != records.Queued {
		t.Errorf("handed order: status %q, %v; want queued", m.Status, err)
	}
}

// TestPlanPagesByIndex: the pending orders come from the status index,
// in id order, BatchSize to a page.
func TestPlanPagesByIndex(t *testing.T) {
	recs := newRecs(t)
	ctx := context.Background()
	for i := range BatchSize + 2 {
		if _, err := recs.Create(ctx, tenant, &order.Order{ID: fmt.Sprintf("p%04d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	bs, err := Plan(ctx, recs, Filter{Statuses: []string{records.Draft}, AsOf: "2026-11-23"})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || len(bs[0].IDs) != BatchSize || len(bs[1].IDs) != 2 || bs[1].IDs[1] != fmt.Sprintf("p%04d", BatchSize+1) {
		t.Fatalf("pages %d, sizes %v", len(bs), func() []int {
			var n []int
			for _, b := range bs {
				n = append(n, len(b.IDs))
			}
			return n
		}())
	}
	if bs[0].TaskID() == bs[1].TaskID() {
		t.Error("two pages share a task id")
	}
	if none, _ := Plan(ctx, recs, Filter{AsOf: "2026-11-23"}); Orders(none) != 0 {
		t.Errorf("the default filter (not draft) picked %d drafts", Orders(none))
	}
}
