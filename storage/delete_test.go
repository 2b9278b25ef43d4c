package storage_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/storage"
)

// deleteContract: a deleted object is gone, its neighbours stay, and
// deleting it again, or a key never written, succeeds.
func deleteContract(t *testing.T, s storage.Store) {
	t.Helper()
	ctx := context.Background()
	d := s.(storage.Deleter)
	for _, k := range []string{"orders/t/o1/meta.json", "orders/t/o2/meta.json"} {
		if err := s.Put(ctx, k, bytes.NewReader([]byte("{}"))); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.(storage.Versioned).PutIf(ctx, "orders/t/o1/meta.json", []byte("{}"), ""); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("PutIf over an existing object = %v, want a conflict", err)
	}
	for range 2 {
		if err := d.Delete(ctx, "orders/t/o1/meta.json"); err != nil {
			t.Fatalf("Delete: %v", err)
		}
	}
	if _, err := s.Stat(ctx, "orders/t/o1/meta.json"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Stat after Delete = %v, want ErrNotFound", err)
	}
	if _, err := s.Stat(ctx, "orders/t/o2/meta.json"); err != nil {
		t.Errorf("the neighbour went too: %v", err)
	}
	if err := d.Delete(ctx, "../escape"); !errors.Is(err, storage.ErrInvalidKey) {
		t.Errorf("Delete of ../escape = %v, want ErrInvalidKey", err)
	}
}

func TestFSDelete(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	deleteContract(t, s)
	// Nothing of o1 is left on disk: no lock file, no empty folder.
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if filepath.Base(p) == "o1" || filepath.Base(p) == ".lock-meta.json" && filepath.Base(filepath.Dir(p)) == "o1" {
			t.Errorf("%s is left after its only object was deleted", p)
		}
		return err
	})
}

func TestS3Delete(t *testing.T) {
	srv := testservers.StartS3(t)
	ctx := context.Background()
	s, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Prefix: "test/", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	deleteContract(t, s)
}
