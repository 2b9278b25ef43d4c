package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
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
