package storage_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/storage"
)

// contract is what every Store must do, run against each one.
func contract(t *testing.T, s storage.Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Stat(ctx, "orders/none.json"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Stat of a missing key = %v, want ErrNotFound", err)
	}
	if _, err := s.Get(ctx, "orders/none.json"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get of a missing key = %v, want ErrNotFound", err)
	}
	if err := s.Put(ctx, "../escape", bytes.NewReader(nil)); !errors.Is(err, storage.ErrInvalidKey) {
		t.Errorf("Put of ../escape = %v, want ErrInvalidKey", err)
	}
	for _, k := range []string{"orders/b/order.json", "orders/a/order.json", "reports/a.json"} {
		if err := s.Put(ctx, k, bytes.NewReader([]byte(k))); err != nil {
			t.Fatal(err)
		}
	}
	rc, err := s.Get(ctx, "orders/a/order.json")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != "orders/a/order.json" {
		t.Errorf("Get = %q", got)
	}
	infos, err := s.List(ctx, "orders/")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, i := range infos {
		keys = append(keys, i.Key)
	}
	if diff := cmp.Diff([]string{"orders/a/order.json", "orders/b/order.json"}, keys); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	// Content addressing: the same bytes twice are one object.
	k1, sum, err := storage.PutDocument(ctx, s, []byte("%PDF-1.4 bill"))
	if err != nil {
		t.Fatal(err)
	}
	k2, _, err := storage.PutDocument(ctx, s, []byte("%PDF-1.4 bill"))
	if err != nil || k1 != k2 || k1 != storage.DocumentKey(sum) {
		t.Errorf("PutDocument twice: %s, %s, %v", k1, k2, err)
	}
	docs, _ := s.List(ctx, "documents/")
	if len(docs) != 1 {
		t.Errorf("%d document objects, want 1", len(docs))
	}
}

func TestFSContract(t *testing.T) {
	s, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	contract(t, s)
	casContract(t, s)
}

// TestS3Contract runs the same contract against a real S3-compatible
// server (versitygw) through aws-sdk-go-v2 with path-style addressing.
func TestS3Contract(t *testing.T) {
	srv := testservers.StartS3(t)
	ctx := context.Background()
	s, err := storage.NewS3(ctx, storage.S3Config{Bucket: "portcheck", Prefix: "test/", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	contract(t, s)
	casContract(t, s)
}

func TestS3ConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  storage.S3Config
		ok   bool
	}{
		{"bucket only", storage.S3Config{Bucket: "b"}, true},
		{"no bucket", storage.S3Config{}, false},
		{"bad endpoint", storage.S3Config{Bucket: "b", Endpoint: "localhost:9000"}, false},
		{"half credentials", storage.S3Config{Bucket: "b", AccessKey: "k"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate = %v", err)
			}
		})
	}
	if s := (storage.S3Config{SecretKey: "hunter2"}); bytes.Contains([]byte(fmtSprint(s)), []byte("hunter2")) {
		t.Error("a secret key prints")
	}
}

// casContract: conditional writes refuse a stale version and a second
// create, and 20 writers each adding one to a counter by
// read-compare-write lose none of the 20.
func casContract(t *testing.T, s storage.Store) {
	t.Helper()
	ctx := context.Background()
	v, ok := s.(storage.Versioned)
	if !ok {
		t.Fatalf("%T is not storage.Versioned", s)
	}
	if err := v.PutIf(ctx, "cas/n", []byte("0"), ""); err != nil {
		t.Fatal(err)
	}
	if err := v.PutIf(ctx, "cas/n", []byte("0"), ""); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("second create = %v, want ErrConflict", err)
	}
	_, old, err := v.GetVersion(ctx, "cas/n")
	if err != nil {
		t.Fatal(err)
	}
	if err := v.PutIf(ctx, "cas/n", []byte("0 "), old); err != nil {
		t.Fatal(err)
	}
	if err := v.PutIf(ctx, "cas/n", []byte("x"), old); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("write at a stale version = %v, want ErrConflict", err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			for {
				data, ver, err := v.GetVersion(ctx, "cas/n")
				if err != nil {
					t.Error(err)
					return
				}
				n, _ := strconv.Atoi(strings.TrimSpace(string(data)))
				err = v.PutIf(ctx, "cas/n", []byte(strconv.Itoa(n+1)), ver)
				if err == nil {
					return
				}
				if !errors.Is(err, storage.ErrConflict) {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	data, _, _ := v.GetVersion(ctx, "cas/n")
	if string(data) != "20" {
		t.Errorf("counter after 20 parallel increments = %s, want 20", data)
	}
	if infos, _ := s.List(ctx, "cas/"); len(infos) != 1 {
		t.Errorf("List shows %d objects under cas/, want 1 (no lock files)", len(infos))
	}
}
