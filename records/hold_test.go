package records

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/storage"
)

// TestHoldMeta: an order's metadata held is written through the held
// Records as through Records; a reviewer's edit made meanwhile waits
// for the release and is then made over the held write, not lost.
func TestHoldMeta(t *testing.T) {
	ctx := context.Background()
	r := newRecords(t)
	checkedOrder(t, r, "loc_a", "o1", "ab")
	want, wantVersion, err := r.MetaVersion(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	held, m, version, release, err := r.HoldMeta(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, m); diff != "" || version != wantVersion {
		t.Fatalf("held metadata differs from MetaVersion's (version %s, want %s; -want +got):\n%s", version, wantVersion, diff)
	}
	edited := make(chan error, 1)
	go func() {
		_, err := r.Update(ctx, "loc_a", "o1", func(m *Meta) { m.Reason = "edited meanwhile" })
		edited <- err
	}()
	nm, err := held.Update(ctx, "loc_a", "o1", func(m *Meta) { m.Status = Checking })
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-edited:
		t.Fatalf("an edit went through while the metadata was held: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	release()
	if err := <-edited; err != nil {
		t.Fatal(err)
	}
	got, err := r.Meta(ctx, "loc_a", "o1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != Checking || got.Reason != "edited meanwhile" || nm.Status != Checking {
		t.Errorf("after both edits: status %q, reason %q; want %q and the edit made meanwhile", got.Status, got.Reason, Checking)
	}
}

// TestHoldMetaMissing: a deleted order is ErrNotFound, as MetaVersion
// says, and holding it leaves no folder behind.
func TestHoldMetaMissing(t *testing.T) {
	r := newRecords(t)
	if _, _, _, _, err := r.HoldMeta(context.Background(), "loc_a", "gone"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	dir := filepath.Join(r.Store.(*storage.FS).Dir(), "orders")
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("holding a missing order made %s (%v)", dir, err)
	}
	if _, _, _, _, err := r.HoldMeta(context.Background(), "loc_a", "../x"); !errors.Is(err, ErrInvalidID) {
		t.Errorf("an id out of the store: %v, want ErrInvalidID", err)
	}
}
