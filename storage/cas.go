package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
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

// GetVersion reads the object; its version is its content's SHA-256,
// chained with each line appended to it (append.go).
func (s *FS) GetVersion(ctx context.Context, key string) ([]byte, string, error) {
	tail, release, rc, err := s.openObject(key)
	if err != nil {
		return nil, "", err
	}
	defer release()
	defer rc.Close()
	data, err := readSized(rc, maxVersioned)
	if err != nil {
		return nil, "", fmt.Errorf("get %s: %w", key, err)
	}
	if len(tail) == 0 {
		return data, contentVersion(data), nil
	}
	lines, version := parseTail(contentVersion(data), tail)
	return withLines(data, lines), version, nil
}

// PutIf compares and writes under an exclusive flock of a lock file
// beside the object, so writers in this process and in others (serve and
// worker on one folder) take turns. The lock file also holds the lines
// AppendIf added (append.go): the version compared is the object's with
// them, and a write empties them.
func (s *FS) PutIf(ctx context.Context, key string, data []byte, version string) error {
	l, err := s.lockKey("put", key)
	if err != nil {
		return err
	}
	defer l.unlock()
	return s.putLocked(ctx, l, key, data, version)
}

// putLocked is PutIf of the object l holds. l then holds it as written.
func (s *FS) putLocked(ctx context.Context, l *locked, key string, data []byte, version string) error {
	if err := l.compare("put", key, version); err != nil {
		return err
	}
	if err := s.Put(ctx, key, bytes.NewReader(data)); err != nil {
		l.broken = true // the rename may have been done
		return err
	}
	l.exists, l.base, l.lines, l.version = true, data, nil, contentVersion(data)
	l.baseVersion = l.version
	if len(l.tail) > 0 { // the new bytes carry none of the old lines
		if err := l.file.Truncate(0); err != nil {
			l.broken = true
			return fmt.Errorf("put %s: clear appended lines: %w", key, err)
		}
		l.tail = l.tail[:0]
	}
	return nil
}

// locked is an object held under its lock file's flock, as it stands:
// its bytes, the lock file's content (appended lines) and its version.
type locked struct {
	file    *os.File
	release func() // gives tail's buffer back
	exists  bool
	base    []byte
	tail    []byte
	lines   []tailLine
	version string
	// baseVersion is base's own version, lines aside (room).
	baseVersion string
	// broken: a write failed part way, so base, tail and lines may no
	// longer be what the files hold; every compare fails.
	broken bool
}

// lockKey is lockObject for key, its errors named by op.
func (s *FS) lockKey(op, key string) (*locked, error) {
	clean, err := s.checkKey(key)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	l, err := s.lockObject(clean, true)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", op, key, err)
	}
	return l, nil
}

// compare is ErrConflict unless the object stands at version: as read
// then, lines and all; "" for an object that must not exist.
func (l *locked) compare(op, key, version string) error {
	switch {
	case l.broken:
		return fmt.Errorf("%s %s: an earlier write failed part way: %w", op, key, ErrConflict)
	case !l.exists:
		if version != "" {
			return fmt.Errorf("%s %s: gone since read: %w", op, key, ErrConflict)
		}
	case version == "":
		return fmt.Errorf("%s %s: exists: %w", op, key, ErrConflict)
	case l.version != version:
		return fmt.Errorf("%s %s: %w", op, key, ErrConflict)
	}
	return nil
}

// lockObject takes the object's lock and reads it. Unless create, an
// object that does not exist is fs.ErrNotExist, and neither its lock
// file nor its folder is made.
func (s *FS) lockObject(clean string, create bool) (*locked, error) {
	dst := s.local(clean)
	lock, err := openLock(dst, create)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		lock.Close()
		return nil, fmt.Errorf("lock: %w", err)
	}
	l := &locked{file: lock, release: func() {}}
	if l.tail, l.release, err = readPooled(lock); err != nil {
		l.unlock()
		return nil, fmt.Errorf("read appended lines: %w", err)
	}
	l.base, err = s.readFile(clean)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return l, nil
	case err != nil:
		l.unlock()
		return nil, err
	}
	l.exists = true
	l.baseVersion = contentVersion(l.base)
	l.lines, l.version = parseTail(l.baseVersion, l.tail)
	return l, nil
}

// openLock opens the lock file of the object at dst, making it (and,
// when create, the object's folder) when it is missing.
func openLock(dst string, create bool) (*os.File, error) {
	lockPath := filepath.Join(filepath.Dir(dst), lockPrefix+filepath.Base(dst))
	lock, err := openPlain(lockPath, os.O_RDWR, 0)
	if !errors.Is(err, os.ErrNotExist) {
		return lock, err
	}
	if !create {
		if _, err := os.Stat(dst); err != nil {
			return nil, err // no object: nothing to hold
		}
	}
	lock, err = openPlain(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if create && errors.Is(err, os.ErrNotExist) { // the folder is new: make it only then
		if err = os.MkdirAll(filepath.Dir(dst), 0o755); err == nil {
			lock, err = openPlain(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
		}
	}
	return lock, err
}

// readFile is os.ReadFile of the object's file, in one read of its
// size.
func (s *FS) readFile(clean string) ([]byte, error) {
	f, err := s.openFile(clean)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSized(f, math.MaxInt64)
}

// unlock releases the lock (closing the file does).
func (l *locked) unlock() {
	l.file.Close()
	l.release()
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
