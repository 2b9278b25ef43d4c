package records

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/storage"
)

// ErrVersion: the order is no longer at the version the caller named
// (If-Match): someone else changed it since the caller read it.
var ErrVersion = errors.New("order changed since that version")

// AnyVersion asks Patch to apply the edit whatever the order's version.
const AnyVersion = -1

func orderObject(m Meta) string {
	if m.OrderObject == "" {
		return "order.json"
	}
	return m.OrderObject
}

// loadOrder reads the metadata and the order object it names. A PATCH
// may replace (and remove) that object between the two reads: then the
// metadata is read again and names the new one.
func (r Records) loadOrder(ctx context.Context, tenant, id string) (*order.Order, Meta, error) {
	for attempt := 0; ; attempt++ {
		m, err := r.Meta(ctx, tenant, id)
		if err != nil {
			return nil, Meta{}, err
		}
		o, err := r.readOrder(ctx, tenant, id, orderObject(m))
		if errors.Is(err, storage.ErrNotFound) && attempt < 3 {
			continue
		}
		if err != nil {
			return nil, Meta{}, fmt.Errorf("load order %s: %w", id, err)
		}
		return o, m, nil
	}
}

func (r Records) readOrder(ctx context.Context, tenant, id, name string) (*order.Order, error) {
	data, err := r.readStored(ctx, tenant, id, name)
	if err != nil {
		return nil, err
	}
	return order.DecodeBytes(data)
}

func (r Records) readStored(ctx context.Context, tenant, id, name string) ([]byte, error) {
	k, err := key(tenant, id, name)
	if err != nil {
		return nil, err
	}
	rc, err := r.Store.Get(ctx, k)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return storage.ReadAll(rc)
}

// Patch replaces an order's fields with what edit makes of the stored
// order (its JSON with PINs in clear, order.EncodeStored; never show it).
// The new order is written to an object of its own and becomes the
// order's with one conditional write of the metadata, which also moves
// the version on, so the report turns stale; a writer that came first
// (an upload, another patch) makes Patch read again and edit again, so
// no change is lost. want is the version the caller read (If-Match), or
// AnyVersion. The number index follows the order's numbers.
func (r Records) Patch(ctx context.Context, tenant, id string, want int, edit func(stored []byte) (*order.Order, error)) (*order.Order, Meta, error) {
	mk, err := key(tenant, id, "meta.json")
	if err != nil {
		return nil, Meta{}, err
	}
	for attempt := 0; ; attempt++ {
		m, version, err := r.metaVersion(ctx, mk)
		if err != nil {
			return nil, Meta{}, fmt.Errorf("patch order %s: %w", id, err)
		}
		if want != AnyVersion && m.Version != want {
			return nil, Meta{}, fmt.Errorf("patch order %s: version %d, not %d: %w", id, m.Version, want, ErrVersion)
		}
		oldName := orderObject(m)
		stored, err := r.readStored(ctx, tenant, id, oldName)
		if errors.Is(err, storage.ErrNotFound) && attempt < maxConflicts {
			continue // replaced since the metadata was read
		}
		if err != nil {
			return nil, Meta{}, fmt.Errorf("patch order %s: %w", id, err)
		}
		old, err := order.DecodeBytes(stored)
		if err != nil {
			return nil, Meta{}, fmt.Errorf("patch order %s: %w", id, err)
		}
		o, err := edit(stored)
		if err != nil {
			return nil, Meta{}, err
		}
		o.ID = id
		name, err := r.writeOrderObject(ctx, tenant, o)
		if err != nil {
			return nil, Meta{}, err
		}
		m.OrderObject, m.Version, m.Updated = name, m.Version+1, r.now()
		err = r.putMeta(ctx, mk, m, version)
		if err == nil {
			r.dropOrderObject(ctx, tenant, id, oldName)
			return o, m, r.reindex(ctx, tenant, id, old, o)
		}
		r.dropOrderObject(ctx, tenant, id, name)
		if !errors.Is(err, storage.ErrConflict) || attempt >= maxConflicts {
			return nil, Meta{}, fmt.Errorf("patch order %s: %w", id, err)
		}
		if err := backoff(ctx, attempt); err != nil {
			return nil, Meta{}, fmt.Errorf("patch order %s: %w", id, err)
		}
	}
}

// writeOrderObject stores the order under a name no other writer uses,
// so two patches at once never overwrite each other's object.
func (r Records) writeOrderObject(ctx context.Context, tenant string, o *order.Order) (string, error) {
	b := make([]byte, 8)
	rand.Read(b)
	name := "order-" + hex.EncodeToString(b) + ".json"
	k, err := key(tenant, o.ID, name)
	if err != nil {
		return "", err
	}
	data, err := order.EncodeStored(o)
	if err != nil {
		return "", err
	}
	if err := r.Store.Put(ctx, k, bytes.NewReader(data)); err != nil {
		return "", fmt.Errorf("save order %s: %w", o.ID, err)
	}
	return name, nil
}

// dropOrderObject removes an order object no metadata names any more: it
// may hold PINs the patch replaced. A failure leaves it for DeleteOrder.
func (r Records) dropOrderObject(ctx context.Context, tenant, id, name string) {
	d, ok := r.Store.(storage.Deleter)
	if k, err := key(tenant, id, name); ok && err == nil {
		_ = d.Delete(ctx, k)
	}
}

// reindex makes the number index follow a patch that took: indexed only
// once taken, so no other order is told of numbers an edit that lost
// would have added. An error leaves the patch taken; repeating it (a
// merge patch is idempotent) writes the index again.
func (r Records) reindex(ctx context.Context, tenant, id string, old, o *order.Order) error {
	if err := r.indexNumbers(ctx, tenant, o); err != nil {
		return err
	}
	return r.unindexNumbers(ctx, tenant, id, old, o)
}

// unindexNumbers removes the index entries of numbers old ported and o
// no longer does, so no other order is told they are still porting.
func (r Records) unindexNumbers(ctx context.Context, tenant, id string, old, o *order.Order) error {
	var keep []string
	for _, l := range o.Lines() {
		keep = append(keep, l.E164)
	}
	var gone []string
	for _, l := range old.Lines() {
		if l.E164 != "" && !slices.Contains(keep, l.E164) {
			gone = append(gone, "numbers/"+tenant+"/"+l.E164+"/"+id)
		}
	}
	return r.deleteKeys(ctx, gone)
}
