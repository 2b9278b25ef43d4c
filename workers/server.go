package workers

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/pipeline"
)

// Config is a worker's settings.
type Config struct {
	// Concurrency is how many tasks run at once; default 2 (this
	// project's machines have two cores, and OCR uses one each).
	Concurrency int
	// ShutdownTimeout is how long a stopping worker lets running tasks
	// finish before handing them back to the queue; default 30s.
	ShutdownTimeout time.Duration
	// RetryBase is the first retry's delay; each retry doubles it, up to
	// five minutes. Default 2s: transient faults here are a store or
	// Redis restarting, which takes seconds, not asynq's default minutes.
	RetryBase time.Duration
	// WebhookRetryBase is a webhook delivery's first retry delay,
	// doubling up to an hour; default 30s: a receiver that is down is
	// usually down for minutes.
	WebhookRetryBase time.Duration
	// PollInterval is how often an idle worker looks for tasks, and
	// tasks waiting for a retry are moved back to their queue; default
	// asynq's 1s and 5s (tests make both short).
	PollInterval time.Duration
}

// Validate checks the settings.
func (c Config) Validate() error {
	if c.Concurrency < 0 || c.ShutdownTimeout < 0 || c.RetryBase < 0 || c.WebhookRetryBase < 0 || c.PollInterval < 0 {
		return errors.New("worker config: concurrency and shutdown timeout must not be negative")
	}
	return nil
}

// NewServer returns an asynq server with portcheck's queues.
func NewServer(redis asynq.RedisConnOpt, c Config, log *slog.Logger) *asynq.Server {
	if c.Concurrency == 0 {
		c.Concurrency = 2
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = 30 * time.Second
	}
	if c.RetryBase == 0 {
		c.RetryBase = 2 * time.Second
	}
	if c.WebhookRetryBase == 0 {
		c.WebhookRetryBase = 30 * time.Second
	}
	return asynq.NewServer(redis, asynq.Config{
		Concurrency:     c.Concurrency,
		Queues:          Queues,
		ShutdownTimeout: c.ShutdownTimeout,
		RetryDelayFunc: func(n int, _ error, t *asynq.Task) time.Duration {
			if t.Type() == TypeWebhookDeliver {
				return webhookDelay(c.WebhookRetryBase, n)
			}
			return min(c.RetryBase<<min(n, 20), 5*time.Minute)
		},
		DelayedTaskCheckInterval: c.PollInterval,
		TaskCheckInterval:        c.PollInterval,
		Logger:                   slogAdapter{log},
	})
}

// NewMux routes task types to handlers, wrapped in recovery, logging
// and metrics. rv may be zero when this worker takes no scheduled
// re-validations; its batches then read in the batch any document
// whose fields are not cached, as an embedded worker does.
func NewMux(c Checker, log *slog.Logger, rv ...Revalidator) *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.Use(Recover(log), Logging(log, c.Metrics))
	mux.Handle(TypeCheck, c)
	batch := BatchChecker{Checker: c}
	for _, r := range rv {
		mux.Handle(TypeRevalidate, r)
		batch.Queue = r.Queue
	}
	mux.Handle(TypeCheckBatch, batch)
	return mux
}

// slogAdapter lets asynq log through slog.
type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) Debug(args ...any) { a.l.Debug(pipeline.Scrub(fmt.Sprint(args...))) }
func (a slogAdapter) Info(args ...any)  { a.l.Info(pipeline.Scrub(fmt.Sprint(args...))) }
func (a slogAdapter) Warn(args ...any)  { a.l.Warn(pipeline.Scrub(fmt.Sprint(args...))) }
func (a slogAdapter) Error(args ...any) { a.l.Error(pipeline.Scrub(fmt.Sprint(args...))) }
func (a slogAdapter) Fatal(args ...any) { a.l.Error(pipeline.Scrub(fmt.Sprint(args...))) }

// NewScheduler returns an asynq scheduler that logs through slog, like
// the server.
func NewScheduler(redis asynq.RedisConnOpt, log *slog.Logger) *asynq.Scheduler {
	return asynq.NewScheduler(redis, &asynq.SchedulerOpts{Logger: slogAdapter{log}})
}
