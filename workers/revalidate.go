package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hibiken/asynq"

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

func (f Filter) match(m records.Meta) bool {
	if len(f.Statuses) == 0 {
		return m.Status != records.Failed && m.Status != records.Draft
	}
	return slices.Contains(f.Statuses, m.Status)
}

// Revalidate enqueues a check of every pending order the filter picks,
// on the batch queue, so bills and LOAs that age out are flagged again
// (BILL_AGING, BILL_TOO_OLD) and numbers now in other orders are found.
// progress, when given, is told after each order.
func Revalidate(ctx context.Context, recs records.Records, q Enqueuer, f Filter, progress func(done, total int)) (int, error) {
	if err := f.Validate(); err != nil {
		return 0, fmt.Errorf("revalidate: %w", err)
	}
	tenants := []string{f.Tenant}
	if f.Tenant == "" {
		var err error
		if tenants, err = recs.Tenants(ctx); err != nil {
			return 0, fmt.Errorf("revalidate: %w", err)
		}
	}
	var picked []records.Meta
	for _, t := range tenants {
		ms, err := recs.List(ctx, t)
		if err != nil {
			return 0, fmt.Errorf("revalidate %s: %w", t, err)
		}
		for _, m := range ms {
			if f.match(m) {
				picked = append(picked, m)
			}
		}
	}
	asOf, err := ParseAsOf(f.AsOf)
	if err != nil {
		return 0, fmt.Errorf("revalidate: as_of: %w", err)
	}
	for i, m := range picked {
		if _, _, err := RequestCheck(ctx, recs, q, m.Tenant, m.ID, asOf, QueueBatch); err != nil {
			return i, fmt.Errorf("revalidate %s: %w", m.ID, err)
		}
		if progress != nil {
			progress(i+1, len(picked))
		}
	}
	return len(picked), nil
}

func isConflict(err error) bool {
	return err == asynq.ErrTaskIDConflict || err == asynq.ErrDuplicateTask
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

// ProcessTask enqueues the checks; the checks themselves run as tasks of
// their own, so a long batch is spread over every worker.
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
