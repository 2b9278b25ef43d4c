package workers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
)

// Task types and queues.
const (
	TypeCheck      = "order:check"
	TypeRevalidate = "batch:revalidate"
	QueueChecks    = "checks"
	QueueBatch     = "batch"
)

// Queues gives fresh checks six times the batch queue's share of
// workers, and webhook deliveries (short, bounded by a timeout) half.
var Queues = map[string]int{QueueChecks: 6, QueueWebhooks: 3, QueueBatch: 1}

// CheckPayload names one check request of one order.
type CheckPayload struct {
	Tenant  string `json:"tenant"`
	OrderID string `json:"order_id"`
	AsOf    string `json:"as_of,omitempty"` // YYYY-MM-DD
	// Task is the request's id (records.CheckState.Task): an attempt of
	// a task a later request superseded does nothing.
	Task string `json:"task,omitempty"`
}

// maxRetry is how often a check that meets a transient fault (a store or
// Redis restarting) is tried again before the order fails.
const maxRetry = 8

// NewCheckTask is the task of one check request, named by its id.
func NewCheckTask(p CheckPayload) (*asynq.Task, []asynq.Option, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return nil, nil, err
	}
	return asynq.NewTask(TypeCheck, data), []asynq.Option{
		asynq.TaskID(p.Task), asynq.Queue(QueueChecks), asynq.MaxRetry(maxRetry),
		asynq.Timeout(5 * time.Minute),
	}, nil
}

// ParseAsOf reads an as-of date; empty is today (UTC), fixed when the
// check is asked for, so a check asked for today and run tomorrow is
// still today's, and a request repeated tomorrow is a new check.
func ParseAsOf(s string) (string, error) {
	if s == "" {
		return time.Now().UTC().Format(time.DateOnly), nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", fmt.Errorf("%q is not a date in YYYY-MM-DD form", s)
	}
	return s, nil
}

// RequestCheck asks for a check of the order's current version as of
// asOf (validated by the caller with ParseAsOf) on queue. It enqueues
// nothing when the latest report already answers the request or the
// same check is queued or running; queued says whether it enqueued.
func RequestCheck(ctx context.Context, recs records.Records, q Enqueuer, tenant, id, asOf, queue string) (m records.Meta, queued bool, err error) {
	prev, err := recs.Meta(ctx, tenant, id)
	if err != nil {
		return records.Meta{}, false, err
	}
	m, task, err := recs.RequestCheck(ctx, tenant, id, asOf, func(version int) string {
		return fmt.Sprintf("check:%s:%s:v%d:%s:%s", tenant, id, version, asOf, nonce())
	})
	if err != nil || task == "" {
		return m, false, err
	}
	t, opts, err := NewCheckTask(CheckPayload{Tenant: tenant, OrderID: id, AsOf: asOf, Task: task})
	if err == nil {
		_, err = q.EnqueueContext(ctx, t, append(opts, asynq.Queue(queue))...)
	}
	if err != nil && !isConflict(err) {
		if cerr := recs.CancelCheck(ctx, tenant, id, task, prev); cerr != nil {
			return m, false, fmt.Errorf("enqueue check of %s: %w (and undo: %v)", id, err, cerr)
		}
		return m, false, fmt.Errorf("enqueue check of %s: %w", id, err)
	}
	return m, true, nil
}

func nonce() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Checker handles order:check with the pipeline.
type Checker struct {
	Records  records.Records
	Pipeline pipeline.Config // AsOf is set per task
	Metrics  *Metrics
	Events   *Events // nil: no webhooks
}

// ProcessTask checks the order and stores its report. Every way a check
// can end for good leaves the order failed with the reason: a permanent
// error, the last retry of a transient one, a panic, or attempts that
// took their worker down with them.
func (c Checker) ProcessTask(ctx context.Context, t *asynq.Task) (err error) {
	var p CheckPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("check: bad payload: %v: %w", err, asynq.SkipRetry)
	}
	if p.Task == "" {
		p.Task, _ = asynq.GetTaskID(ctx)
	}
	run, err := c.Records.StartCheck(ctx, p.Tenant, p.OrderID, p.Task)
	switch {
	case errors.Is(err, records.ErrNotFound), errors.Is(err, records.ErrInvalidID), errors.Is(err, records.ErrCrashLoop):
		if errors.Is(err, records.ErrCrashLoop) {
			c.Events.failed(ctx, c.Records, p)
		}
		return fmt.Errorf("check %s: %v: %w", p.OrderID, err, asynq.SkipRetry)
	case err != nil:
		return fmt.Errorf("check %s: %w", p.OrderID, err)
	case !run:
		return nil // a later request superseded this one
	}
	defer func() {
		if r := recover(); r != nil {
			err = c.end(ctx, p, fmt.Errorf("internal error: %v", r), true)
		}
	}()
	rep, version, memo, err := c.check(ctx, p)
	if err != nil {
		return c.end(ctx, p, err, pipeline.IsPermanent(err) || isLastRetry(ctx))
	}
	prev, _ := c.Records.Meta(ctx, p.Tenant, p.OrderID) // the verdict a change is told against
	if err := c.Records.FinishCheck(ctx, p.Tenant, p.OrderID, p.Task, version, rep, memo); err != nil {
		return c.end(ctx, p, err, isLastRetry(ctx))
	}
	c.Events.checked(ctx, c.Records, p, prev)
	for _, f := range rep.Findings {
		c.Metrics.Finding(string(f.Code))
	}
	return nil
}

// check runs the pipeline on the order as it is now, and says which
// version of the order that was and the report's memo (nil when its
// inputs cannot be named).
func (c Checker) check(ctx context.Context, p CheckPayload) (*report.Report, int, *records.Memo, error) {
	o, meta, err := c.Records.Load(ctx, p.Tenant, p.OrderID)
	if err != nil {
		return nil, 0, nil, err
	}
	asOf, err := ParseAsOf(p.AsOf) // empty in tasks queued by older versions: today
	if err != nil {
		return nil, 0, nil, permanent{fmt.Errorf("as_of: %w", err)}
	}
	rep, standing, err := pipeline.CheckStanding(ctx, o, c.Records.Documents(meta), c.pipelineConfig(p.Tenant, asOf), meta.Identity())
	if err != nil {
		return nil, 0, nil, err
	}
	return rep, meta.Version, memoOf(standing, asOf, o.Profile), nil
}

// pipelineConfig is the pipeline as a check of tenant's order as of
// asOf (checked by ParseAsOf) runs it: other orders' numbers from the
// tenant's index, extractions and fields cached in the store.
func (c Checker) pipelineConfig(tenant, asOf string) pipeline.Config {
	cfg := c.Pipeline
	cfg.Pending = c.Records.Pending(tenant)
	if cfg.Cache == nil {
		cfg.Cache = pipeline.StoreCache{Store: c.Records.Store}
	}
	if cfg.Fields == nil {
		cfg.Fields = pipeline.StoreFields{Store: c.Records.Store}
	}
	if c.Metrics != nil {
		cfg.Observe = c.Metrics.Extraction
	}
	cfg.AsOf, _ = time.Parse(time.DateOnly, asOf)
	return cfg
}

// permanent marks an error retrying cannot help.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// end records an attempt that returned err; final fails the order with
// the reason and tells asynq not to retry.
func (c Checker) end(ctx context.Context, p CheckPayload, err error, final bool) error {
	var perm permanent
	final = final || errors.As(err, &perm) || errors.Is(err, records.ErrNotFound)
	reason := pipeline.Scrub(err.Error())
	// The error goes to asynq, which keeps it in Redis: redacted too.
	if uerr := c.Records.EndAttempt(ctx, p.Tenant, p.OrderID, p.Task, reason, final); uerr != nil {
		return fmt.Errorf("check %s: %s (and recording it: %s)", p.OrderID, reason, pipeline.Scrub(uerr.Error()))
	}
	if final {
		c.Events.failed(ctx, c.Records, p)
		return fmt.Errorf("check %s: %s: %w", p.OrderID, reason, asynq.SkipRetry)
	}
	return fmt.Errorf("check %s: %s", p.OrderID, reason)
}

func isLastRetry(ctx context.Context) bool {
	n, ok1 := asynq.GetRetryCount(ctx)
	max, ok2 := asynq.GetMaxRetry(ctx)
	return ok1 && ok2 && n >= max
}

// Recover turns a panic in a handler into a failed task.
func Recover(log *slog.Logger) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) (err error) {
			defer func() {
				if r := recover(); r != nil {
					log.Error("task panicked", "type", t.Type(), "panic", pipeline.Scrub(fmt.Sprint(r)), "stack", pipeline.Scrub(string(debug.Stack())))
					err = fmt.Errorf("task %s panicked: %v", t.Type(), r)
				}
			}()
			return next.ProcessTask(ctx, t)
		})
	}
}

// Logging logs each task's outcome with its ids and time. Payloads are
// not logged: they are ids only, but a future payload must not leak.
func Logging(log *slog.Logger, m *Metrics) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			start := time.Now()
			id, _ := asynq.GetTaskID(ctx)
			err := next.ProcessTask(ctx, t)
			d := time.Since(start)
			m.Task(t.Type(), err, d)
			attrs := []any{"type", t.Type(), "task_id", id, "duration_seconds", d.Seconds()}
			if err != nil {
				log.Warn("task failed", append(attrs, "error", pipeline.Scrub(err.Error()))...)
			} else {
				log.Info("task done", attrs...)
			}
			return err
		})
	}
}
