package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/workers"
)

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	fs := newFlagSet("worker", stderr)
	f.register(fs)
	every := fs.String("revalidate-every", "", "also schedule a re-validation of every pending order, e.g. `@every 24h` or a cron spec; empty: none")
	if _, err := parseInterleaved(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	if f.redis == "" {
		fmt.Fprintln(stderr, "portcheck worker: --redis (PORTCHECK_REDIS_ADDR) is required; `portcheck serve` without it runs its own worker")
		return exitInvalid
	}
	store, err := openStore(ctx, f.store, f.s3Endpoint)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		return exitInvalid
	}
	keys, err := workerKeys(f.keysFile)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		return exitInvalid
	}
	log := logger()
	redis := asynq.RedisClientOpt{Addr: f.redis}
	q := asynq.NewClient(redis)
	defer q.Close()
	srv := workers.NewServer(redis, workers.Config{Concurrency: f.concurrency}, log)
	rv := workers.Revalidator{Records: records.Records{Store: store}, Queue: q}
	if err := srv.Start(taskMux(store, workers.NewMetrics(), q, f.publicURL, keys, log, rv)); err != nil {
		fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		return exitInvalid
	}
	stopRetention, err := scheduleRetention(redis, keys, f.retentionEvery, log)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		srv.Shutdown()
		return exitInvalid
	}
	defer stopRetention()
	if *every != "" {
		sched := asynq.NewScheduler(redis, nil)
		task, _ := workers.NewRevalidateTask(workers.Filter{})
		if _, err := sched.Register(*every, task, asynq.TaskID("revalidate:scheduled"), asynq.Unique(time.Hour)); err != nil {
			fmt.Fprintf(stderr, "portcheck worker: --revalidate-every: %v\n", err)
			srv.Shutdown()
			return exitInvalid
		}
		if err := sched.Start(); err != nil {
			fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		}
		defer sched.Shutdown()
	}
	<-ctx.Done() // SIGINT or SIGTERM: finish or hand back running tasks
	srv.Shutdown()
	return exitOK
}
