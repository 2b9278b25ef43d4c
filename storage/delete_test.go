package storage_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/storage"
)

// deleteContract: a deleted object is gone, its neighbours stay, and a
// second delete of it succeeds.
func deleteContract(t *testing.T, s storage.Store) {
	t.Helper()
	ctx := context.Background()
	d, ok := s.(storage.Deleter)
	if !ok {
		t.Fatalf("%T is no Deleter", s)
	}
	for _, k := range []string{"orders/t/a/meta.json", "orders/t/a/order.json", "orders/t/b/meta.json"} {
		if err := s.Put(ctx, k, bytes.NewReader([]byte(k))); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, key string
	}{
		{"present", "orders/t/a/meta.json"},
		{"again", "orders/t/a/meta.json"},
		{"never there", "orders/t/zzz/meta.json"},
	}
	for _, tt := range tests {
		if err := d.Delete(ctx, tt.key); err != nil {
			t.Errorf("%s: Delete(%s) = %v", tt.name, tt.key, err)
		}
		if _, err := s.Stat(ctx, tt.key); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("%s: Stat after Delete = %v, want ErrNotFound", tt.name, err)
		}
	}
	if err := d.Delete(ctx, "../escape"); !errors.Is(err, storage.ErrInvalidKey) {
		t.Errorf("Delete(../escape) = %v, want ErrInvalidKey", err)
	}
	infos, err := s.List(ctx, "orders/t/")
	if err != nil || len(infos) != 2 {
		t.Errorf("List after Delete = %v, %v; want the two other objects", infos, err)
	}
}

func TestFSDelete(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	deleteContract(t, s)
	// A versioned write's lock file and the emptied folders go too.
	ctx := context.Background()
	if err := s.PutIf(ctx, "orders/t/c/meta.json", []byte("{}"), ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "orders/t/c/meta.json"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "orders/t/c")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the order's folder is left after its last object went: %v", err)
	}
}

func TestS3Delete(t *testing.T) {
	srv := testservers.StartS3(t)
	ctx := context.Background()
	s, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	deleteContract(t, s)
}
