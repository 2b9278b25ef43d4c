package records

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/storage"
)

// versionedOnly is a folder store without AppendIf: metadata is
// written whole, as on S3. (Embedding the FS would bring AppendIf.)
type versionedOnly struct{ fs *storage.FS }

func (v versionedOnly) Get(ctx context.Context, k string) (io.ReadCloser, error) {
	return v.fs.Get(ctx, k)
}
func (v versionedOnly) Stat(ctx context.Context, k string) (storage.Info, error) {
	return v.fs.Stat(ctx, k)
}
func (v versionedOnly) Put(ctx context.Context, k string, r io.Reader) error {
	return v.fs.Put(ctx, k, r)
}
func (v versionedOnly) List(ctx context.Context, p string) ([]storage.Info, error) {
	return v.fs.List(ctx, p)
}
func (v versionedOnly) GetVersion(ctx context.Context, k string) ([]byte, string, error) {
	return v.fs.GetVersion(ctx, k)
}
func (v versionedOnly) PutIf(ctx context.Context, k string, data []byte, version string) error {
	return v.fs.PutIf(ctx, k, data, version)
}

// TestStandAmendsMeta: night after night of memos standing, metadata
// kept as amendments (a folder) reads as metadata written whole (a store
// without AppendIf, as S3) field for field, through the store's bound on
// amendments, and a whole write after them keeps what they set.
func TestStandAmendsMeta(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	stores := map[string]Records{}
	dirs := map[string]string{}
	if _, ok := any(versionedOnly{}).(storage.Appender); ok {
		t.Fatal("versionedOnly appends")
	}
	for _, name := range []string{"amended", "whole"} {
		dirs[name] = t.TempDir()
		fs, err := storage.NewFS(dirs[name])
		if err != nil {
			t.Fatal(err)
		}
		r := Records{Store: fs, Now: now}
		if name == "whole" {
			r.Store = versionedOnly{fs}
		}
		checkedOrder(t, r, "loc_a", "o1", "ab")
		_, prev, pv, err := r.LoadVersion(ctx, "loc_a", "o1")
		if err != nil {
			t.Fatal(err)
		}
		rep := billReport("o1", "ab")
		rep.AsOf = "2026-11-24"
		memo := &Memo{Digest: "d1", From: "2026-11-24", Until: "2026-12-31"}
		if _, done, err := r.FinishBatchCheck(ctx, "loc_a", "o1", "batch:0", prev, pv, rep, memo); err != nil || !done {
			t.Fatalf("FinishBatchCheck = %v, %v", done, err)
		}
		stores[name] = r
	}
	lockFile := filepath.Join(dirs["amended"], "orders/loc_a/o1/.lock-meta.json")
	amended := 0
	for night := 1; night <= 20; night++ {
		clock = clock.Add(24 * time.Hour)
		asOf := clock.Format(time.DateOnly)
		var got [2]Meta
		for i, name := range []string{"amended", "whole"} {
			r := stores[name]
			prev, pv, err := r.MetaVersion(ctx, "loc_a", "o1")
			if err != nil {
				t.Fatal(err)
			}
			if _, done, err := r.StandBatchCheck(ctx, "loc_a", "o1", "batch:"+asOf, prev, pv, asOf, "d1"); err != nil || !done {
				t.Fatalf("%s, %s: StandBatchCheck = %v, %v", name, asOf, done, err)
			}
			if got[i], err = r.Meta(ctx, "loc_a", "o1"); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(got[1], got[0]); diff != "" {
			t.Fatalf("%s: amended metadata (-whole +amended):\n%s", asOf, diff)
		}
		if got[0].ReportAsOf != asOf {
			t.Fatalf("%s: report as of %s", asOf, got[0].ReportAsOf)
		}
		if st, err := os.Stat(lockFile); err == nil && st.Size() > 0 {
			amended++
		}
	}
	if amended < 10 {
		t.Errorf("the folder held amendments after %d nights of 20: the test compares whole writes with whole writes", amended)
	}
	for _, r := range stores {
		if _, err := r.Update(ctx, "loc_a", "o1", func(m *Meta) { m.Verdict = "fail" }); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := stores["amended"].Meta(ctx, "loc_a", "o1")
	w, _ := stores["whole"].Meta(ctx, "loc_a", "o1")
	if diff := cmp.Diff(w, a); diff != "" || a.ReportAsOf != "2026-12-14" {
		t.Errorf("after a whole write, report as of %s; amended (-whole +amended):\n%s", a.ReportAsOf, diff)
	}
	if st, err := os.Stat(lockFile); err != nil || st.Size() != 0 {
		t.Errorf("the whole write left its amendments: %v, %v", st, err)
	}
}
