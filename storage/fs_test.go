package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func newStore(t *testing.T, open bool) (*FS, string) {
	t.Helper()
	dir := t.TempDir()
	inner := filepath.Join(dir, "store")
	if err := os.Mkdir(inner, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "outside.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "outside.txt"), filepath.Join(inner, "link.txt")); err != nil {
		t.Fatal(err)
	}
	newFS := NewFS
	if open {
		newFS = NewLocalFS
	}
	s, err := newFS(inner)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestFSKeys(t *testing.T) {
	tests := []struct {
		name string
		open bool
		key  string
		want error
	}{
		{"missing", false, "nope.pdf", ErrNotFound},
		{"parent", false, "../outside.txt", ErrInvalidKey},
		{"hidden parent", false, "a/../../outside.txt", ErrInvalidKey},
		{"absolute", false, "/etc/passwd", ErrInvalidKey},
		{"empty", false, "", ErrInvalidKey},
		{"symlink out", false, "link.txt", ErrInvalidKey},
		{"folder", false, ".", ErrNotFound},
		{"open store reads parent", true, "../outside.txt", nil},
		{"open store missing", true, "nope.pdf", ErrNotFound},
		{"open store empty", true, "", ErrInvalidKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t, tt.open)
			_, err := s.Stat(context.Background(), tt.key)
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Errorf("Stat(%q) = %v, want %v", tt.key, err, tt.want)
			}
			rc, err := s.Get(context.Background(), tt.key)
			if err == nil {
				rc.Close()
			}
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Errorf("Get(%q) = %v, want %v", tt.key, err, tt.want)
			}
		})
	}
}

func TestFSPutRefusesEscape(t *testing.T) {
	s, dir := newStore(t, false)
	err := s.Put(context.Background(), "../evil.txt", bytes.NewReader([]byte("x")))
	if !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("Put outside = %v, want ErrInvalidKey", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "evil.txt")); !os.IsNotExist(err) {
		t.Errorf("a file was written outside the store: %v", err)
	}
}

// TestFSKeysOfFolder: Keys is List of one folder, its own objects alone.
func TestFSKeysOfFolder(t *testing.T) {
	ctx := context.Background()
	s, err := NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"n/a/o2", "n/a/o1", "n/a/sub/o3", "n/b/o4"} {
		if err := s.Put(ctx, k, strings.NewReader("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutIf(ctx, "n/a/o1", []byte("y"), ""); !errors.Is(err, ErrConflict) { // leaves a lock file beside it
		t.Fatalf("PutIf of an object that exists: %v", err)
	}
	tests := []struct {
		prefix string
		want   []string
		err    bool
	}{
		{"n/a/", []string{"n/a/o1", "n/a/o2"}, false},
		{"n/b/", []string{"n/b/o4"}, false},
		{"n/none/", nil, false},
		{"n/a", nil, true},
		{"../a/", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			got, err := s.Keys(ctx, tt.prefix)
			if (err != nil) != tt.err {
				t.Fatalf("Keys(%q) error %v, want error %t", tt.prefix, err, tt.err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Keys(%q) (-want +got):\n%s", tt.prefix, diff)
			}
		})
	}
}
