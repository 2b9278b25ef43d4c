package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/workers"
)

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	fs := newFlagSet("worker", stderr)
	f.register(fs)
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
	log := logger()
	srv := workers.NewServer(asynq.RedisClientOpt{Addr: f.redis}, workers.Config{Concurrency: f.concurrency}, log)
	if err := srv.Start(workers.NewMux(checker(store, workers.NewMetrics()), log)); err != nil {
		fmt.Fprintf(stderr, "portcheck worker: %v\n", err)
		return exitInvalid
	}
	<-ctx.Done() // SIGINT or SIGTERM: finish or hand back running tasks
	srv.Shutdown()
	return exitOK
}
