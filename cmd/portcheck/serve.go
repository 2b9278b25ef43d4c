package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/workers"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	fs := newFlagSet("serve", stderr)
	f.register(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitInvalid
	}
	if err := serve(ctx, f, stderr); err != nil {
		fmt.Fprintf(stderr, "portcheck serve: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

func serve(ctx context.Context, f serviceFlags, stderr io.Writer) error {
	if f.keysFile == "" {
		return errors.New("--api-keys (PORTCHECK_API_KEYS_FILE) is required")
	}
	keys, err := api.LoadKeys(f.keysFile)
	if err != nil {
		return err
	}
	embedded := f.redis == ""
	if embedded {
		if f.store == "" {
			dir, err := os.MkdirTemp("", "portcheck-serve-")
			if err != nil {
				return err
			}
			f.store = "file://" + dir
		}
		mr, err := miniredis.Run()
		if err != nil {
			return err
		}
		defer mr.Close()
		f.redis = mr.Addr()
		fmt.Fprintf(stderr, "portcheck serve: no Redis address given: running an in-process queue and worker with storage %s. Nothing queued survives a restart; this mode is for trying the service.\n", f.store)
	}
	store, err := openStore(ctx, f.store, f.s3Endpoint)
	if err != nil {
		return err
	}
	log, metrics := logger(), workers.NewMetrics()
	queue := asynq.NewClient(asynq.RedisClientOpt{Addr: f.redis})
	defer queue.Close()
	if embedded {
		srv := workers.NewServer(asynq.RedisClientOpt{Addr: f.redis}, workers.Config{Concurrency: f.concurrency}, log)
		if err := srv.Start(workers.NewMux(checker(store, metrics), log)); err != nil {
			return err
		}
		defer srv.Shutdown()
	}
	h, err := api.Handler(api.Config{Records: records.Records{Store: store}, Queue: queue, Keys: keys, Log: log, Metrics: metrics})
	if err != nil {
		return err
	}
	hs := &http.Server{Addr: f.listen, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	log.Info("serving", "listen", f.listen)
	if err := hs.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
