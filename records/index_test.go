package records

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

func statuses(t *testing.T, r Records, tenant string) map[string]string {
	t.Helper()
	all, err := r.Indexed(context.Background(), tenant)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for id, e := range all {
		out[id] = e.Status
	}
	return out
}

// TestIndexFollowsStatus: the index holds each order's status as its
// metadata changes, and picks by status in id order.
func TestIndexFollowsStatus(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	for _, id := range []string{"o2", "o1", "o3"} {
		if _, err := r.Create(ctx, "loc_a", sample(id)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.Create(ctx, "loc_b", sample("x1")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.RequestCheck(ctx, "loc_a", "o1", "2026-11-23", func(int) string { return "t1" }); err != nil {
		t.Fatal(err)
	}
	if err := r.SaveReport(ctx, "loc_a", "o3", &report.Report{OrderID: "o3", AsOf: "2026-11-23"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"o1": Queued, "o2": Draft, "o3": Checked}
	if diff := cmp.Diff(want, statuses(t, r, "loc_a")); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
	ids, err := r.PickIndexed(ctx, "loc_a", func(s string) bool { return s != Draft })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"o1", "o3"}, ids); diff != "" {
		t.Errorf("picked (-want +got):\n%s", diff)
	}
	ts, err := r.IndexedTenants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"loc_a", "loc_b"}, ts); diff != "" {
		t.Errorf("tenants (-want +got):\n%s", diff)
	}
}

// TestIndexRebuiltWhenMissing: orders stored before the index existed
// (or with its objects lost) are indexed from a full listing.
func TestIndexRebuiltWhenMissing(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, ctx := Records{Store: s}, context.Background()
	for i := range 5 {
		if _, err := r.Create(ctx, "loc_a", sample(fmt.Sprintf("o%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.SaveReport(ctx, "loc_a", "o4", &report.Report{OrderID: "o4", AsOf: "2026-11-23"}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"o0": Draft, "o1": Draft, "o2": Draft, "o3": Draft, "o4": Checked}
	if diff := cmp.Diff(want, statuses(t, r, "loc_a")); diff != "" {
		t.Errorf("rebuilt index (-want +got):\n%s", diff)
	}
	if _, err := s.Stat(ctx, builtKey("loc_a")); err != nil {
		t.Errorf("the rebuilt index is not marked built: %v", err)
	}
	if ts, err := r.IndexedTenants(ctx); err != nil || len(ts) != 1 {
		t.Errorf("tenants after a rebuild = %v, %v", ts, err)
	}
}

// TestIndexKeepsConcurrentWrites: orders created and checked at once,
// many falling in one shard, are all indexed with their last status,
// on each real store.
func TestIndexKeepsConcurrentWrites(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			r, ctx := Records{Store: open(t)}, context.Background()
			var wg sync.WaitGroup
			want := map[string]string{}
			for i := range 24 {
				id := fmt.Sprintf("o%02d", i)
				want[id] = Queued
				wg.Go(func() {
					if _, err := r.Create(ctx, "loc_a", sample(id)); err != nil {
						t.Error(err)
						return
					}
					if _, _, err := r.RequestCheck(ctx, "loc_a", id, "2026-11-23", func(int) string { return "t-" + id }); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if diff := cmp.Diff(want, statuses(t, r, "loc_a")); diff != "" {
				t.Errorf("index (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReindexKeepsNewer: putting right an entry never replaces one
// written from newer metadata.
func TestReindexKeepsNewer(t *testing.T) {
	r, ctx := newRecords(t), context.Background()
	m, err := r.Create(ctx, "loc_a", sample("o1"))
	if err != nil {
		t.Fatal(err)
	}
	newer, _, err := r.RequestCheck(ctx, "loc_a", "o1", "2026-11-23", func(int) string { return "t1" })
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Reindex(ctx, "loc_a", []Meta{m}); err != nil { // the draft, read before the request
		t.Fatal(err)
	}
	if got := statuses(t, r, "loc_a")["o1"]; got != newer.Status {
		t.Errorf("status %q after reindexing older metadata, want %q", got, newer.Status)
	}
}
