package api_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

// seed stores n copies of the clean sample order (ids bench-0...) with
// the same two text-layer documents, through the records layer (the
// HTTP path is measured by the integration tests).
func seed(b *testing.B, s *service, n int) {
	b.Helper()
	s.submit(b, keyA, "../testdata/orders/clean")
	o, meta, err := s.recs.Load(context.Background(), "loc_7f3a", "clean")
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		c := *o
		c.ID = fmt.Sprintf("bench-%d", i)
		c.Documents = nil
		c.Numbers = []order.Number{{Number: fmt.Sprintf("+1217555%04d", 100+i%100), Type: order.TypeLandline}}
		if _, err := s.recs.Create(context.Background(), "loc_7f3a", &c); err != nil {
			b.Fatal(err)
		}
		for _, d := range meta.Documents {
			if _, err := s.recs.AddDocument(context.Background(), "loc_7f3a", c.ID, d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func runWorkers(b *testing.B, s *service, concurrency int) func() {
	b.Helper()
	w := workers.NewServer(asynq.RedisClientOpt{Addr: s.redis.Addr}, workers.Config{Concurrency: concurrency}, quiet())
	c := workers.Checker{Records: s.recs, Pipeline: pipeline.Config{OCR: ocr.Process{}}, Metrics: workers.NewMetrics()}
	if err := w.Start(workers.NewMux(c, quiet())); err != nil {
		b.Fatal(err)
	}
	return w.Shutdown
}

// awaitChecked waits until n orders have reports for asOf.
func awaitChecked(b *testing.B, s *service, n int, at string) {
	b.Helper()
	deadline := time.Now().Add(10 * time.Minute)
	for time.Now().Before(deadline) {
		done := 0
		ms, _ := s.recs.List(context.Background(), "loc_7f3a")
		for _, m := range ms {
			if m.Status == records.Checked && m.Version > 0 {
				if data, err := s.recs.Report(context.Background(), "loc_7f3a", m.ID); err == nil && containsAsOf(data, at) {
					done++
				}
			}
		}
		if done >= n {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.Fatal("checks did not finish in 10 minutes")
}

func containsAsOf(data []byte, at string) bool {
	return bytes.Contains(data, []byte(`"as_of": "`+at+`"`))
}

// BenchmarkQueue measures documents per second checked through the
// queue (Redis, versitygw, the worker's pipeline) for text-layer bills
// and LOAs, with 1, 2 and 4 workers, and the time to re-validate the same
// orders once their extractions are cached.
func BenchmarkQueue(b *testing.B) {
	const orders = 40
	for _, conc := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", conc), func(b *testing.B) {
			for range b.N {
				s := startAPI(b)
				seed(b, s, orders)
				q := asynq.NewClient(asynq.RedisClientOpt{Addr: s.redis.Addr})
				stop := runWorkers(b, s, conc)
				start := time.Now()
				if _, err := workers.Revalidate(context.Background(), s.recs, q, workers.Filter{AsOf: asOf, Statuses: []string{records.Draft}}, nil); err != nil {
					b.Fatal(err)
				}
				awaitChecked(b, s, orders, asOf)
				first := time.Since(start)
				start = time.Now()
				if _, err := workers.Revalidate(context.Background(), s.recs, q, workers.Filter{AsOf: "2026-11-24"}, nil); err != nil {
					b.Fatal(err)
				}
				awaitChecked(b, s, orders, "2026-11-24")
				again := time.Since(start)
				stop()
				q.Close()
				b.ReportMetric(float64(2*orders)/first.Seconds(), "docs/s")
				b.ReportMetric(again.Seconds()/orders*1000, "ms/revalidated-order")
			}
		})
	}
}

// BenchmarkRevalidateCached measures re-validating N pending orders
// (PORTCHECK_BENCH_ORDERS, default 2,000) whose extractions are cached:
// orders in a folder store, the queue on a real Redis, two workers.
// Every order ports numbers of its own, as real orders do.
//
//	PORTCHECK_BENCH_ORDERS=100000 go test -run '^$' -bench BenchmarkRevalidateCached -benchtime 1x -timeout 2h ./api
func BenchmarkRevalidateCached(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("PORTCHECK_BENCH_ORDERS")); err == nil && v > 0 {
		n = v
	}
	for range b.N {
		rd := testservers.StartRedis(b)
		st, err := storage.NewFS(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		recs := records.Records{Store: st}
		ctx := context.Background()
		seedFolder(b, recs, n)
		q := asynq.NewClient(asynq.RedisClientOpt{Addr: rd.Addr})
		w := workers.NewServer(asynq.RedisClientOpt{Addr: rd.Addr}, workers.Config{Concurrency: 2}, quiet())
		c := workers.Checker{Records: recs, Pipeline: pipeline.Config{OCR: ocr.Process{}}, Metrics: workers.NewMetrics()}
		if err := w.Start(workers.NewMux(c, quiet())); err != nil {
			b.Fatal(err)
		}
		// Warm the cache: the first check extracts the shared documents.
		workers.RequestCheck(ctx, recs, q, "loc_7f3a", "bench-0", asOf, workers.QueueChecks)
		waitQueues(b, rd.Addr)
		start := time.Now()
		queued, err := workers.Revalidate(ctx, recs, q, workers.Filter{AsOf: "2026-11-24", Statuses: []string{records.Draft, records.Checked}}, nil)
		if err != nil || queued != n {
			b.Fatalf("queued %d of %d: %v", queued, n, err)
		}
		enqueue := time.Since(start)
		failed := waitQueues(b, rd.Addr)
		total := time.Since(start)
		w.Shutdown()
		q.Close()
		if failed > 0 {
			b.Fatalf("%d checks failed", failed)
		}
		b.ReportMetric(total.Seconds(), "s/all-orders")
		b.ReportMetric(enqueue.Seconds(), "s/enqueue")
		b.ReportMetric(total.Seconds()/float64(n)*1000, "ms/order")
	}
}

// seedFolder stores n orders of the sample customer, each with a number
// of its own and the same two documents.
func seedFolder(b *testing.B, recs records.Records, n int) {
	b.Helper()
	ctx := context.Background()
	data, err := os.ReadFile("../testdata/orders/clean/order.json")
	if err != nil {
		b.Fatal(err)
	}
	base, err := order.DecodeBytes(data)
	if err != nil {
		b.Fatal(err)
	}
	var refs []records.DocRef
	for _, d := range base.Documents {
		content, err := os.ReadFile(filepath.Join("../testdata/orders/clean", d.Path))
		if err != nil {
			b.Fatal(err)
		}
		_, sum, err := storage.PutDocument(ctx, recs.Store, content)
		if err != nil {
			b.Fatal(err)
		}
		refs = append(refs, records.DocRef{Name: filepath.Base(d.Path), Kind: string(d.Kind), SHA256: sum, Bytes: int64(len(content)), MediaType: "application/pdf"})
	}
	base.Documents = nil
	for i := range n {
		o := *base
		o.ID = fmt.Sprintf("bench-%d", i)
		// Distinct valid NANP numbers (never dialled: a benchmark's data).
		o.Numbers = []order.Number{{Number: fmt.Sprintf("+1312%07d", 2000000+i), Type: order.TypeLandline}}
		o.BTN = o.Numbers[0].Number
		if _, err := recs.Create(ctx, "loc_7f3a", &o); err != nil {
			b.Fatal(err)
		}
		for _, r := range refs {
			if _, err := recs.AddDocument(ctx, "loc_7f3a", o.ID, r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// waitQueues waits until no task is pending, active, scheduled or
// retrying, and returns how many failed for good.
func waitQueues(b *testing.B, addr string) int {
	b.Helper()
	in := asynq.NewInspector(asynq.RedisClientOpt{Addr: addr})
	defer in.Close()
	for {
		busy, failed := 0, 0
		for _, name := range []string{workers.QueueChecks, workers.QueueBatch} {
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
		time.Sleep(200 * time.Millisecond)
	}
}
