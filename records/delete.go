package records

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/storage"
)

// ErrNoDocument: the order has no document of that name.
var ErrNoDocument = errors.New("no such document")

// errNoDelete: the store cannot remove objects (a test's stand-in).
var errNoDelete = errors.New("the store cannot delete")

// Documents are stored by content and shared by every order, of any
// tenant, that uploads the same bytes; so are their extractions. Each
// upload writes a reference
//
//	refs/sha256/<hex>/<tenant>/<id>/<name>
//
// and a document (with its extractions) is removed only when the last
// reference to it goes. A document uploaded before references were
// written has none of this order's either: it is kept, since no one can
// tell who else holds it.
func refKey(tenant, id string, d DocRef) string {
	return "refs/sha256/" + d.SHA256 + "/" + tenant + "/" + id + "/" + url.PathEscape(d.Name)
}

func (r Records) addRef(ctx context.Context, tenant, id string, d DocRef) error {
	if _, err := key(tenant, id, "meta.json"); err != nil {
		return err
	}
	if err := r.Store.Put(ctx, refKey(tenant, id, d), bytes.NewReader(nil)); err != nil {
		return fmt.Errorf("reference document of %s: %w", id, err)
	}
	return nil
}

// release drops this order's reference to d and, when it was the last,
// the document and its extractions.
func (r Records) release(ctx context.Context, tenant, id string, d DocRef) error {
	mine := refKey(tenant, id, d)
	refs, err := r.Store.List(ctx, "refs/sha256/"+d.SHA256+"/")
	if err != nil {
		return fmt.Errorf("release document of %s: %w", id, err)
	}
	held := slices.ContainsFunc(refs, func(i storage.Info) bool { return i.Key == mine })
	if err := r.deleteKeys(ctx, []string{mine}); err != nil {
		return fmt.Errorf("release document of %s: %w", id, err)
	}
	if !held || len(refs) > 1 {
		return nil
	}
	keys := []string{storage.DocumentKey(d.SHA256)}
	extractions, err := r.Store.List(ctx, "extractions/")
	if err != nil {
		return fmt.Errorf("release document of %s: %w", id, err)
	}
	for _, e := range extractions {
		if strings.TrimSuffix(path.Base(e.Key), ".json") == d.SHA256 {
			keys = append(keys, e.Key)
		}
	}
	if err := r.deleteKeys(ctx, keys); err != nil {
		return fmt.Errorf("release document of %s: %w", id, err)
	}
	return nil
}

func (r Records) deleteKeys(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	d, ok := r.Store.(storage.Deleter)
	if !ok {
		return errNoDelete
	}
	for _, k := range keys {
		if err := d.Delete(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// DeleteDocument removes the document uploaded as name from the order;
// the order's version moves on, so its report turns stale.
func (r Records) DeleteDocument(ctx context.Context, tenant, id, name string) (Meta, error) {
	var gone DocRef
	m, err := r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		i := slices.IndexFunc(m.Documents, func(d DocRef) bool { return d.Name == name })
		if i < 0 {
			return false, fmt.Errorf("order %s: document %q: %w", id, name, ErrNoDocument)
		}
		gone = m.Documents[i]
		m.Documents = slices.Delete(m.Documents, i, i+1)
		m.Version++
		return true, nil
	})
	if err != nil {
		return Meta{}, err
	}
	return m, r.release(ctx, tenant, id, gone)
}

// DeleteOrder removes an order: its documents and their extractions
// where no other order holds them, its number index entries, its
// reports and order objects, and its metadata last but one, so a
// deletion that fails half way leaves an order a retry deletes. What a
// check still running writes after that is swept by a second pass.
func (r Records) DeleteOrder(ctx context.Context, tenant, id string) error {
	o, m, err := r.loadOrder(ctx, tenant, id)
	if err != nil {
		return err
	}
	for _, d := range m.Documents {
		if err := r.release(ctx, tenant, id, d); err != nil {
			return fmt.Errorf("delete order %s: %w", id, err)
		}
	}
	var numbers []string
	for _, l := range o.Lines() {
		if l.E164 != "" {
			numbers = append(numbers, "numbers/"+tenant+"/"+l.E164+"/"+id)
		}
	}
	if err := r.deleteKeys(ctx, numbers); err != nil {
		return fmt.Errorf("delete order %s: %w", id, err)
	}
	prefix := "orders/" + tenant + "/" + id + "/"
	if err := r.deletePrefix(ctx, prefix, prefix+"meta.json"); err != nil {
		return fmt.Errorf("delete order %s: %w", id, err)
	}
	if err := r.deleteKeys(ctx, []string{prefix + "meta.json"}); err != nil {
		return fmt.Errorf("delete order %s: %w", id, err)
	}
	if err := r.deletePrefix(ctx, prefix, ""); err != nil {
		return fmt.Errorf("delete order %s: %w", id, err)
	}
	return r.Unindex(ctx, tenant, id)
}

// deletePrefix deletes every object under prefix but except.
func (r Records) deletePrefix(ctx context.Context, prefix, except string) error {
	infos, err := r.Store.List(ctx, prefix)
	if err != nil {
		return err
	}
	var keys []string
	for _, i := range infos {
		if i.Key != except {
			keys = append(keys, i.Key)
		}
	}
	return r.deleteKeys(ctx, keys)
}
