package storage

import (
	"bytes"
	"context"
	"fmt"
	"sync"
)

// Held is the folder store as seen by the holder of one of its objects:
// an object read under the lock its conditional writes take (FS.Hold),
// so it is written back, a line or whole, without being read again. A
// re-validation reads an order's metadata, decides, and adds a line to
// it; without a hold the line's write took the lock and read the object
// again to compare with what was read first, half of what a night spent
// on metadata.
//
// The held key reads (GetVersion, Get) as held, without I/O, and PutIf
// and AppendIf of it write under the lock already taken, after which it
// reads as written. Every other key, and every other method, is the
// store's. Other writers of the key wait until Release, in this process
// too: the holder writes the key only through its Held, or waits on
// itself.
type Held struct {
	*FS
	key string

	mu sync.Mutex
	l  *locked // nil once released
}

var _ Appender = (*Held)(nil)

// Hold takes the writers' lock of key and reads the object. An object
// that does not exist is ErrNotFound, and nothing is made for it.
// Release must follow.
func (s *FS) Hold(ctx context.Context, key string) (*Held, error) {
	clean, err := s.checkKey(key)
	if err != nil {
		return nil, fmt.Errorf("hold: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("hold %s: %w", key, err)
	}
	l, err := s.lockObject(clean, false)
	if err != nil {
		return nil, fmt.Errorf("hold %s: %w", key, mapErr(err))
	}
	if !l.exists { // removed after its lock file was opened
		l.unlock()
		return nil, fmt.Errorf("hold %s: %w", key, ErrNotFound)
	}
	return &Held{FS: s, key: clean, l: l}, nil
}

// Release lets the other writers of the key go on. Using the Held for
// the key after it is a fault (ErrConflict); the rest of the store goes
// on working through it.
func (h *Held) Release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.l != nil {
		h.l.unlock()
		h.l = nil
	}
}

// holding is the lock of key when it is the held key and still held;
// ok is false for any other key. The caller holds h.mu.
func (h *Held) holding(op, key string) (l *locked, ok bool, err error) {
	clean, err := h.checkKey(key)
	if err != nil || clean != h.key {
		return nil, false, nil
	}
	if h.l == nil {
		return nil, true, fmt.Errorf("%s %s: released: %w", op, key, ErrConflict)
	}
	return h.l, true, nil
}

// GetVersion is the held object, lines and all, as the store's
// GetVersion would read it now.
func (h *Held) GetVersion(ctx context.Context, key string) ([]byte, string, error) {
	h.mu.Lock()
	l, ok, err := h.holding("get", key)
	if !ok {
		h.mu.Unlock()
		return h.FS.GetVersion(ctx, key)
	}
	defer h.mu.Unlock()
	if err != nil {
		return nil, "", err
	}
	if !l.exists {
		return nil, "", fmt.Errorf("get %s: %w", key, ErrNotFound)
	}
	// withLines copies the lines out of the lock file's buffer, which
	// Release gives back; the base is the holder's own.
	return withLines(l.base, l.lines), l.version, nil
}

// PutIf writes the held object whole under the hold.
func (h *Held) PutIf(ctx context.Context, key string, data []byte, version string) error {
	return h.write("put", key, func(l *locked) error {
		return h.putLocked(ctx, l, key, bytes.Clone(data), version)
	}, func() error { return h.FS.PutIf(ctx, key, data, version) })
}

// AppendIf adds a line to the held object under the hold.
func (h *Held) AppendIf(ctx context.Context, key string, line []byte, version string) error {
	return h.write("append", key, func(l *locked) error {
		if bytes.IndexByte(line, '\n') >= 0 {
			return fmt.Errorf("append %s: the line holds a newline", key)
		}
		return l.appendIf(key, line, version)
	}, func() error { return h.FS.AppendIf(ctx, key, line, version) })
}

// write is held's write of the held key under the hold, or the store's
// (store) of any other key, which takes that key's own lock.
func (h *Held) write(op, key string, held func(*locked) error, store func() error) error {
	h.mu.Lock()
	l, ok, err := h.holding(op, key)
	if !ok {
		h.mu.Unlock()
		return store()
	}
	defer h.mu.Unlock()
	if err != nil {
		return err
	}
	return held(l)
}

// GetLines is GetVersion of the held object with its lines apart,
// valid until Release (release itself does nothing).
func (h *Held) GetLines(ctx context.Context, key string) (base []byte, lines [][]byte, version string, release func(), err error) {
	h.mu.Lock()
	l, ok, err := h.holding("get", key)
	if !ok {
		h.mu.Unlock()
		return h.FS.GetLines(ctx, key)
	}
	defer h.mu.Unlock()
	if err != nil {
		return nil, nil, "", nil, err
	}
	if !l.exists {
		return nil, nil, "", nil, fmt.Errorf("get %s: %w", key, ErrNotFound)
	}
	return l.base, lineTexts(l.lines), l.version, func() {}, nil
}
