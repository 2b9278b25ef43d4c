package records

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// stores are the two real stores: a folder, and S3 on versitygw (skipped
// without it unless PORTCHECK_REQUIRE_SERVICES=1).
func stores(t *testing.T) map[string]func(t *testing.T) storage.Store {
	return map[string]func(t *testing.T) storage.Store{
		"folder": func(t *testing.T) storage.Store {
			s, err := storage.NewFS(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
		"s3": func(t *testing.T) storage.Store {
			srv := testservers.StartS3(t)
			ctx := context.Background()
			s, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.CreateBucket(ctx); err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
}

// TestParallelUploadsAndChecksLoseNothing: 20 uploads of different
// documents and 20 check requests at once on one order, against each
// store: every document is recorded and every upload counted.
func TestParallelUploadsAndChecksLoseNothing(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			r, ctx := Records{Store: open(t)}, context.Background()
			if _, err := r.Create(ctx, "loc_a", sample("o1")); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for i := range 20 {
				wg.Go(func() {
					if _, err := r.AddDocument(ctx, "loc_a", "o1", DocRef{Name: fmt.Sprintf("doc-%02d.pdf", i), Kind: "bill", SHA256: fmt.Sprint(i)}); err != nil {
						t.Error(err)
					}
				})
				wg.Go(func() {
					if _, _, err := r.RequestCheck(ctx, "loc_a", "o1", "2026-11-23", func(v int) string { return fmt.Sprintf("t%d-%d", v, i) }); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			m, err := r.Meta(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Documents) != 20 || m.Version != 20 || m.Status != Queued {
				t.Errorf("after 20 parallel uploads and checks: %d documents, version %d, status %s; want 20, 20, queued", len(m.Documents), m.Version, m.Status)
			}
		})
	}
}

// TestParallelCreatesOneWins: of 10 creates of one id at once, exactly
// one succeeds.
func TestParallelCreatesOneWins(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			r, ctx := Records{Store: open(t)}, context.Background()
			var mu sync.Mutex
			var winners []string
			var wg sync.WaitGroup
			for i := range 10 {
				wg.Go(func() {
					o := sample("o1")
					o.AccountName = fmt.Sprintf("Customer %d", i)
					_, err := r.Create(ctx, "loc_a", o)
					if err != nil && !errors.Is(err, ErrExists) {
						t.Error(err)
					}
					mu.Lock()
					defer mu.Unlock()
					if err == nil {
						winners = append(winners, o.AccountName)
					}
				})
			}
			wg.Wait()
			if len(winners) != 1 {
				t.Fatalf("%d of 10 parallel creates succeeded, want 1", len(winners))
			}
			// The stored order is the winner's, not another create's.
			if o, _, err := r.Load(ctx, "loc_a", "o1"); err != nil || o.AccountName != winners[0] {
				t.Errorf("stored order %v (%v), want the winner's %q", o, err, winners[0])
			}
		})
	}
}

// TestCheckRequests: a check is of one version and one date; the same
// request while it is pending, or after it made the latest report, is
// no new task; a report of an older version is stale; a check fails for
// good with its reason, and after attempts that never ended.
func TestCheckRequests(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	r.Create(ctx, "loc_a", sample("o1"))
	r.AddDocument(ctx, "loc_a", "o1", DocRef{Name: "bill.pdf", Kind: "bill", SHA256: "ab"})
	n := 0
	newTask := func(v int) string { n++; return fmt.Sprintf("task-%d-v%d", n, v) }
	request := func(asOf string) string {
		t.Helper()
		_, task, err := r.RequestCheck(ctx, "loc_a", "o1", asOf, newTask)
		if err != nil {
			t.Fatal(err)
		}
		return task
	}
	first := request("2026-11-23")
	if first == "" || request("2026-11-23") != "" {
		t.Fatal("the same request twice is not one task")
	}
	if run, err := r.StartCheck(ctx, "loc_a", "o1", first); !run || err != nil {
		t.Fatalf("StartCheck = %v, %v", run, err)
	}
	if request("2026-11-23") != "" {
		t.Error("a request while the same check runs made a task")
	}
	// An hour later the same check still running is taken for lost.
	later := r
	later.Now = func() time.Time { return time.Now().Add(2 * lostAfter) }
	if _, task, _ := later.RequestCheck(ctx, "loc_a", "o1", "2026-11-23", newTask); task == "" {
		t.Error("a check pending for hours was not asked anew")
	} else {
		first = task
		r.StartCheck(ctx, "loc_a", "o1", first)
	}
	rep := &report.Report{OrderID: "o1", AsOf: "2026-11-23"}
	rep.Finalize()
	if err := r.FinishCheck(ctx, "loc_a", "o1", first, 1, rep, nil); err != nil {
		t.Fatal(err)
	}
	if m, _ := r.Meta(ctx, "loc_a", "o1"); m.Status != Checked || m.Stale() || m.ReportVersion != 1 {
		t.Errorf("after the check: %+v", m)
	}
	if request("2026-11-23") != "" {
		t.Error("a request the latest report answers made a task")
	}
	other := request("2026-11-30")
	if other == "" {
		t.Fatal("a request with another date made no task")
	}
	r.AddDocument(ctx, "loc_a", "o1", DocRef{Name: "loa.pdf", Kind: "loa", SHA256: "cd"})
	if m, _ := r.Meta(ctx, "loc_a", "o1"); !m.Stale() {
		t.Error("a report of an older version is not stale")
	}
	newer := request("2026-11-30")
	if newer == "" {
		t.Fatal("a request after an upload made no task")
	}
	// The superseded task does nothing.
	if run, err := r.StartCheck(ctx, "loc_a", "o1", other); run || err != nil {
		t.Errorf("StartCheck of a superseded task = %v, %v", run, err)
	}
	if err := r.EndAttempt(ctx, "loc_a", "o1", newer, "document bill.pdf: not found", true); err != nil {
		t.Fatal(err)
	}
	if m, _ := r.Meta(ctx, "loc_a", "o1"); m.Status != Failed || m.Reason != "document bill.pdf: not found" {
		t.Errorf("after a final failure: status %s, reason %q", m.Status, m.Reason)
	}
	// Attempts that took their worker down: the third is not run.
	crash := request("2026-12-01")
	for range MaxCrashes {
		if run, err := r.StartCheck(ctx, "loc_a", "o1", crash); !run || err != nil {
			t.Fatalf("StartCheck = %v, %v", run, err)
		}
	}
	if _, err := r.StartCheck(ctx, "loc_a", "o1", crash); !errors.Is(err, ErrCrashLoop) {
		t.Errorf("StartCheck after %d crashes = %v, want ErrCrashLoop", MaxCrashes, err)
	}
	if m, _ := r.Meta(ctx, "loc_a", "o1"); m.Status != Failed || m.Reason == "" {
		t.Errorf("after a crash loop: status %s, reason %q", m.Status, m.Reason)
	}
	// The latest report is still the one of version 1, as of 2026-11-23.
	data, err := r.Report(ctx, "loc_a", "o1")
	if err != nil || !strings.Contains(string(data), `"order_version": 1`) {
		t.Errorf("report %s, %v", data, err)
	}
}

// TestLegacyQueuedCheckRuns: an order queued by an older service, which
// kept no check record, is checked by the task it queued.
func TestLegacyQueuedCheckRuns(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	r.Create(ctx, "loc_a", sample("o1"))
	r.Update(ctx, "loc_a", "o1", func(m *Meta) { m.Status = Queued })
	if run, err := r.StartCheck(ctx, "loc_a", "o1", "check:loc_a:o1:0:"); !run || err != nil {
		t.Errorf("StartCheck of a legacy queued order = %v, %v; want it run", run, err)
	}
}
