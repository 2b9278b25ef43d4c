package records

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/portcheck/portcheck/storage"
)

// The status index lets a re-validation find a tenant's orders by
// status without listing every object of every order: each order's
// status and the time its metadata was written, in a few objects per
// tenant, index/<tenant>/status/<shard>.json, each changed by
// compare-and-swap where an order's status changes. A write that loses
// a race reads again; of two entries for one order the later-written
// metadata wins, so a rebuild racing with updates keeps the newer.
//
// The index is a guide, not the truth: a process that dies between an
// order's metadata and its index entry leaves the entry behind, so a
// re-validation reads each picked order's metadata before it checks it,
// and puts right what it finds out of date (Reindex). A tenant whose
// index was never built (its orders predate it) is indexed from a full
// listing the first time it is asked for.
const indexShards = 256

// IndexEntry is one order in the status index.
type IndexEntry struct {
	Status  string    `json:"s"`
	Updated time.Time `json:"u"`
}

type indexShard struct {
	Orders map[string]IndexEntry `json:"orders"`
}

func shardOf(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % indexShards)
}

func shardKey(tenant string, shard int) string {
	return fmt.Sprintf("index/%s/status/%02x.json", tenant, shard)
}

// builtKey marks a tenant's index as complete: written after a rebuild
// from a full listing, and by the first order a tenant creates.
func builtKey(tenant string) string { return "index/" + tenant + "/status/built" }

// indexStatus records m's status in the index (a hook of every
// metadata write). Entries for orders whose metadata was written later
// are kept.
func (r Records) indexStatus(ctx context.Context, m Meta) error {
	return r.setEntries(ctx, m.Tenant, map[string]IndexEntry{m.ID: {Status: m.Status, Updated: m.Updated}})
}

// setEntries writes entries of one tenant, shard by shard, each by
// compare-and-swap.
func (r Records) setEntries(ctx context.Context, tenant string, entries map[string]IndexEntry) error {
	byShard := map[int]map[string]IndexEntry{}
	for id, e := range entries {
		s := shardOf(id)
		if byShard[s] == nil {
			byShard[s] = map[string]IndexEntry{}
		}
		byShard[s][id] = e
	}
	for s, es := range byShard {
		if err := r.casShard(ctx, shardKey(tenant, s), func(sh *indexShard) bool {
			changed := false
			for id, e := range es {
				if old, ok := sh.Orders[id]; ok && (old.Updated.After(e.Updated) || old == e) {
					continue
				}
				sh.Orders[id], changed = e, true
			}
			return changed
		}); err != nil {
			return fmt.Errorf("index %s: %w", tenant, err)
		}
	}
	return nil
}

// casShard reads a shard, lets edit change it, and writes it back if
// nobody wrote it in between; otherwise it reads again.
func (r Records) casShard(ctx context.Context, k string, edit func(*indexShard) bool) error {
	for attempt := 0; ; attempt++ {
		sh, version, err := r.readShard(ctx, k)
		if err != nil {
			return err
		}
		if !edit(&sh) {
			return nil
		}
		data, err := json.Marshal(sh)
		if err != nil {
			return err
		}
		err = r.putVersioned(ctx, k, data, version)
		if err == nil || !errors.Is(err, storage.ErrConflict) || attempt >= maxConflicts {
			return err
		}
		if err := backoff(ctx, attempt); err != nil {
			return err
		}
	}
}

func (r Records) readShard(ctx context.Context, k string) (indexShard, string, error) {
	sh := indexShard{Orders: map[string]IndexEntry{}}
	var data []byte
	var version string
	var err error
	if v, ok := r.Store.(storage.Versioned); ok {
		data, version, err = v.GetVersion(ctx, k)
	} else {
		data, err = r.getAll(ctx, k)
	}
	if errors.Is(err, storage.ErrNotFound) {
		return sh, "", nil
	}
	if err != nil {
		return sh, "", err
	}
	if err := json.Unmarshal(data, &sh); err != nil {
		return indexShard{Orders: map[string]IndexEntry{}}, version, nil // rewritten whole by the next write
	}
	if sh.Orders == nil {
		sh.Orders = map[string]IndexEntry{}
	}
	return sh, version, nil
}

func (r Records) getAll(ctx context.Context, k string) ([]byte, error) {
	rc, err := r.Store.Get(ctx, k)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(rc)
	return b.Bytes(), err
}

// putVersioned is putMeta's conditional write for any object.
func (r Records) putVersioned(ctx context.Context, k string, data []byte, version string) error {
	if v, ok := r.Store.(storage.Versioned); ok {
		return v.PutIf(ctx, k, data, version)
	}
	return r.Store.Put(ctx, k, bytes.NewReader(data))
}

// Indexed returns every order of a tenant the status index holds, by
// id, building the index from a full listing first when it was never
// built. The entries may lag the metadata (see indexShards).
func (r Records) Indexed(ctx context.Context, tenant string) (map[string]IndexEntry, error) {
	if !idRE().MatchString(tenant) {
		return nil, ErrInvalidID
	}
	if _, err := r.Store.Stat(ctx, builtKey(tenant)); errors.Is(err, storage.ErrNotFound) {
		if err := r.RebuildIndex(ctx, tenant); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("index %s: %w", tenant, err)
	}
	out := map[string]IndexEntry{}
	var mu sync.Mutex
	err := forShards(func(s int) error {
		sh, _, err := r.readShard(ctx, shardKey(tenant, s))
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		for id, e := range sh.Orders {
			out[id] = e
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", tenant, err)
	}
	return out, nil
}

// forShards runs f on every shard, eight at a time: over S3 each read
// is a round trip.
func forShards(f func(shard int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, indexShards)
	sem := make(chan struct{}, 8)
	for s := range indexShards {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[s] = f(s)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// PickIndexed returns the ids of a tenant's orders whose indexed status
// pick accepts, sorted, so the same orders make the same pages.
func (r Records) PickIndexed(ctx context.Context, tenant string, pick func(status string) bool) ([]string, error) {
	all, err := r.Indexed(ctx, tenant)
	if err != nil {
		return nil, err
	}
	var ids []string
	for id, e := range all {
		if pick(e.Status) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// RebuildIndex indexes a tenant from a full listing of its orders'
// metadata, then marks the index built. Entries written meanwhile by
// newer metadata are kept.
func (r Records) RebuildIndex(ctx context.Context, tenant string) error {
	ms, err := r.List(ctx, tenant)
	if err != nil {
		return fmt.Errorf("rebuild index %s: %w", tenant, err)
	}
	entries := map[string]IndexEntry{}
	for _, m := range ms {
		entries[m.ID] = IndexEntry{Status: m.Status, Updated: m.Updated}
	}
	if err := r.setEntries(ctx, tenant, entries); err != nil {
		return fmt.Errorf("rebuild index %s: %w", tenant, err)
	}
	if err := r.Store.Put(ctx, builtKey(tenant), strings.NewReader(time.Now().UTC().Format(time.RFC3339))); err != nil {
		return fmt.Errorf("rebuild index %s: %w", tenant, err)
	}
	return nil
}

// Reindex puts right the entries of orders whose metadata a reader
// found other than indexed (a re-validation, after reading it).
func (r Records) Reindex(ctx context.Context, tenant string, ms []Meta) error {
	entries := map[string]IndexEntry{}
	for _, m := range ms {
		entries[m.ID] = IndexEntry{Status: m.Status, Updated: m.Updated}
	}
	return r.setEntries(ctx, tenant, entries)
}

// IndexedTenants lists every tenant with orders from the index's own
// folders. The first time, when no index says it is complete, tenants
// are found by a full listing and each one's index is built.
func (r Records) IndexedTenants(ctx context.Context) ([]string, error) {
	if _, err := r.Store.Stat(ctx, allBuiltKey); errors.Is(err, storage.ErrNotFound) {
		ts, err := r.Tenants(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if err := r.RebuildIndex(ctx, t); err != nil {
				return nil, err
			}
		}
		if err := r.Store.Put(ctx, allBuiltKey, strings.NewReader(time.Now().UTC().Format(time.RFC3339))); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	infos, err := r.Store.List(ctx, "index/")
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	var out []string
	for _, i := range infos {
		parts := strings.SplitN(i.Key, "/", 3)
		if len(parts) == 3 && idRE().MatchString(parts[1]) && !slices.Contains(out, parts[1]) {
			out = append(out, parts[1])
		}
	}
	return out, nil
}

// allBuiltKey marks that every tenant's index was built once; tenants
// created since index themselves.
const allBuiltKey = "index/built"

// Unindex drops an order from the status index: an order deleted (by
// DeleteOrder or a retention sweep) is no longer pending anywhere. Its
// shard object stays, without it.
func (r Records) Unindex(ctx context.Context, tenant, id string) error {
	err := r.casShard(ctx, shardKey(tenant, shardOf(id)), func(sh *indexShard) bool {
		if _, ok := sh.Orders[id]; !ok {
			return false
		}
		delete(sh.Orders, id)
		return true
	})
	if err != nil {
		return fmt.Errorf("unindex %s: %w", id, err)
	}
	return nil
}
