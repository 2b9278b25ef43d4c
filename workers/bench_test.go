package workers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
)

// BenchmarkRevalidate measures re-validating N pending orders
// (PORTCHECK_BENCH_ORDERS, default 2,000) whose documents' fields are
// cached, by two workers over a real Redis: from planning the batches
// through the status index to the last batch done. Every order ports a
// number of its own over the clean sample's two documents.
//
// Folder storage by default, kept in PORTCHECK_BENCH_DIR when set, so
// 100,000 orders are made once and re-validated as of a later day on
// each run; PORTCHECK_BENCH_STORE=s3 uses a fresh versitygw instead.
// The first run over new orders writes every order's report (the seeded
// orders carry no report sum); a later run over the same folder is a
// night like most, whose reports differ from the last in as_of alone
// and are not written again: each order's memo (records.Memo) stands
// until its bill starts aging on 2026-11-29, so such a night reads no
// fields and runs no rule. From 2026-11-29 on every order's bill is
// aging, its report changes daily and every order is checked again.
// PORTCHECK_BENCH_AS_OF fixes the date instead of the day after the
// last run's (a date before the last run's that the memos cover is
// another night whose reports change only in date).
// PORTCHECK_BENCH_NIGHTS=2 runs a second night, the next day, over the
// same store (its metrics end in "-night2"): the way to time a later
// night over a fresh versitygw. The metric "rechecked" counts the
// orders whose rules ran (their fields were loaded); the memo stood or
// made the report again for the rest. The metric "cpu-s" is this
// process's CPU over the night (Redis's aside). The test binary is part
// of each memo (pipeline's code identity): build it once (go test -c)
// for a first night and the later nights that follow it.
//
//	PORTCHECK_BENCH_DIR=/tmp/pc-bench PORTCHECK_BENCH_ORDERS=100000 go test -run '^$' -bench BenchmarkRevalidate -benchtime 1x -timeout 2h ./workers
func BenchmarkRevalidate(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("PORTCHECK_BENCH_ORDERS")); err == nil && v > 0 {
		n = v
	}
	nights := 1
	if v, err := strconv.Atoi(os.Getenv("PORTCHECK_BENCH_NIGHTS")); err == nil && v > 0 {
		nights = v
	}
	for range b.N {
		b.StopTimer()
		recs, state := benchStore(b)
		seedPending(b, recs, n)
		asOf := nextAsOf(b, recs, state)
		for night := 1; night <= nights; night++ {
			if night > 1 { // the next day, over the same store
				day, _ := time.Parse(time.DateOnly, asOf)
				asOf = day.AddDate(0, 0, 1).Format(time.DateOnly)
				if err := recs.Store.Put(context.Background(), state, strings.NewReader(asOf)); err != nil {
					b.Fatal(err)
				}
			}
			total, planned, rechecked, cpu := revalidateNight(b, recs, n, asOf)
			suffix := ""
			if night > 1 {
				suffix = "-night" + strconv.Itoa(night)
			}
			b.ReportMetric(total.Seconds(), "s/all-orders"+suffix)
			b.ReportMetric(planned.Seconds(), "s/plan"+suffix)
			b.ReportMetric(total.Seconds()/float64(n)*1e6, "µs/order"+suffix)
			b.ReportMetric(rechecked, "rechecked"+suffix)
			b.ReportMetric(cpu.Seconds(), "cpu-s"+suffix)
		}
	}
}

// revalidateNight re-validates the n orders of recs as of asOf with two
// workers over a fresh Redis, timed from planning to the last batch
// done, and says how many orders' rules ran and the CPU this process
// spent meanwhile (user and system; Redis's own is not in it).
func revalidateNight(b *testing.B, recs records.Records, n int, asOf string) (total, planned time.Duration, rechecked float64, cpu time.Duration) {
	b.Helper()
	rd := testservers.StartRedis(b)
	redis := asynq.RedisClientOpt{Addr: rd.Addr}
	q := asynq.NewClient(redis)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	w := NewServer(redis, Config{Concurrency: 2}, log)
	loads := &atomic.Int64{}
	checker := Checker{Records: recs, Metrics: NewMetrics(), Pipeline: pipeline.Config{Fields: countingFields{pipeline.StoreFields{Store: recs.Store}, loads}}}
	if err := w.Start(NewMux(checker, log, Revalidator{Records: recs, Queue: q})); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	start, cpu0 := time.Now(), processCPU()
	bs, err := Plan(context.Background(), recs, Filter{AsOf: asOf})
	if err != nil || Orders(bs) != n {
		b.Fatalf("planned %d of %d orders: %v", Orders(bs), n, err)
	}
	planned = time.Since(start)
	if err := Enqueue(context.Background(), q, bs, nil); err != nil {
		b.Fatal(err)
	}
	failed := waitQueues(b, rd.Addr)
	total, cpu = time.Since(start), processCPU()-cpu0
	b.StopTimer()
	w.Shutdown()
	q.Close()
	if failed > 0 {
		b.Fatalf("%d tasks failed", failed)
	}
	checkAllAnswered(b, recs, bs, asOf)
	return total, planned, float64(loads.Load()) / 2, cpu // two documents an order
}

// processCPU is the user and system CPU this process has spent.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchStore is the folder of PORTCHECK_BENCH_DIR, a fresh folder, or a
// fresh versitygw bucket; state is where the last as-of date is kept.
func benchStore(b *testing.B) (records.Records, string) {
	b.Helper()
	if os.Getenv("PORTCHECK_BENCH_STORE") == "s3" {
		srv := testservers.StartS3(b)
		ctx := context.Background()
		s, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.CreateBucket(ctx); err != nil {
			b.Fatal(err)
		}
		return records.Records{Store: s}, "bench/as-of"
	}
	dir := os.Getenv("PORTCHECK_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	s, err := storage.NewFS(dir)
	if err != nil {
		b.Fatal(err)
	}
	return records.Records{Store: s}, "bench/as-of"
}

// seedPending makes the store hold n pending orders with cached fields,
// each checked once (as of 2026-11-23): written as records keeps them
// (order, metadata, number index), many at a time, then indexed from a
// full listing (RebuildIndex, the path an index lost takes), and one
// order checked in this process, which caches the shared documents'
// fields. Orders already there are kept.
func seedPending(b *testing.B, recs records.Records, n int) {
	b.Helper()
	ctx := context.Background()
	refs := benchDocuments(b, recs)
	base := cleanOrder(b)
	base.Documents = nil
	var wg sync.WaitGroup
	ids := make(chan int)
	created := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for range 8 {
		wg.Go(func() {
			for i := range ids {
				o := *base
				o.ID = fmt.Sprintf("bench-%06d", i)
				prefix := "orders/" + tenant + "/" + o.ID + "/"
				if _, err := recs.Store.Stat(ctx, prefix+"meta.json"); err == nil {
					continue
				}
				o.Numbers = []order.Number{{Number: fmt.Sprintf("+1312%07d", 2000000+i), Type: order.TypeLandline}}
				o.BTN = o.Numbers[0].Number
				data, err := order.EncodeStored(&o)
				if err != nil {
					b.Error(err)
					return
				}
				m := records.Meta{ID: o.ID, Tenant: tenant, Status: records.Checked, Verdict: "pass", Documents: refs,
					Created: created, Updated: created, Version: len(refs), ReportVersion: len(refs), ReportAsOf: "2026-11-23"}
				meta, _ := json.Marshal(m)
				for k, v := range map[string][]byte{
					prefix + "order.json": data,
					"numbers/" + tenant + "/" + o.Numbers[0].Number + "/" + o.ID: nil,
					prefix + "meta.json": meta, // last, as records writes it
				} {
					if err := recs.Store.Put(ctx, k, bytes.NewReader(v)); err != nil {
						b.Error(err)
						return
					}
				}
			}
		})
	}
	for i := range n {
		ids <- i
	}
	close(ids)
	wg.Wait()
	if err := recs.RebuildIndex(ctx, tenant); err != nil {
		b.Fatal(err)
	}
	if _, err := recs.IndexedTenants(ctx); err != nil { // the first run's listing of every tenant
		b.Fatal(err)
	}
	warm := Batch{Tenant: tenant, AsOf: "2026-11-22", Statuses: []string{records.Checked}, IDs: []string{"bench-000000"}}
	if err := (BatchChecker{Checker: Checker{Records: recs}}).Run(ctx, warm, nil); err != nil {
		b.Fatal(err)
	}
}

func benchDocuments(b *testing.B, recs records.Records) []records.DocRef {
	b.Helper()
	var refs []records.DocRef
	for _, d := range []struct{ kind, path string }{{"bill", "bill-header-box.pdf"}, {"loa", "loa-form-signed.pdf"}} {
		content, err := os.ReadFile(filepath.Join("../testdata/docs", d.path))
		if err != nil {
			b.Fatal(err)
		}
		_, sum, err := storage.PutDocument(context.Background(), recs.Store, content)
		if err != nil {
			b.Fatal(err)
		}
		refs = append(refs, records.DocRef{Name: d.path, Kind: d.kind, SHA256: sum, Bytes: int64(len(content)), MediaType: "application/pdf"})
	}
	return refs
}

// nextAsOf is the day after the last run's, so each run re-validates
// every order again.
func nextAsOf(b *testing.B, recs records.Records, state string) string {
	b.Helper()
	ctx := context.Background()
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	if rc, err := recs.Store.Get(ctx, state); err == nil {
		data, _ := io.ReadAll(rc)
		rc.Close()
		if last, err := time.Parse(time.DateOnly, strings.TrimSpace(string(data))); err == nil {
			day = last.AddDate(0, 0, 1)
		}
	}
	s := day.Format(time.DateOnly)
	if fixed := os.Getenv("PORTCHECK_BENCH_AS_OF"); fixed != "" {
		if _, err := time.Parse(time.DateOnly, fixed); err != nil {
			b.Fatalf("PORTCHECK_BENCH_AS_OF: %v", err)
		}
		s = fixed
	}
	if err := recs.Store.Put(ctx, state, strings.NewReader(s)); err != nil {
		b.Fatal(err)
	}
	return s
}

// waitQueues waits until no task is pending, active, scheduled or
// retrying, and returns how many failed for good.
func waitQueues(b *testing.B, addr string) int {
	b.Helper()
	in := asynq.NewInspector(asynq.RedisClientOpt{Addr: addr})
	defer in.Close()
	for {
		busy, failed := 0, 0
		for _, name := range []string{QueueChecks, QueueBatch} {
			info, err := in.GetQueueInfo(name)
			if err != nil {
				continue // a queue that never had a task does not exist yet
			}
			busy += info.Pending + info.Active + info.Scheduled + info.Retry
			failed += info.Archived
		}
		if busy == 0 {
			return failed
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkAllAnswered: every order has its report as of the day (a sample
// of each batch is read, the whole set would double the run).
func checkAllAnswered(b *testing.B, recs records.Records, bs []Batch, asOf string) {
	b.Helper()
	for _, bt := range bs {
		for _, id := range []string{bt.IDs[0], bt.IDs[len(bt.IDs)-1]} {
			m, err := recs.Meta(context.Background(), bt.Tenant, id)
			if err != nil || m.ReportAsOf != asOf || m.Status != records.Checked {
				b.Fatalf("%s after the run: status %q, report as of %q (%v); want checked as of %s", id, m.Status, m.ReportAsOf, err, asOf)
			}
		}
	}
}

// BenchmarkStoreFloor is the anchor of BenchmarkRevalidate: the writes
// of a night on which every order's report changes, one report and one
// conditional metadata write per order, alone, through the same kind of
// store, as many at once as two workers' batches make (8). N orders as
// there. It measures how fast the machine makes objects at the time:
// on a night whose reports differ in their as-of date alone a batch
// writes only the metadata (records.FinishBatchCheck), so the
// re-validation may take less than this.
func BenchmarkStoreFloor(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("PORTCHECK_BENCH_ORDERS")); err == nil && v > 0 {
		n = v
	}
	for range b.N {
		b.StopTimer()
		b.Setenv("PORTCHECK_BENCH_DIR", "") // a fresh folder: every write is a new object
		recs, _ := benchStore(b)
		st, ok := recs.Store.(storage.Versioned)
		if !ok {
			b.Fatal("the store has no conditional writes")
		}
		ctx := context.Background()
		report := bytes.Repeat([]byte("r"), 1500)
		meta := bytes.Repeat([]byte("m"), 900)
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		ids := make(chan int)
		for range 8 {
			wg.Go(func() {
				for i := range ids {
					prefix := fmt.Sprintf("floor/%06d/", i)
					if err := recs.Store.Put(ctx, prefix+"report.json", bytes.NewReader(report)); err != nil {
						b.Error(err)
					}
					if err := st.PutIf(ctx, prefix+"meta.json", meta, ""); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for i := range n {
			ids <- i
		}
		close(ids)
		wg.Wait()
		total := time.Since(start)
		b.ReportMetric(total.Seconds(), "s/all-orders")
		b.ReportMetric(total.Seconds()/float64(n)*1e6, "µs/order")
	}
}
