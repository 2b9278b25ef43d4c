package workers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
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
	base := cleanOrder(t)
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

// countingFields is the store's fields cache, counting the loads: a
// re-validation whose memo stands loads none.
type countingFields struct {
	pipeline.StoreFields
	loads *atomic.Int64
}

func (c countingFields) LoadFields(ctx context.Context, k pipeline.FieldsKey) (*pipeline.DocFields, bool) {
	c.loads.Add(1)
	return c.StoreFields.LoadFields(ctx, k)
}

// memoBench is a batch checker over recs whose fields loads are counted.
func memoBench(recs records.Records, p *profile.Profile) (BatchChecker, *atomic.Int64) {
	loads := &atomic.Int64{}
	cfg := pipeline.Config{Fields: countingFields{pipeline.StoreFields{Store: recs.Store}, loads}, Profile: p}
	return BatchChecker{Checker: Checker{Records: recs, Pipeline: cfg}}, loads
}

// cleanRefs stores the clean sample's two documents.
func cleanRefs(t *testing.T, recs records.Records) []records.DocRef {
	t.Helper()
	var refs []records.DocRef
	for _, d := range []struct{ kind, path string }{{"bill", "bill-header-box.pdf"}, {"loa", "loa-form-signed.pdf"}} {
		refs = append(refs, storeDoc(t, recs, d.kind, d.path))
	}
	return refs
}

func storeDoc(t *testing.T, recs records.Records, kind, name string) records.DocRef {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("../testdata/docs", name))
	if err != nil {
		t.Fatal(err)
	}
	_, sum, err := storage.PutDocument(context.Background(), recs.Store, content)
	if err != nil {
		t.Fatal(err)
	}
	return records.DocRef{Name: name, Kind: kind, SHA256: sum, Bytes: int64(len(content)), MediaType: "application/pdf"}
}

// seedVariant stores the clean sample order as id, edited, with refs.
func seedVariant(t *testing.T, recs records.Records, refs []records.DocRef, id string, edit func(*order.Order)) {
	t.Helper()
	o := cleanOrder(t)
	o.ID, o.Documents = id, nil
	edit(o)
	ctx := context.Background()
	if _, err := recs.Create(ctx, tenant, o); err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		if _, err := recs.AddDocument(ctx, tenant, id, r); err != nil {
			t.Fatal(err)
		}
	}
}

// cleanOrder is the clean sample order, its documents named as in its
// file (testdata/orders/clean).
func cleanOrder(tb testing.TB) *order.Order {
	tb.Helper()
	data, err := os.ReadFile("../testdata/orders/clean/order.json")
	if err != nil {
		tb.Fatal(err)
	}
	o, err := order.DecodeBytes(data)
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// night re-validates every order as of asOf.
func night(t *testing.T, bc BatchChecker, recs records.Records, asOf string) {
	t.Helper()
	got := runBatches(t, bc, recs, Filter{Statuses: []string{records.Draft, records.Checked}, AsOf: asOf})
	if got[Skipped]+got[Handed]+got[Failed] > 0 {
		t.Fatalf("night of %s: %v, want every order checked", asOf, got)
	}
}

// sameAsCheck fails unless the order's report, as read back, is byte
// for byte the report `portcheck check --as-of` makes of it (with the
// order version the service adds), from the same cached fields, and
// returns it.
func sameAsCheck(t *testing.T, recs records.Records, p *profile.Profile, id, asOf string) []byte {
	t.Helper()
	ctx := context.Background()
	o, m, err := recs.Load(ctx, tenant, id)
	if err != nil {
		t.Fatal(err)
	}
	day, _ := time.Parse(time.DateOnly, asOf)
	cfg := pipeline.Config{AsOf: day, Pending: recs.Pending(tenant), Profile: p, Fields: pipeline.StoreFields{Store: recs.Store}}
	fresh, err := pipeline.Check(ctx, o, recs.Documents(m), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := report.WriteJSON(&want, struct {
		*report.Report
		OrderVersion int `json:"order_version"`
	}{fresh, m.Version}); err != nil {
		t.Fatal(err)
	}
	got, err := recs.Report(ctx, tenant, id)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String(), string(got)); diff != "" {
		t.Fatalf("%s as of %s: the stored report differs from a check's (-check +stored):\n%s", id, asOf, diff)
	}
	return got
}

// TestMemoSameReportAsCheck re-validates orders night after night, as
// of every day of a span that takes in a bill aging and then too old,
// an LOA too old, requested dates at the lead times' edges, weekends,
// Thanksgiving, Christmas and New Year's Day, under profiles of calendar
// and business-day lead times, forward and then back: every night each
// order's report reads back byte for byte as a full check as of that
// night makes it, and after the first night no order's fields are read
// again, whether its memo stood (the report the night before's but for
// its date) or the report was made again from its memo's date inputs
// (pipeline.RedateFindings: a date finding came, went or changed).
func TestMemoSameReportAsCheck(t *testing.T) {
	recs := newRecs(t)
	refs := cleanRefs(t, recs)
	var ids []string
	for _, prof := range []string{"strict", "kazoo-bandwidth", "bandwidth"} {
		for _, req := range []string{"", "2026-11-27", "2026-11-30", "2026-12-10", "2026-12-24", "2026-12-26", "2027-01-04"} {
			id := fmt.Sprintf("%s-%s", prof, req)
			ids = append(ids, id)
			seedVariant(t, recs, refs, id, func(o *order.Order) {
				o.Profile, o.RequestedDate = prof, req
				o.Numbers = []order.Number{{Number: fmt.Sprintf("+1312%07d", 2000000+len(ids)), Type: order.TypeLandline}}
				o.BTN = o.Numbers[0].Number
			})
		}
	}
	older := []records.DocRef{storeDoc(t, recs, "bill", "bill-header-box-aging.pdf"), storeDoc(t, recs, "loa", "loa-letter-old.pdf")}
	for _, req := range []string{"2026-11-25", "2026-12-02"} {
		id := "older-" + req
		ids = append(ids, id)
		seedVariant(t, recs, older, id, func(o *order.Order) {
			o.Profile, o.RequestedDate = "kazoo-bandwidth", req
			o.Numbers = []order.Number{{Number: fmt.Sprintf("+1312%07d", 2000000+len(ids)), Type: order.TypeLandline}}
			o.BTN = o.Numbers[0].Number
		})
	}
	bc, loads := memoBench(recs, nil)
	var days []string
	for d := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC); d.Before(time.Date(2027, 1, 6, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		days = append(days, d.Format(time.DateOnly))
	}
	last := map[string]*report.Report{}
	changed := 0
	walk := func(days []string) {
		for _, day := range days {
			before, files := loads.Load(), reportFiles(t, recs)
			night(t, bc, recs, day)
			if read := loads.Load() - before; read > 0 && len(last) > 0 {
				t.Errorf("night of %s: %d documents' fields read; every order's memo should have answered", day, read)
			}
			if n := reportFiles(t, recs); n != files && len(last) > 0 {
				t.Errorf("night of %s: %d report files written; the metadata should have kept what changed", day, n-files)
			}
			for _, id := range ids {
				rep := decodeReport(t, sameAsCheck(t, recs, nil, id, day))
				if prev := last[id]; prev != nil && (hasDateFinding(prev) || hasDateFinding(rep)) && !sameButDate(t, prev, rep) {
					changed++
				}
				last[id] = rep
			}
		}
	}
	walk(days)
	if changed == 0 {
		t.Fatal("no report's date findings changed from one night to the next: the span tests nothing")
	}
	var back []string
	for i := len(days) - 2; i >= 0; i -= 4 {
		back = append(back, days[i])
	}
	walk(back)
}

// reportFiles counts the stored report objects.
func reportFiles(t *testing.T, recs records.Records) int {
	t.Helper()
	infos, err := recs.Store.List(context.Background(), "orders/")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, in := range infos {
		if strings.Contains(in.Key, "/reports/") {
			n++
		}
	}
	return n
}

func decodeReport(t *testing.T, data []byte) *report.Report {
	t.Helper()
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// hasDateFinding: a finding of a rule that reads the date.
func hasDateFinding(r *report.Report) bool {
	return slices.ContainsFunc(r.Findings, func(f report.Finding) bool { return match.DateCode(f.Code) })
}

func sameButDate(t *testing.T, a, b *report.Report) bool {
	t.Helper()
	x, y := *a, *b
	x.AsOf, y.AsOf = "", ""
	return cmp.Equal(asMap(t, &x), asMap(t, &y))
}

// TestMemoInvalidated: a memo stands only for the inputs it was made
// of. After a first night, each change below makes the next night (a
// day the memo's dates cover) check the order again, reading its
// fields, and the report is the new inputs' as a check makes it.
func TestMemoInvalidated(t *testing.T) {
	strict, err := profile.Get("strict")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(t *testing.T, recs records.Records, bc *BatchChecker)
	}{
		{"nothing (the memo stands)", nil},
		{"a day past the memo's (the report made again from the memo)", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			if _, err := recs.Update(ctx, tenant, "o-0", func(m *records.Meta) { m.Memo.Until = "2026-11-25" }); err != nil {
				t.Fatal(err)
			}
		}},
		{"the order edited", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			_, _, err := recs.Patch(ctx, tenant, "o-0", records.AnyVersion, func(stored []byte) (*order.Order, error) {
				o, err := order.DecodeBytes(stored)
				if err == nil {
					o.AccountName = "Acme Widgets LLC"
				}
				return o, err
			})
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"a document replaced", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			ref := storeDoc(t, recs, "bill", "bill-header-box-aging.pdf")
			ref.Name = "bill-header-box.pdf"
			if _, err := recs.AddDocument(ctx, tenant, "o-0", ref); err != nil {
				t.Fatal(err)
			}
		}},
		{"the profile changed", func(t *testing.T, _ records.Records, bc *BatchChecker) {
			p := *strict
			p.Severities = map[report.Code]report.Severity{report.BillAging: report.Reject}
			p.BillMaxAgeDays = 20
			bc.Checker.Pipeline.Profile = &p
		}},
		{"another order ports its number", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			refs := cleanRefs(t, recs)
			seedVariant(t, recs, refs, "o-1", func(o *order.Order) {
				o.Numbers = []order.Number{{Number: "+13122000000", Type: order.TypeLandline}}
				o.BTN = o.Numbers[0].Number
			})
		}},
		{"the other order's conflict ends", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			if err := recs.DeleteOrder(ctx, tenant, "clash"); err != nil {
				t.Fatal(err)
			}
		}},
		{"a day past the memo's, from a memo without the date rules' inputs (written before them)", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			if _, err := recs.Update(ctx, tenant, "o-0", func(m *records.Meta) { m.Memo.Until, m.Memo.Dated = "2026-11-25", nil }); err != nil {
				t.Fatal(err)
			}
		}},
		{"a day past the memo's, its date inputs unreadable", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			if _, err := recs.Update(ctx, tenant, "o-0", func(m *records.Meta) { m.Memo.Until, m.Memo.Dated = "2026-11-25", json.RawMessage(`[1]`) }); err != nil {
				t.Fatal(err)
			}
		}},
		{"a memo of other inputs (another build, ReaderVersion)", func(t *testing.T, recs records.Records, _ *BatchChecker) {
			if _, err := recs.Update(ctx, tenant, "o-0", func(m *records.Meta) { m.Memo.Digest = strings.Repeat("0", 64) }); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := newRecs(t)
			refs := cleanRefs(t, recs)
			seedVariant(t, recs, refs, "o-0", func(o *order.Order) {
				o.Numbers = []order.Number{{Number: "+13122000000", Type: order.TypeLandline}}
				o.BTN = o.Numbers[0].Number
			})
			if strings.Contains(tt.name, "conflict ends") {
				seedVariant(t, recs, refs, "clash", func(o *order.Order) {
					o.Numbers = []order.Number{{Number: "+13122000000", Type: order.TypeLandline}}
					o.BTN = o.Numbers[0].Number
				})
			}
			bc, loads := memoBench(recs, nil)
			night(t, bc, recs, "2026-11-24")
			first := sameAsCheck(t, recs, nil, "o-0", "2026-11-24")
			m, err := recs.Meta(ctx, tenant, "o-0")
			if err != nil || m.Memo == nil || m.Memo.Until != "2026-11-29" {
				t.Fatalf("after the first night the memo is %+v (%v); want one until 2026-11-29, when the bill starts aging", m.Memo, err)
			}
			if tt.change != nil {
				tt.change(t, recs, &bc)
			}
			before := loads.Load()
			bt := Batch{Tenant: tenant, AsOf: "2026-11-26", IDs: []string{"o-0"}}
			if err := bc.Run(ctx, bt, nil); err != nil {
				t.Fatal(err)
			}
			read := loads.Load() - before
			got := sameAsCheck(t, recs, bc.Checker.Pipeline.Profile, "o-0", "2026-11-26")
			if tt.change == nil || strings.HasPrefix(tt.name, "a day past the memo's (") {
				if read != 0 {
					t.Errorf("the memo did not answer: %d fields loaded", read)
				}
				if bytes.Equal(first, got) {
					t.Error("the report read back is the first night's: its as_of did not move")
				}
				return
			}
			if read == 0 {
				t.Error("the order was not checked again: no fields loaded")
			}
		})
	}
}

// TestSingleCheckWritesMemo: a single check records its report's memo
// as a batch does, so the next night's re-validation of the order reads
// no fields, and the report it leaves is still `portcheck check`'s.
func TestSingleCheckWritesMemo(t *testing.T) {
	ctx := context.Background()
	recs := newRecs(t)
	seedVariant(t, recs, cleanRefs(t, recs), "o-0", func(o *order.Order) {
		o.Numbers = []order.Number{{Number: "+13122000000", Type: order.TypeLandline}}
		o.BTN = o.Numbers[0].Number
	})
	bc, loads := memoBench(recs, nil)
	q := &queued{}
	if _, ok, err := RequestCheck(ctx, recs, q, tenant, "o-0", "2026-11-24", QueueChecks); err != nil || !ok {
		t.Fatalf("RequestCheck = %v, %v", ok, err)
	}
	for _, task := range q.tasks {
		if err := bc.Checker.ProcessTask(ctx, task); err != nil {
			t.Fatal(err)
		}
	}
	m, err := recs.Meta(ctx, tenant, "o-0")
	if err != nil || m.Status != records.Checked || m.Memo == nil || m.Memo.From != "2026-11-24" || m.Memo.Until != "2026-11-29" {
		t.Fatalf("after the check: status %s, memo %+v (%v); want one from 2026-11-24 until 2026-11-29, when the bill starts aging", m.Status, m.Memo, err)
	}
	sameAsCheck(t, recs, nil, "o-0", "2026-11-24")
	before := loads.Load()
	if err := bc.Run(ctx, Batch{Tenant: tenant, AsOf: "2026-11-26", IDs: []string{"o-0"}}, nil); err != nil {
		t.Fatal(err)
	}
	if read := loads.Load() - before; read != 0 {
		t.Errorf("the single check's memo did not stand: %d fields loaded", read)
	}
	if m, _ := recs.Meta(ctx, tenant, "o-0"); m.ReportAsOf != "2026-11-26" {
		t.Errorf("report as of %s after the night, want 2026-11-26", m.ReportAsOf)
	}
	sameAsCheck(t, recs, nil, "o-0", "2026-11-26")
}
