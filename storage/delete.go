package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Deleter is a Store that can remove objects. Deleting a key that does
// not exist is not an error: a deletion retried after a failure half way
// must finish, not stop at what the first attempt removed.
type Deleter interface {
	Delete(ctx context.Context, key string) error
}

var (
	_ Deleter = (*FS)(nil)
	_ Deleter = (*S3)(nil)
)

// Delete removes the object, the lock file PutIf kept beside it, and the
// folders left empty up to the store's own: a deleted order leaves no
// trace on disk.
func (s *FS) Delete(ctx context.Context, key string) error {
	clean, err := s.checkKey(key)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	if _, err := s.stat(clean); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("delete %s: %w", key, mapErr(err))
	}
	dst := s.local(clean)
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	os.Remove(filepath.Join(filepath.Dir(dst), lockPrefix+filepath.Base(dst)))
	for dir := filepath.Dir(dst); dir != s.dir && len(dir) > len(s.dir); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil { // not empty: stop
			break
		}
	}
	return nil
}

// Delete removes the object; S3 answers success for a missing key.
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
