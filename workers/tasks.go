package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
)

// Task types and queues.
const (
	TypeCheck      = "order:check"
	TypeRevalidate = "batch:revalidate"
	QueueChecks    = "checks"
	QueueBatch     = "batch"
)

// Queues gives fresh checks six times the batch queue's share of workers.
var Queues = map[string]int{QueueChecks: 6, QueueBatch: 1}

// CheckPayload names one order.
type CheckPayload struct {
	Tenant  string `json:"tenant"`
	OrderID string `json:"order_id"`
	AsOf    string `json:"as_of,omitempty"` // YYYY-MM-DD; empty: the day the task runs
}

// NewCheckTask is a check of one order at one version: enqueuing it
// twice for the same version is one task (asynq task id).
func NewCheckTask(p CheckPayload, version int) (*asynq.Task, []asynq.Option, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return nil, nil, err
	}
	id := fmt.Sprintf("check:%s:%s:%d:%s", p.Tenant, p.OrderID, version, p.AsOf)
	return asynq.NewTask(TypeCheck, data), []asynq.Option{
		asynq.TaskID(id), asynq.Queue(QueueChecks), asynq.MaxRetry(8),
		asynq.Timeout(5 * time.Minute), asynq.Retention(24 * time.Hour),
	}, nil
}

// Checker handles order:check with the pipeline.
type Checker struct {
	Records  records.Records
	Pipeline pipeline.Config // AsOf is set per task
	Metrics  *Metrics
}

// ProcessTask checks the order and stores its report.
func (c Checker) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var p CheckPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("check: bad payload: %v: %w", err, asynq.SkipRetry)
	}
	o, meta, err := c.Records.Load(ctx, p.Tenant, p.OrderID)
	if errors.Is(err, records.ErrNotFound) || errors.Is(err, records.ErrInvalidID) {
		return fmt.Errorf("check %s: %v: %w", p.OrderID, err, asynq.SkipRetry)
	}
	if err != nil {
		return fmt.Errorf("check %s: %w", p.OrderID, err)
	}
	if _, err := c.Records.Update(ctx, p.Tenant, p.OrderID, func(m *records.Meta) { m.Status = records.Checking }); err != nil {
		return fmt.Errorf("check %s: %w", p.OrderID, err)
	}
	cfg := c.Pipeline
	cfg.Pending = c.Records.Pending(p.Tenant)
	if cfg.Cache == nil {
		cfg.Cache = pipeline.StoreCache{Store: c.Records.Store}
	}
	cfg.Observe = c.Metrics.Extraction
	cfg.AsOf, err = asOf(p.AsOf)
	if err != nil {
		return fmt.Errorf("check %s: %v: %w", p.OrderID, err, asynq.SkipRetry)
	}
	rep, err := pipeline.Check(ctx, o, c.Records.Documents(meta), cfg)
	if err != nil {
		return c.failed(ctx, p, err)
	}
	if err := c.Records.SaveReport(ctx, p.Tenant, p.OrderID, rep); err != nil {
		return fmt.Errorf("check %s: %w", p.OrderID, err)
	}
	for _, f := range rep.Findings {
		c.Metrics.Finding(string(f.Code))
	}
	return nil
}

// failed marks an order failed when retrying cannot help; otherwise the
// error goes back to asynq for a retry.
func (c Checker) failed(ctx context.Context, p CheckPayload, err error) error {
	if !pipeline.IsPermanent(err) {
		return fmt.Errorf("check %s: %w", p.OrderID, err)
	}
	if _, uerr := c.Records.Update(ctx, p.Tenant, p.OrderID, func(m *records.Meta) { m.Status = records.Failed }); uerr != nil {
		return fmt.Errorf("check %s: %w", p.OrderID, uerr)
	}
	return fmt.Errorf("check %s: %v: %w", p.OrderID, err, asynq.SkipRetry)
}

func asOf(s string) (time.Time, error) {
	if s == "" {
		y, m, d := time.Now().UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Parse(time.DateOnly, s)
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
			m.Task(t.Type(), err, time.Since(start))
			attrs := []any{"type", t.Type(), "task_id", id, "duration", time.Since(start).Round(time.Millisecond)}
			if err != nil {
				log.Warn("task failed", append(attrs, "error", pipeline.Scrub(err.Error()))...)
			} else {
				log.Info("task done", attrs...)
			}
			return err
		})
	}
}
