package records

import (
	"context"
	"errors"
	"fmt"

	"github.com/portcheck/portcheck/storage"
)

// holder is a store one of whose objects a writer can hold: read under
// the lock its conditional writes take, and written back without being
// read again (storage.FS.Hold).
type holder interface {
	Hold(ctx context.Context, key string) (*storage.Held, error)
}

var _ holder = (*storage.FS)(nil)

// HoldMeta is MetaVersion holding the metadata against other writers
// where the store can (the folder): held, until release, is r whose
// writes of this order's metadata (StandBatchCheck, FinishRedatedCheck,
// every update) need no second read of it. A re-validation that stands
// or redates an order from its memo reads its metadata once so.
// Elsewhere (S3, where a conditional write is one request and compares
// on the server) it is MetaVersion, held is r and release does nothing.
//
// Until release, other writers of the order's metadata wait, this
// process's through r too: hold it only over work that writes it
// through held, and release before anything else would.
func (r Records) HoldMeta(ctx context.Context, tenant, id string) (held Records, m Meta, version string, release func(), err error) {
	h, ok := r.Store.(holder)
	if !ok {
		m, version, err = r.MetaVersion(ctx, tenant, id)
		return r, m, version, func() {}, err
	}
	mk, err := key(tenant, id, "meta.json")
	if err != nil {
		return r, Meta{}, "", func() {}, err
	}
	hs, err := h.Hold(ctx, mk)
	if errors.Is(err, storage.ErrNotFound) {
		return r, Meta{}, "", func() {}, fmt.Errorf("order %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, Meta{}, "", func() {}, fmt.Errorf("order %s: %w", id, err)
	}
	held = r
	held.Store = hs
	if m, version, err = held.MetaVersion(ctx, tenant, id); err != nil {
		hs.Release()
		return r, Meta{}, "", func() {}, err
	}
	return held, m, version, hs.Release, nil
}
