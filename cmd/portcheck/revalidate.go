package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/workers"
)

func runRevalidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	var filter workers.Filter
	var statuses string
	fs := newFlagSet("revalidate", stderr)
	f.register(fs)
	fs.StringVar(&filter.Tenant, "tenant", "", "only this tenant's (location_id) orders")
	fs.StringVar(&statuses, "status", "", "only orders in these `statuses` (comma-separated; default all but draft and failed)")
	fs.StringVar(&filter.AsOf, "as-of", "", "`YYYY-MM-DD` taken as today (default: the day each check runs)")
	if _, err := parseInterleaved(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	if statuses != "" {
		filter.Statuses = strings.Split(statuses, ",")
	}
	if err := filter.Validate(); err != nil {
		msg := strings.Replace(strings.Replace(err.Error(), "as_of:", "--as-of:", 1), "status:", "--status:", 1)
		fmt.Fprintf(stderr, "portcheck revalidate: %s\n", strings.TrimSuffix(msg, ": invalid filter"))
		return exitInvalid
	}
	if f.redis == "" {
		fmt.Fprintln(stderr, "portcheck revalidate: --redis (PORTCHECK_REDIS_ADDR) is required")
		return exitInvalid
	}
	store, err := openStore(ctx, f.store, f.s3Endpoint)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck revalidate: %v\n", err)
		return exitInvalid
	}
	q := asynq.NewClient(asynq.RedisClientOpt{Addr: f.redis})
	defer q.Close()
	n, err := workers.Revalidate(ctx, records.Records{Store: store}, q, filter, func(done, total int) {
		if done == total || done%100 == 0 {
			fmt.Fprintf(stderr, "\rqueued %d of %d checks", done, total)
		}
	})
	fmt.Fprintln(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "portcheck revalidate: %v\n", err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "queued %d checks on the %q queue\n", n, workers.QueueBatch)
	return exitOK
}
