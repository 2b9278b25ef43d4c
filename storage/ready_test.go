package storage_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/storage"
)

// TestS3Ready: Ready says which part is wrong: the bucket, the
// credentials, or the server, and passes when all are right.
func TestS3Ready(t *testing.T) {
	srv := testservers.StartS3(t)
	ctx := context.Background()
	open := func(t *testing.T, bucket, secret string) *storage.S3 {
		t.Helper()
		s, err := storage.NewS3(ctx, storage.S3Config{Bucket: bucket, Prefix: "p/", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(secret)})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := open(t, "present", srv.SecretKey).CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, bucket, secret, want string
	}{
		{"ready", "present", srv.SecretKey, ""},
		{"missing bucket", "absent", srv.SecretKey, "s3: bucket absent does not exist"},
		{"wrong secret", "present", "not-the-secret", "s3: bucket present: the credentials are refused (SignatureDoesNotMatch)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := open(t, tt.bucket, tt.secret).Ready(ctx)
			if got := errString(err); got != tt.want {
				t.Errorf("Ready = %q, want %q", got, tt.want)
			}
			if strings.Contains(errString(err), tt.secret) {
				t.Errorf("the secret is in the error: %v", err)
			}
		})
	}
	t.Run("server stopped", func(t *testing.T) {
		s := open(t, "present", srv.SecretKey)
		srv.Stop()
		defer srv.Restart(t)
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		err := s.Ready(tctx)
		if err == nil || !strings.HasPrefix(err.Error(), "s3: bucket present: ") {
			t.Errorf("Ready with the server down = %v", err)
		}
	})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestS3EndpointNeedsStaticCredentials: with an endpoint and no keys the
// store refuses at once, before any request: the standard chain would
// end at the instance-metadata address, outside the machine.
func TestS3EndpointNeedsStaticCredentials(t *testing.T) {
	t.Setenv("AWS_EC2_METADATA_DISABLED", "") // the config itself must keep IMDS off
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	start := time.Now()
	_, err := storage.NewS3(context.Background(), storage.S3Config{Bucket: "b", Endpoint: "http://127.0.0.1:1"})
	if !errors.Is(err, storage.ErrNoCredentials) {
		t.Errorf("NewS3 without credentials = %v, want ErrNoCredentials", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %s: something was asked", d)
	}
}

func TestFSReady(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := storage.NewFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(context.Background()); err != nil {
		t.Errorf("Ready = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Ready left %d files", len(entries))
	}
	os.RemoveAll(dir)
	if err := s.Ready(context.Background()); err == nil {
		t.Error("Ready with the folder gone = nil")
	}
}
