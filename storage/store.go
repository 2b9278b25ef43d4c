package storage

import (
	"context"
	"errors"
	"io"
	"time"
)

var (
	// ErrNotFound: no object has that key. Permanent for the key.
	ErrNotFound = errors.New("not found")
	// ErrInvalidKey: the key is absolute, empty or leaves the store.
	ErrInvalidKey = errors.New("invalid key")
)

// Info describes a stored object.
type Info struct {
	Key     string
	Size    int64
	ModTime time.Time
}

// Store holds objects by key.
//
// Get and Stat return an error wrapping ErrNotFound for a missing key and
// ErrInvalidKey for a key that is not allowed; both are permanent. Any
// other error (I/O, network) may be transient and worth a retry. Put is
// idempotent: writing the same bytes to a key twice leaves one object, and
// a reader never sees a half-written object.
type Store interface {
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	Stat(ctx context.Context, key string) (Info, error)
	Put(ctx context.Context, key string, r io.Reader) error
	List(ctx context.Context, prefix string) ([]Info, error)
}
