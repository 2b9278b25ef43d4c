package api_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
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
