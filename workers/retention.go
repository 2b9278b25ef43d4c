package workers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/webhooks"
)

// TypeRetention is the scheduled retention sweep (queue "batch").
const TypeRetention = "retention:sweep"

// DefaultRetention is a tenant's retention period unless its API keys
// say otherwise: 30 days, as Telnyx deletes documents no order uses.
const DefaultRetention = 30 * 24 * time.Hour

// Retention removes what the service keeps of orders a tenant is done
// with, once the tenant's retention period has passed:
//
//   - A finished order: status checked or failed, and neither changed
//     (no upload or edit of the order, no other status or verdict) for
//     the whole period. A re-validation that gives the same verdict is
//     no change; one that changes it starts the period again. Drafts and
//     orders queued or being checked are never finished.
//   - A deleted order, for whatever its deletion left behind (a
//     deletion cut short, documents it kept): the period runs from the
//     first sweep that finds the order gone.
//
// Of such an order everything goes: its metadata first (from then on
// it does not exist), the order, its reports, its entries in the
// number index, its documents and their extractions, unless another
// order that stays uses the same document. A document no order uses,
// and no sweep has seen one use, goes DefaultRetention after a sweep
// first finds it unused. Webhook delivery records go once older than
// the tenant's period. A period of 0 keeps everything of the tenant.
//
// A sweep notes each order's state under retention/ and compares the
// next sweep's with it, so the clock runs from the first sweep that saw
// the state, however often re-validation rewrites the metadata; an
// order is never removed early, at most a sweep interval late.
type Retention struct {
	Records records.Records
	// Period is a tenant's retention period (0: forever); nil gives
	// every tenant DefaultRetention.
	Period func(tenant string) time.Duration
	Now    func() time.Time // default time.Now
	Log    *slog.Logger
}

// Swept counts what a sweep removed.
type Swept struct {
	Orders, Documents, Extractions, Deliveries int
}

// mark is what a sweep saw of an order, and since when.
type mark struct {
	Version   int       `json:"version"`
	Status    string    `json:"status"`
	Verdict   string    `json:"verdict,omitempty"`
	Documents []string  `json:"documents,omitempty"` // sha256 of each
	Since     time.Time `json:"since"`
	// Gone is when a sweep first found the order deleted.
	Gone time.Time `json:"gone,omitzero"`
}

func (m mark) same(o mark) bool {
	return m.Version == o.Version && m.Status == o.Status && m.Verdict == o.Verdict && m.Gone.IsZero() == o.Gone.IsZero()
}

func markOf(m records.Meta, now time.Time) mark {
	k := mark{Version: m.Version, Status: m.Status, Verdict: m.Verdict, Since: now}
	for _, d := range m.Documents {
		k.Documents = append(k.Documents, d.SHA256)
	}
	return k
}

func finished(m mark) bool { return m.Status == records.Checked || m.Status == records.Failed }

const (
	marksPrefix   = "retention/orders/"
	orphansPrefix = "retention/documents/"
	docsPrefix    = "documents/sha256/"
	// refsPrefix holds one key per order using a document:
	// refs/sha256/<hex>/<tenant>/<id>/<name>, where records writes them.
	refsPrefix = "refs/sha256/"
)

func (r Retention) now() time.Time {
	if r.Now != nil {
		return r.Now().UTC()
	}
	return time.Now().UTC()
}

func (r Retention) period(tenant string) time.Duration {
	if r.Period == nil {
		return DefaultRetention
	}
	return r.Period(tenant)
}

// NewRetentionTask is the scheduled sweep.
func NewRetentionTask() *asynq.Task {
	return asynq.NewTask(TypeRetention, nil, asynq.Queue(QueueBatch), asynq.MaxRetry(3), asynq.Timeout(time.Hour))
}

// ProcessTask sweeps; a sweep that fails half way is run again whole.
func (r Retention) ProcessTask(ctx context.Context, _ *asynq.Task) error {
	n, err := r.Sweep(ctx)
	if r.Log != nil && err == nil {
		r.Log.Info("retention sweep", "orders", n.Orders, "documents", n.Documents, "extractions", n.Extractions, "deliveries", n.Deliveries)
	}
	return err
}

// Sweep removes what has outlived its retention period (see Retention).
func (r Retention) Sweep(ctx context.Context) (Swept, error) {
	del, ok := r.Records.Store.(storage.Deleter)
	if !ok {
		return Swept{}, errors.New("retention: the store cannot delete")
	}
	s := sweep{Retention: r, del: del, now: r.now(), held: map[string]bool{}, gone: map[string]bool{}}
	if err := s.orders(ctx); err != nil {
		return s.n, fmt.Errorf("retention: %w", err)
	}
	if err := s.documents(ctx); err != nil {
		return s.n, fmt.Errorf("retention: %w", err)
	}
	if err := s.deliveries(ctx); err != nil {
		return s.n, fmt.Errorf("retention: %w", err)
	}
	return s.n, nil
}

type sweep struct {
	Retention
	del  storage.Deleter
	now  time.Time
	held map[string]bool // documents an order that stays uses
	gone map[string]bool // documents of orders removed by this sweep
	n    Swept
}

func (s *sweep) store() storage.Store { return s.Records.Store }

// orders notes every order's state and removes the orders whose period
// has passed.
func (s *sweep) orders(ctx context.Context) error {
	tenants, err := s.tenants(ctx)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		if err := s.tenant(ctx, t); err != nil {
			return fmt.Errorf("tenant %s: %w", t, err)
		}
	}
	return nil
}

// tenants are those with orders and those with marks (every order
// deleted since).
func (s *sweep) tenants(ctx context.Context) ([]string, error) {
	out, err := s.Records.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	infos, err := s.store().List(ctx, marksPrefix)
	if err != nil {
		return nil, err
	}
	for _, i := range infos {
		if t, _, ok := strings.Cut(strings.TrimPrefix(i.Key, marksPrefix), "/"); ok && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

func (s *sweep) tenant(ctx context.Context, tenant string) error {
	period := s.period(tenant)
	metas, err := s.Records.List(ctx, tenant)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, m := range metas {
		seen[m.ID] = true
		now := markOf(m, s.now)
		prev, err := s.mark(ctx, tenant, m.ID)
		if err != nil {
			return err
		}
		if prev == nil || !prev.same(now) {
			if err := s.putMark(ctx, tenant, m.ID, now); err != nil {
				return err
			}
			prev = &now
		}
		if period > 0 && finished(*prev) && s.now.Sub(prev.Since) >= period {
			if err := s.remove(ctx, tenant, m.ID, now.Documents); err != nil {
				return err
			}
			continue
		}
		s.hold(now.Documents)
	}
	return s.deleted(ctx, tenant, period, seen)
}

// deleted handles the marks of orders that are gone: the period runs
// from the first sweep that found each gone.
func (s *sweep) deleted(ctx context.Context, tenant string, period time.Duration, seen map[string]bool) error {
	infos, err := s.store().List(ctx, marksPrefix+tenant+"/")
	if err != nil {
		return err
	}
	for _, i := range infos {
		id := strings.TrimSuffix(path.Base(i.Key), ".json")
		if seen[id] {
			continue
		}
		k, err := s.mark(ctx, tenant, id)
		if err != nil || k == nil {
			return err
		}
		switch {
		case k.Gone.IsZero():
			k.Gone = s.now
			if err := s.putMark(ctx, tenant, id, *k); err != nil {
				return err
			}
			s.hold(k.Documents)
		case period > 0 && s.now.Sub(k.Gone) >= period:
			if err := s.remove(ctx, tenant, id, k.Documents); err != nil {
				return err
			}
		default:
			s.hold(k.Documents)
		}
	}
	return nil
}

func (s *sweep) hold(docs []string) {
	for _, d := range docs {
		s.held[d] = true
	}
}

func markKey(tenant, id string) string { return marksPrefix + tenant + "/" + id + ".json" }

func (s *sweep) mark(ctx context.Context, tenant, id string) (*mark, error) {
	var k mark
	if err := s.getJSON(ctx, markKey(tenant, id), &k); errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &k, nil
}

func (s *sweep) putMark(ctx context.Context, tenant, id string, k mark) error {
	return s.putJSON(ctx, markKey(tenant, id), k)
}

func (s *sweep) getJSON(ctx context.Context, key string, v any) error {
	rc, err := s.store().Get(ctx, key)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := json.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	return nil
}

func (s *sweep) putJSON(ctx context.Context, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.store().Put(ctx, key, bytes.NewReader(data))
}

// remove deletes everything of one order: its metadata first, so that
// from the first deletion on the order does not exist for the API; its
// documents wait for the document pass, which keeps those another
// order uses.
func (s *sweep) remove(ctx context.Context, tenant, id string, docs []string) error {
	prefix := "orders/" + tenant + "/" + id + "/"
	if err := s.del.Delete(ctx, prefix+"meta.json"); err != nil {
		return err
	}
	keys, err := s.store().List(ctx, prefix)
	if err != nil {
		return err
	}
	numbers, err := s.store().List(ctx, "numbers/"+tenant+"/")
	if err != nil {
		return err
	}
	for _, n := range numbers {
		if path.Base(n.Key) == id {
			keys = append(keys, n)
		}
	}
	for _, d := range docs {
		refs, err := s.store().List(ctx, refsPrefix+d+"/"+tenant+"/"+id+"/")
		if err != nil {
			return err
		}
		keys = append(keys, refs...)
		s.gone[d] = true
	}
	for _, k := range keys {
		if err := s.del.Delete(ctx, k.Key); err != nil {
			return err
		}
	}
	if err := s.Records.Unindex(ctx, tenant, id); err != nil {
		return err
	}
	s.n.Orders++
	return s.del.Delete(ctx, markKey(tenant, id))
}

// documents removes the documents no order that stays uses: at once
// those of orders removed by this sweep, after DefaultRetention those no
// sweep saw an order use; then the extractions of documents no longer
// stored. What is in use is read again just before, so an upload of the
// same bytes to a new order during the sweep keeps its document.
func (s *sweep) documents(ctx context.Context) error {
	inUse, err := s.inUse(ctx)
	if err != nil {
		return err
	}
	orphans, err := s.keySet(ctx, orphansPrefix)
	if err != nil {
		return err
	}
	blobs, err := s.store().List(ctx, docsPrefix)
	if err != nil {
		return err
	}
	stored := map[string]bool{}
	for _, b := range blobs {
		sum := path.Base(b.Key)
		stored[sum] = true
		orphan := orphansPrefix + sum + ".json"
		switch {
		case s.held[sum] || inUse[sum]:
			if orphans[orphan] {
				err = s.del.Delete(ctx, orphan)
			}
		case s.gone[sum]:
			err = s.removeDocument(ctx, sum, stored)
		default:
			err = s.orphan(ctx, sum, orphans[orphan], stored)
		}
		if err != nil {
			return err
		}
	}
	return s.extractions(ctx, stored)
}

func (s *sweep) removeDocument(ctx context.Context, sum string, stored map[string]bool) error {
	if err := s.del.Delete(ctx, docsPrefix+sum); err != nil {
		return err
	}
	refs, err := s.store().List(ctx, refsPrefix+sum+"/") // of no order that exists: none uses it
	if err != nil {
		return err
	}
	for _, r := range refs {
		if err := s.del.Delete(ctx, r.Key); err != nil {
			return err
		}
	}
	delete(stored, sum)
	s.n.Documents++
	return s.del.Delete(ctx, orphansPrefix+sum+".json")
}

// orphan notes when a document was first found unused, and removes it
// DefaultRetention later: its tenant is not known, so neither is a
// shorter period.
func (s *sweep) orphan(ctx context.Context, sum string, noted bool, stored map[string]bool) error {
	var since struct {
		Since time.Time `json:"since"`
	}
	if noted {
		if err := s.getJSON(ctx, orphansPrefix+sum+".json", &since); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
	}
	if since.Since.IsZero() {
		since.Since = s.now
		return s.putJSON(ctx, orphansPrefix+sum+".json", since)
	}
	if s.now.Sub(since.Since) < DefaultRetention {
		return nil
	}
	return s.removeDocument(ctx, sum, stored)
}

// extractions removes cached extractions of documents not stored (any
// extractor version: the cache is keyed by the document's digest).
func (s *sweep) extractions(ctx context.Context, stored map[string]bool) error {
	infos, err := s.store().List(ctx, "extractions/")
	if err != nil {
		return err
	}
	for _, i := range infos {
		sum := strings.TrimSuffix(path.Base(i.Key), ".json")
		if stored[sum] {
			continue
		}
		if err := s.del.Delete(ctx, i.Key); err != nil {
			return err
		}
		s.n.Extractions++
	}
	return nil
}

// inUse is every document of every order that exists now.
func (s *sweep) inUse(ctx context.Context) (map[string]bool, error) {
	tenants, err := s.Records.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, t := range tenants {
		metas, err := s.Records.List(ctx, t)
		if err != nil {
			return nil, err
		}
		for _, m := range metas {
			for _, d := range m.Documents {
				out[d.SHA256] = true
			}
		}
	}
	return out, nil
}

func (s *sweep) keySet(ctx context.Context, prefix string) (map[string]bool, error) {
	infos, err := s.store().List(ctx, prefix)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, i := range infos {
		out[i.Key] = true
	}
	return out, nil
}

// deliveries removes webhook delivery records not written to for the
// tenant's period.
func (s *sweep) deliveries(ctx context.Context) error {
	n, err := webhooks.Store{Store: s.store()}.Prune(ctx, s.period, s.now)
	s.n.Deliveries += n
	return err
}

// ScheduleRetention enqueues a sweep every period through asynq's
// scheduler. Every worker may run one: the task's id and uniqueness
// make the sweeps of one period one task.
func ScheduleRetention(redis asynq.RedisConnOpt, every time.Duration, log *slog.Logger) (*asynq.Scheduler, error) {
	s := asynq.NewScheduler(redis, &asynq.SchedulerOpts{Logger: slogAdapter{log}})
	spec := fmt.Sprintf("@every %s", every)
	if _, err := s.Register(spec, NewRetentionTask(), asynq.TaskID("retention:scheduled"), asynq.Unique(max(every/2, time.Second))); err != nil {
		return nil, fmt.Errorf("schedule retention: %w", err)
	}
	if err := s.Start(); err != nil {
		return nil, fmt.Errorf("schedule retention: %w", err)
	}
	return s, nil
}

// Every sweeps now and then every period until ctx ends: the embedded
// mode's schedule, where no other process could run one.
func (r Retention) Every(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if err := r.ProcessTask(ctx, nil); err != nil && r.Log != nil && ctx.Err() == nil {
			r.Log.Warn("retention sweep failed; the next runs in "+every.String(), "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
