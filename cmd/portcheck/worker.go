package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/workers"
)

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	fs := newFlagSet("worker", stderr)
	f.register(fs)
	f.registerWorker(fs, "running checks")
	fs.StringVar(&f.keysFile, "api-keys", env("PORTCHECK_API_KEYS_FILE", ""), "`file` of \"key tenant\" lines, whose options give each tenant's retention period; without it this worker sweeps nothing (PORTCHECK_API_KEYS_FILE)")
	every := fs.String("revalidate-every", "", "also schedule a re-validation of every pending order on this `schedule`, e.g. \"@every 24h\" or a cron spec; empty: none")
	metricsAddr := fs.String("metrics-listen", env("PORTCHECK_METRICS_LISTEN", ""), "serve this worker's Prometheus metrics on `address` at /metrics; empty: none (PORTCHECK_METRICS_LISTEN)")
	if _, err := parseInterleaved(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	if err := work(ctx, f, *every, *metricsAddr, stderr); err != nil {
		fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// workerMemoryLimit is the worker's soft bound on Go's memory when
// GOMEMLIMIT sets none. A scanned page passes through the worker as a
// few 8 MB copies (decoded, cleared, encoded) that are garbage a page
// later; with Go's default of collecting at twice what is live the
// worker alone peaked at 207 MiB over the reference orders at
// concurrency 2, its OCR children beside it. The bound is soft: past it
// Go collects more often (at most half the CPU), it never fails.
const workerMemoryLimit = 96 << 20

// work runs a worker until ctx ends (SIGINT or SIGTERM), then finishes
// or hands back its running tasks. Every set-up error is returned before
// any task is taken.
func work(ctx context.Context, f serviceFlags, every, metricsAddr string, stderr io.Writer) error {
	if f.redis == "" {
		return errors.New("--redis (PORTCHECK_REDIS_ADDR) is required; `portcheck serve` without it runs its own worker")
	}
	if f.shutdownTimeout <= 0 || f.concurrency < 0 {
		return errors.New("--shutdown-timeout must be a positive duration and --concurrency not negative")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(workerMemoryLimit)
	}
	log := logger(stderr)
	// Without its OCR engine, or with one of another build, the worker
	// would retry every scanned document until its check failed.
	if err := (ocr.Process{}).Probe(ctx); err != nil {
		return err
	}
	store, err := openStore(ctx, f.store, f.s3Endpoint)
	if err != nil {
		return err
	}
	keys, err := workerKeys(f.keysFile)
	if err != nil {
		return err
	}
	redis := asynq.RedisClientOpt{Addr: f.redis}
	metrics := workers.NewMetrics()
	if metricsAddr != "" {
		metrics.WatchQueues(redis, log)
		defer metrics.Close()
		_, stop, err := workers.ServeMetrics(metricsAddr, metrics, log)
		if err != nil {
			return fmt.Errorf("--metrics-listen: %w", err)
		}
		defer stop()
	}
	q := asynq.NewClient(redis)
	defer q.Close()
	srv := workers.NewServer(redis, workers.Config{Concurrency: f.concurrency, ShutdownTimeout: f.shutdownTimeout}, log)
	rv := workers.Revalidator{Records: records.Records{Store: store}, Queue: q}
	if err := srv.Start(taskMux(store, metrics, q, f.webhookFlags, keys, log, rv)); err != nil {
		return err
	}
	defer srv.Shutdown()
	stopRetention, err := scheduleRetention(redis, keys, f.retentionEvery, log)
	if err != nil {
		return err
	}
	defer stopRetention()
	if every != "" {
		sched := workers.NewScheduler(redis, log)
		task, _ := workers.NewRevalidateTask(workers.Filter{})
		if _, err := sched.Register(every, task, asynq.TaskID("revalidate:scheduled"), asynq.Unique(time.Hour)); err != nil {
			return fmt.Errorf("--revalidate-every: %w", err)
		}
		if err := sched.Start(); err != nil {
			return err
		}
		defer sched.Shutdown()
	}
	<-ctx.Done()
	return nil
}
