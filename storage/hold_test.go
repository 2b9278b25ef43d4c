package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestHeld: what a holder writes through its Held reads back, through
// the Held and through the store, as the same writes made without a
// hold would; a version the hold's own write moved on is refused.
func TestHeld(t *testing.T) {
	ctx := context.Background()
	const key = "orders/t/a/meta.json"
	tests := []struct {
		name  string
		steps func(t *testing.T, h *Held, v0 string) error
		want  string
		err   error
	}{
		{"nothing written", func(t *testing.T, h *Held, v0 string) error { return nil }, "base\none", nil},
		{"a line", func(t *testing.T, h *Held, v0 string) error {
			return h.AppendIf(ctx, key, []byte("two"), v0)
		}, "base\none\ntwo", nil},
		{"two lines, the second at the version the first made", func(t *testing.T, h *Held, v0 string) error {
			if err := h.AppendIf(ctx, key, []byte("two"), v0); err != nil {
				return err
			}
			_, v1, err := h.GetVersion(ctx, key)
			if err != nil {
				return err
			}
			return h.AppendIf(ctx, key, []byte("three"), v1)
		}, "base\none\ntwo\nthree", nil},
		{"a second line at the version read first", func(t *testing.T, h *Held, v0 string) error {
			if err := h.AppendIf(ctx, key, []byte("two"), v0); err != nil {
				return err
			}
			return h.AppendIf(ctx, key, []byte("three"), v0)
		}, "base\none\ntwo", ErrConflict},
		{"a whole write drops the lines", func(t *testing.T, h *Held, v0 string) error {
			return h.PutIf(ctx, key, []byte("new"), v0)
		}, "new", nil},
		{"a line after a whole write", func(t *testing.T, h *Held, v0 string) error {
			if err := h.PutIf(ctx, key, []byte("new"), v0); err != nil {
				return err
			}
			_, v1, err := h.GetVersion(ctx, key)
			if err != nil {
				return err
			}
			return h.AppendIf(ctx, key, []byte("two"), v1)
		}, "new\ntwo", nil},
		{"a line at a version of no one", func(t *testing.T, h *Held, v0 string) error {
			return h.AppendIf(ctx, key, []byte("two"), "feed")
		}, "base\none", ErrConflict},
		{"a write after release", func(t *testing.T, h *Held, v0 string) error {
			h.Release()
			return h.AppendIf(ctx, key, []byte("two"), v0)
		}, "base\none", ErrConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newFS(t)
			if err := s.PutIf(ctx, key, []byte("base"), ""); err != nil {
				t.Fatal(err)
			}
			_, v := read(t, s, key)
			if err := s.AppendIf(ctx, key, []byte("one"), v); err != nil {
				t.Fatal(err)
			}
			_, v0 := read(t, s, key)
			h, err := s.Hold(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Release()
			data, hv, err := h.GetVersion(ctx, key)
			if err != nil || string(data) != "base\none" || hv != v0 {
				t.Fatalf("held reads %q at %s (%v), the store %q at %s", data, hv, err, "base\none", v0)
			}
			if err := tt.steps(t, h, v0); !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if data, hv, err := h.GetVersion(ctx, key); err == nil {
				base, lines, lv, release, err := h.GetLines(ctx, key)
				if err != nil {
					t.Fatal(err)
				}
				if joined := bytes.Join(append([][]byte{base}, lines...), []byte("\n")); !bytes.Equal(joined, data) || lv != hv {
					t.Errorf("held GetLines = %q at %s, GetVersion = %q at %s", joined, lv, data, hv)
				}
				release()
			}
			h.Release()
			got, version := read(t, s, key)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("store reads (-want +got):\n%s", diff)
			}
			// The next writer, unheld, compares against what the hold wrote.
			if err := s.AppendIf(ctx, key, []byte("after"), version); err != nil {
				t.Errorf("a line at the version read after the hold: %v", err)
			}
		})
	}
}

// TestHeldKeepsOtherWriters out until Release, and leaves other keys
// to the store.
func TestHeldKeepsOtherWriters(t *testing.T) {
	ctx := context.Background()
	s := newFS(t)
	for _, k := range []string{"a/meta.json", "b/meta.json"} {
		if err := s.PutIf(ctx, k, []byte("base"), ""); err != nil {
			t.Fatal(err)
		}
	}
	h, err := s.Hold(ctx, "a/meta.json")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	_, vb := read(t, s, "b/meta.json")
	if err := h.AppendIf(ctx, "b/meta.json", []byte("other"), vb); err != nil {
		t.Fatalf("another key through the hold: %v", err)
	}
	_, va := read(t, s, "a/meta.json")
	done := make(chan error, 1)
	go func() { done <- s.AppendIf(ctx, "a/meta.json", []byte("waited"), va) }()
	select {
	case err := <-done:
		t.Fatalf("a writer of the held key went on while it was held: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	h.Release()
	if err := <-done; err != nil {
		t.Fatalf("the writer after release: %v", err)
	}
	if got, _ := read(t, s, "a/meta.json"); got != "base\nwaited" {
		t.Errorf("a/meta.json reads %q", got)
	}
}

// TestHoldMissing: holding an object that is not there is ErrNotFound
// and makes nothing: a re-validation of a deleted order leaves no
// folder behind.
func TestHoldMissing(t *testing.T) {
	s := newFS(t)
	if _, err := s.Hold(context.Background(), "orders/t/gone/meta.json"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "orders")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("holding a missing object made %s: %v", filepath.Join(s.Dir(), "orders"), err)
	}
	if _, err := s.Hold(context.Background(), "../x"); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("a key out of the store: %v, want ErrInvalidKey", err)
	}
}

func newFS(t *testing.T) *FS {
	t.Helper()
	s, err := NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}
