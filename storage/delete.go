package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Deleter is a Store that can remove objects (retention, deleted
// webhooks). Delete of a key that holds nothing succeeds: a sweep
// interrupted half way and run again must not stop at what it already
// removed.
type Deleter interface {
	Delete(ctx context.Context, key string) error
}

var (
	_ Deleter = (*FS)(nil)
	_ Deleter = (*S3)(nil)
)

// Delete removes the object, the lock file PutIf left beside it, and the
// folders it leaves empty, so a removed order leaves no trace on disk.
func (s *FS) Delete(ctx context.Context, key string) error {
	clean, err := s.checkKey(key)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	if s.open {
		return s.deleteOpen(clean)
	}
	r, err := os.OpenRoot(s.dir)
	if err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	defer r.Close()
	if err := r.Remove(clean); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", key, mapErr(err))
	}
	dir := path.Dir(clean)
	r.Remove(path.Join(dir, lockPrefix+path.Base(clean))) //nolint:errcheck // absent for most keys
	// Remove refuses a folder that is not empty: pruning stops there.
	for ; dir != "." && dir != "/"; dir = path.Dir(dir) {
		if r.Remove(dir) != nil {
			break
		}
	}
	return nil
}

func (s *FS) deleteOpen(key string) error {
	p := s.local(key)
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	os.Remove(filepath.Join(filepath.Dir(p), lockPrefix+filepath.Base(p))) //nolint:errcheck // absent for most keys
	return nil
}

// Delete removes the object; S3 answers a missing key with success too.
func (s *S3) Delete(ctx context.Context, key string) error {
	k, err := s.key(key)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	if _, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(k)}); err != nil {
		return fmt.Errorf("delete %s: %w", key, mapS3(err))
	}
	return nil
}
