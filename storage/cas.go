package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// ErrConflict: a conditional write found the object changed (or, for a
// create, present) since the version it was given. Read again and retry.
var ErrConflict = errors.New("changed since read")

// Versioned is a Store whose objects carry a version, for
// compare-and-swap: read an object with its version, change it, and
// write it back only if no one else wrote it in between. An order's
// metadata is changed this way, so concurrent uploads and checks never
// lose one another's update.
type Versioned interface {
	// GetVersion returns the object's bytes and version.
	GetVersion(ctx context.Context, key string) ([]byte, string, error)
	// PutIf writes the object only if its version is still version; an
	// empty version means the object must not exist yet. Otherwise it
	// returns an error wrapping ErrConflict and writes nothing.
	PutIf(ctx context.Context, key string, data []byte, version string) error
}

var (
	_ Versioned = (*FS)(nil)
	_ Versioned = (*S3)(nil)
)

// maxVersioned bounds what GetVersion reads: metadata is a few KiB.
const maxVersioned = 1 << 20

func contentVersion(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// GetVersion reads the object; its version is its content's SHA-256.
func (s *FS) GetVersion(ctx context.Context, key string) ([]byte, string, error) {
	rc, err := s.Get(ctx, key)
	if err != nil {
		return nil, "", err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxVersioned))
	if err != nil {
		return nil, "", fmt.Errorf("get %s: %w", key, err)
	}
	return data, contentVersion(data), nil
}

// PutIf compares and writes under an exclusive flock of a lock file
// beside the object, so writers in this process and in others (serve and
// worker on one folder) take turns.
func (s *FS) PutIf(ctx context.Context, key string, data []byte, version string) error {
	clean, err := s.checkKey(key)
	if err != nil {
		return fmt.Errorf("put: %w", err)
	}
	dst := s.local(clean)
	lockPath := filepath.Join(filepath.Dir(dst), lockPrefix+filepath.Base(dst))
	lock, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if errors.Is(err, os.ErrNotExist) { // the folder is new: make it only then
		if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
			lock, err = os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
		}
	}
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("put %s: lock: %w", key, err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) //nolint:errcheck // Close unlocks too
	current, err := os.ReadFile(dst)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if version != "" {
			return fmt.Errorf("put %s: gone since read: %w", key, ErrConflict)
		}
	case err != nil:
		return fmt.Errorf("put %s: %w", key, err)
	case version == "":
		return fmt.Errorf("put %s: exists: %w", key, ErrConflict)
	case contentVersion(current) != version:
		return fmt.Errorf("put %s: %w", key, ErrConflict)
	}
	return s.Put(ctx, key, bytes.NewReader(data))
}

// lockPrefix names the lock files of PutIf; List does not show them.
const lockPrefix = ".lock-"

// GetVersion reads the object; its version is its ETag.
func (s *S3) GetVersion(ctx context.Context, key string) ([]byte, string, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, "", fmt.Errorf("get: %w", err)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(k)})
	if err != nil {
		return nil, "", fmt.Errorf("get %s: %w", key, mapS3(err))
	}
	defer out.Body.Close()
	data, err := io.ReadAll(io.LimitReader(out.Body, maxVersioned))
	if err != nil {
		return nil, "", fmt.Errorf("get %s: %w", key, err)
	}
	return data, aws.ToString(out.ETag), nil
}

// PutIf is S3's conditional write: If-Match on the ETag read, or
// If-None-Match: * for an object that must not exist. The server
// compares and writes atomically.
func (s *S3) PutIf(ctx context.Context, key string, data []byte, version string) error {
	k, err := s.key(key)
	if err != nil {
		return fmt.Errorf("put: %w", err)
	}
	in := &s3.PutObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(k), Body: bytes.NewReader(data)}
	if version == "" {
		in.IfNoneMatch = aws.String("*")
	} else {
		in.IfMatch = aws.String(version)
	}
	if _, err := s.client.PutObject(ctx, in); err != nil {
		if isPrecondition(err) {
			return fmt.Errorf("put %s: %w", key, ErrConflict)
		}
		return fmt.Errorf("put %s: %w", key, mapS3(err))
	}
	return nil
}

// isPrecondition: 412 is the condition failing; 409
// ConditionalRequestConflict is another conditional write to the key in
// flight. Both mean read again.
func isPrecondition(err error) bool {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "PreconditionFailed", "ConditionalRequestConflict":
			return true
		}
	}
	return false
}
