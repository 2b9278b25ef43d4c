package workers

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/records"
)

// Enqueuer puts tasks on the queue (asynq.Client).
type Enqueuer interface {
	EnqueueContext(ctx context.Context, t *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error)
}

var _ Enqueuer = (*asynq.Client)(nil)

// Filter picks the orders to re-validate; empty fields match all.
type Filter struct {
	Tenant   string   `json:"tenant,omitempty"`
	Statuses []string `json:"statuses,omitempty"` // default: every status but failed and draft
	AsOf     string   `json:"as_of,omitempty"`
}

// errBadFilter: the filter cannot be met; retrying the task cannot help.
var errBadFilter = errors.New("invalid filter")

// Validate checks the filter before any order is read: an unknown status
// or a date that is not one is refused, naming the setting.
func (f Filter) Validate() error {
	for _, s := range f.Statuses {
		if !slices.Contains(records.Statuses, s) {
			return fmt.Errorf("status: %q is not one of %s: %w", s, strings.Join(records.Statuses, ", "), errBadFilter)
		}
	}
	if f.AsOf != "" {
		if _, err := ParseAsOf(f.AsOf); err != nil {
			return fmt.Errorf("as_of: %w: %w", err, errBadFilter)
		}
	}
	return nil
}

func (f Filter) pick(status string) bool {
	if len(f.Statuses) == 0 {
		return status != records.Failed && status != records.Draft
	}
	return slices.Contains(f.Statuses, status)
}

// TypeCheckBatch is a page of orders re-validated by one task.
const TypeCheckBatch = "batch:check"

// BatchSize is how many orders one batch task checks: big enough that
// a night's re-validation is a few hundred tasks, small enough that a
// batch retried after a fault redoes little (orders it finished are
// skipped).
const BatchSize = 500

// Batch is one page of orders to re-validate as of one date.
type Batch struct {
	Tenant   string   `json:"tenant"`
	AsOf     string   `json:"as_of"`
	Statuses []string `json:"statuses,omitempty"`
	IDs      []string `json:"ids"`
}

// TaskID names the batch by what it checks, so the same page asked for
// twice is one task.
func (b Batch) TaskID() string {
	h := sha256.New()
	h.Write([]byte(strings.Join(b.Statuses, ",") + "\n"))
	for _, id := range b.IDs {
		h.Write([]byte(id + "\n"))
	}
	return fmt.Sprintf("batch:%s:%s:%x", b.Tenant, b.AsOf, h.Sum(nil)[:8])
}

// Plan finds the orders the filter picks through each tenant's status
// index and pages them. The as-of date is fixed here, so every page is
// checked as of the same day.
func Plan(ctx context.Context, recs records.Records, f Filter) ([]Batch, error) {
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("revalidate: %w", err)
	}
	asOf, err := ParseAsOf(f.AsOf)
	if err != nil {
		return nil, fmt.Errorf("revalidate: as_of: %w", err)
	}
	tenants := []string{f.Tenant}
	if f.Tenant == "" {
		if tenants, err = recs.IndexedTenants(ctx); err != nil {
			return nil, fmt.Errorf("revalidate: %w", err)
		}
	}
	var out []Batch
	for _, t := range tenants {
		ids, err := recs.PickIndexed(ctx, t, f.pick)
		if err != nil {
			return nil, fmt.Errorf("revalidate %s: %w", t, err)
		}
		for page := range slices.Chunk(ids, BatchSize) {
			out = append(out, Batch{Tenant: t, AsOf: asOf, Statuses: f.Statuses, IDs: page})
		}
	}
	return out, nil
}

// Orders counts the orders of batches.
func Orders(bs []Batch) int {
	n := 0
	for _, b := range bs {
		n += len(b.IDs)
	}
	return n
}

// batchRetention keeps a finished batch's id for a day, so asking for
// the same re-validation again the same day queues nothing.
const batchRetention = 24 * time.Hour

// Enqueue puts the batches on the batch queue; a batch already queued,
// running or finished today is not queued again. progress, when given,
// is told the orders queued after each batch.
func Enqueue(ctx context.Context, q Enqueuer, bs []Batch, progress func(done, total int)) error {
	done, total := 0, Orders(bs)
	for _, b := range bs {
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		t := asynq.NewTask(TypeCheckBatch, data)
		_, err = q.EnqueueContext(ctx, t, asynq.TaskID(b.TaskID()), asynq.Queue(QueueBatch),
			asynq.MaxRetry(maxRetry), asynq.Timeout(30*time.Minute), asynq.Retention(batchRetention))
		if err != nil && !isConflict(err) {
			return fmt.Errorf("enqueue %s: %w", b.TaskID(), err)
		}
		done += len(b.IDs)
		if progress != nil {
			progress(done, total)
		}
	}
	return nil
}

// Revalidate queues a re-validation of every pending order the filter
// picks, as batch tasks, so bills and LOAs that age out are flagged
// again (BILL_AGING, BILL_TOO_OLD) and numbers now in other orders are
// found. It returns how many orders the batches hold.
func Revalidate(ctx context.Context, recs records.Records, q Enqueuer, f Filter, progress func(done, total int)) (int, error) {
	bs, err := Plan(ctx, recs, f)
	if err != nil {
		return 0, err
	}
	if err := Enqueue(ctx, q, bs, progress); err != nil {
		return 0, fmt.Errorf("revalidate: %w", err)
	}
	return Orders(bs), nil
}

func isConflict(err error) bool {
	return err == asynq.ErrTaskIDConflict || err == asynq.ErrDuplicateTask
}

// Outcome is what a batch did with one order.
type Outcome int

const (
	Checked Outcome = iota // checked (from its cached fields or its memo, with a queue)
	Skipped                // answered already, gone, or no longer picked
	Handed                 // queued as a check of its own: a document must be read
	Failed                 // a document is missing: the order failed, as its own check would
)

// BatchChecker handles batch:check: each order of the page is checked
// from its documents' cached fields, with one write of its metadata,
// and the same report `portcheck check` makes. An order with a document
// never read (or that failed to be) is handed to a check task of its
// own, which reads it with the single check's guards.
type BatchChecker struct {
	Checker Checker
	// Queue takes the orders with documents to read; nil reads them in
	// the batch (an embedded worker, `portcheck revalidate` without
	// Redis).
	Queue Enqueuer
	// Parallel is how many orders of a batch are checked at once
	// (default 4): over S3 each order waits on round trips.
	Parallel int
}

// ProcessTask runs the batch. A transient fault retries the task;
// orders it had finished are skipped.
func (b BatchChecker) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var bt Batch
	if err := json.Unmarshal(t.Payload(), &bt); err != nil {
		return fmt.Errorf("batch: bad payload: %v: %w", err, asynq.SkipRetry)
	}
	if err := (Filter{Tenant: bt.Tenant, Statuses: bt.Statuses, AsOf: bt.AsOf}).Validate(); err != nil {
		return fmt.Errorf("batch: %w: %w", err, asynq.SkipRetry)
	}
	return b.Run(ctx, bt, nil)
}

// Run checks the batch's orders, telling progress of each one.
func (b BatchChecker) Run(ctx context.Context, bt Batch, progress func(id string, o Outcome)) error {
	n := b.Parallel
	if n <= 0 {
		n = 4
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		errs  []error
		stale []records.Meta
	)
	next := make(chan string)
	run := batchRun{BatchChecker: b, bt: bt, task: bt.TaskID(), profiles: &profileMemo{byName: map[string]*profile.Profile{}}}
	for range n {
		wg.Go(func() {
			for id := range next {
				o, m, err := run.one(ctx, id)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else if m != nil {
					stale = append(stale, *m)
				}
				mu.Unlock()
				if err == nil && progress != nil {
					progress(id, o)
				}
			}
		})
	}
	for _, id := range bt.IDs {
		if ctx.Err() != nil {
			break
		}
		next <- id
	}
	close(next)
	wg.Wait()
	if len(stale) > 0 {
		_ = b.Checker.Records.Reindex(ctx, bt.Tenant, stale) // a guide: the next batch tries again
	}
	if err := errors.Join(append(errs, ctx.Err())...); err != nil {
		return fmt.Errorf("batch %s: %w", run.task, err)
	}
	return nil
}

// batchRun is one run of a batch: its task id (a digest of its page,
// made once) and the profiles its orders resolved.
type batchRun struct {
	BatchChecker
	bt       Batch
	task     string
	profiles *profileMemo
}

func (b batchRun) payload(id string) CheckPayload {
	return CheckPayload{Tenant: b.bt.Tenant, OrderID: id, Task: b.task}
}

// one checks one order of the batch. It returns the order's metadata
// when the index had it under another status than it has.
func (b batchRun) one(ctx context.Context, id string) (Outcome, *records.Meta, error) {
	recs, bt := b.Checker.Records, b.bt
	m, version, out, done, err := b.held(ctx, id)
	if done || err != nil {
		return out, nil, err
	}
	f := Filter{Statuses: bt.Statuses}
	if !f.pick(m.Status) {
		return Skipped, &m, nil
	}
	cfg := b.config()
	o, m, version, err := recs.OrderOf(ctx, bt.Tenant, id, m, version)
	if errors.Is(err, records.ErrNotFound) {
		return Skipped, nil, nil
	}
	if err != nil {
		return Skipped, nil, err
	}
	if cfg.Profile == nil {
		cfg.Profile = b.profiles.of(o.Profile)
	}
	rep, standing, err := pipeline.CheckStanding(ctx, o, recs.Documents(m), cfg, m.Identity())
	switch {
	case err == nil:
	case b.Queue != nil && (errors.Is(err, pipeline.ErrNotCached) || pipeline.IsPermanent(err)):
		if _, _, err := RequestCheck(ctx, recs, b.Queue, bt.Tenant, id, bt.AsOf, QueueBatch); err != nil {
			return Skipped, nil, err
		}
		return Handed, nil, nil
	case pipeline.IsPermanent(err):
		reason := pipeline.Scrub(err.Error())
		nm, err := recs.Update(ctx, bt.Tenant, id, func(m *records.Meta) { m.Status, m.Reason = records.Failed, reason })
		if err == nil {
			b.Checker.Events.Tell(ctx, b.payload(id), m, nm)
		}
		return Failed, nil, err
	default:
		return Skipped, nil, err
	}
	nm, done, err := recs.FinishBatchCheck(ctx, bt.Tenant, id, b.task, m, version, rep, memoOf(standing, bt.AsOf, o.Profile))
	if err != nil || !done {
		return Skipped, nil, err
	}
	counts := map[string]int{}
	for _, f := range rep.Findings {
		counts[string(f.Code)]++
	}
	b.told(ctx, id, m, nm, counts)
	return Checked, nil, nil
}

// config is the pipeline's configuration for the batch's orders.
func (b batchRun) config() pipeline.Config {
	cfg := b.Checker.pipelineConfig(b.bt.Tenant, b.bt.AsOf)
	cfg.CachedOnly = b.Queue != nil
	return cfg
}

// held reads the order's metadata, holding it (records.HoldMeta) while
// its memo answers the batch, so that answer's write reads it no more.
// done when the order needs no check: it is gone, answered already, or
// answered now from its memo (out says how); else m, read at version,
// is the metadata to check it from, no longer held.
func (b batchRun) held(ctx context.Context, id string) (m records.Meta, version string, out Outcome, done bool, err error) {
	var (
		recs    records.Records
		release func()
	)
	recs, m, version, release, err = b.Checker.Records.HoldMeta(ctx, b.bt.Tenant, id)
	defer release()
	switch {
	case errors.Is(err, records.ErrNotFound) || errors.Is(err, records.ErrInvalidID):
		return m, "", Skipped, true, nil
	case err != nil:
		return m, "", Skipped, true, err
	case !(Filter{Statuses: b.bt.Statuses}).pick(m.Status):
		return m, version, Skipped, false, nil // the caller reindexes it
	case recs.Answered(m, b.bt.AsOf):
		return m, version, Skipped, true, nil
	}
	out, done, err = b.fromMemo(ctx, recs, id, m, version, b.config())
	return m, version, out, done, err
}

// memoOf is the memo of a report made as of asOf with standing, of an
// order whose profile field is profile; nil when the report stands for
// nothing.
func memoOf(standing pipeline.Standing, asOf, profile string) *records.Memo {
	if standing.Digest == "" {
		return nil
	}
	m := &records.Memo{Digest: standing.Digest, From: asOf, Until: standing.Until.Format(time.DateOnly), Profile: profile, Numbers: standing.Numbers}
	if dated, err := json.Marshal(standing.Dated); err == nil {
		m.Dated = dated
	}
	return m
}

// told: a re-validation is where a verdict changes on its own (a bill
// aged out): its outcome is told like a single check's, from the
// metadata the batch wrote (not read again), and its findings counted.
func (b batchRun) told(ctx context.Context, id string, prev, m records.Meta, findings map[string]int) {
	b.Checker.Events.Tell(ctx, b.payload(id), prev, m)
	if b.Checker.Metrics == nil {
		return
	}
	for code, n := range findings {
		for range n {
			b.Checker.Metrics.Finding(code)
		}
	}
}

// fromMemo re-validates the order from its latest report's memo when
// the digest of the inputs as they are now (the order's version and
// object, its documents, the profile, the porting lookup, asked again
// of the numbers the memo names) is the memo's: when the memo's dates
// cover the batch's, the memo stands and only the metadata is written,
// as of the new date, naming the report it has; else, when it keeps
// the date rules' inputs, the report is made again (redate). Either way
// the report read back is the one a check as of that date makes. ok is
// false when the order must be checked (no memo, other inputs, or the
// order, its report or its memo changed meanwhile).
func (b batchRun) fromMemo(ctx context.Context, recs records.Records, id string, m records.Meta, version string, cfg pipeline.Config) (out Outcome, ok bool, err error) {
	stands := m.Standing(b.bt.AsOf)
	if !stands && !m.Redatable() {
		return Skipped, false, nil
	}
	digest, ok := b.inputsDigest(ctx, recs, id, m, cfg)
	if !ok || digest != m.Memo.Digest {
		return Skipped, false, nil
	}
	if !stands {
		return b.redate(ctx, recs, id, m, version, cfg, digest)
	}
	nm, done, err := recs.StandBatchCheck(ctx, b.bt.Tenant, id, b.task, m, version, b.bt.AsOf, digest)
	return b.answered(ctx, id, m, nm, done, err)
}

// answered is the outcome of writing the order's metadata from its
// memo: ErrMemoMoved (the memo changed meanwhile) hands it to a check.
func (b batchRun) answered(ctx context.Context, id string, m, nm records.Meta, done bool, err error) (Outcome, bool, error) {
	if errors.Is(err, records.ErrMemoMoved) {
		return Skipped, false, nil
	}
	if err != nil || !done {
		return Skipped, true, err
	}
	b.told(ctx, id, m, nm, nm.FindingCounts())
	return Checked, true, nil
}

// inputsDigest is the memo digest of the order's inputs as they are
// now (pipeline.MemoDigest): the order's version and object, its
// documents, the profile its memo names, the porting lookup asked again
// of the numbers the memo names. ok is false when it cannot be made
// (the lookup failed: the check meets the fault again, and reports it).
func (b batchRun) inputsDigest(ctx context.Context, recs records.Records, id string, m records.Meta, cfg pipeline.Config) (digest string, ok bool) {
	in := pipeline.MemoInputs{Identity: m.Identity(), Documents: records.OrderDocuments(m), Docs: recs.Documents(m), Profile: cfg.Profile, Config: cfg}
	if in.Profile == nil {
		in.Profile = b.profiles.of(m.Memo.Profile)
	}
	if cfg.Pending != nil {
		var err error
		if in.Porting, err = recs.Pending(b.bt.Tenant).PortingNumbers(ctx, id, m.Memo.Numbers); err != nil {
			return "", false
		}
	}
	digest, err := pipeline.MemoDigest(in)
	return digest, err == nil && digest != ""
}

// redate makes the order's report again for the batch's day from its
// memo, whose digest is the inputs' now but whose dates do not take in
// the batch's (a night on which a bill ages, so the report changes
// daily): the latest report with the date rules' findings made again
// from the memo's Dated (pipeline.RedateFindings), the same report a
// check makes, kept in the metadata beside the latest's object
// (records.FinishRedatedCheck). It reads the order (its PINs redact the
// new findings, its requested date is a date rule's) and neither reads
// nor writes a report.
func (b batchRun) redate(ctx context.Context, recs records.Records, id string, m records.Meta, version string, cfg pipeline.Config, digest string) (out Outcome, ok bool, err error) {
	var dated match.Dated
	if err := json.Unmarshal(m.Memo.Dated, &dated); err != nil {
		return Skipped, false, nil
	}
	bt := b.bt
	o, om, oversion, err := recs.OrderOf(ctx, bt.Tenant, id, m, version)
	if err != nil || oversion != version || om.Identity() != m.Identity() || o.Profile != m.Memo.Profile {
		return Skipped, false, nil // the check reads it again, and meets any fault
	}
	if cfg.Profile == nil {
		if cfg.Profile = b.profiles.of(m.Memo.Profile); cfg.Profile == nil {
			return Skipped, false, nil
		}
	}
	findings, standing, err := pipeline.RedateFindings(o, pipeline.Standing{Digest: digest, Numbers: m.Memo.Numbers, Dated: dated}, cfg)
	if err != nil {
		return Skipped, false, nil
	}
	nm, done, err := recs.FinishRedatedCheck(ctx, bt.Tenant, id, b.task, m, version, bt.AsOf, dateCodes, findings, memoOf(standing, bt.AsOf, o.Profile))
	return b.answered(ctx, id, m, nm, done, err)
}

// dateCodes are match.DateCodes, as the metadata names codes.
var dateCodes = func() []string {
	var out []string
	for _, c := range match.DateCodes() {
		out = append(out, string(c))
	}
	return out
}()

// profileMemo resolves each profile a batch's orders name once:
// profile.Get decodes every built-in profile, which cost more than the
// rules of an order checked from cached fields. An order whose profile
// does not resolve gets nil, and the pipeline reports it as a check
// would.
type profileMemo struct {
	mu     sync.Mutex
	byName map[string]*profile.Profile
}

// of is the profile an order whose profile field is name is checked
// under.
func (p *profileMemo) of(name string) *profile.Profile {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pr, ok := p.byName[name]; ok {
		return pr
	}
	pr, err := pipeline.ProfileFor(&order.Order{Profile: name}, nil)
	if err != nil {
		pr = nil
	}
	p.byName[name] = pr
	return pr
}

// NewRevalidateTask is the scheduled re-validation of every pending
// order.
func NewRevalidateTask(f Filter) (*asynq.Task, error) {
	data, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return asynq.NewTask(TypeRevalidate, data, asynq.Queue(QueueBatch), asynq.MaxRetry(3)), nil
}

// Revalidator handles batch:revalidate.
type Revalidator struct {
	Records records.Records
	Queue   Enqueuer
}

// ProcessTask queues the batches; they run as tasks of their own, so a
// long re-validation is spread over every worker.
func (r Revalidator) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var f Filter
	if err := json.Unmarshal(t.Payload(), &f); err != nil {
		return fmt.Errorf("revalidate: bad payload: %v: %w", err, asynq.SkipRetry)
	}
	_, err := Revalidate(ctx, r.Records, r.Queue, f, nil)
	if errors.Is(err, errBadFilter) {
		return fmt.Errorf("%w: %w", err, asynq.SkipRetry)
	}
	return err
}
