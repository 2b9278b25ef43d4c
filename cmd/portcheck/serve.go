package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/workers"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serviceFlags
	fs := newFlagSet("serve", stderr)
	f.register(fs)
	f.registerHTTP(fs)
	f.registerWorker(fs, "requests in flight and running checks")
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
	if f.readTimeout <= 0 || f.shutdownTimeout <= 0 {
		return errors.New("--read-timeout and --shutdown-timeout must be positive durations")
	}
	if f.keysFile == "" {
		return errors.New("--api-keys (PORTCHECK_API_KEYS_FILE) is required")
	}
	keys, err := api.LoadKeys(f.keysFile)
	if err != nil {
		return err
	}
	log := logger(stderr)
	embedded := f.redis == ""
	if embedded {
		stop, err := startEmbeddedRedis(&f, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	store, err := openStore(ctx, f.store, f.s3Endpoint)
	if err != nil {
		return err
	}
	redis := asynq.RedisClientOpt{Addr: f.redis}
	metrics := workers.NewMetrics()
	metrics.WatchQueues(redis, log)
	defer metrics.Close()
	queue := asynq.NewClient(redis)
	defer queue.Close()
	if embedded {
		if err := (ocr.Process{}).Probe(ctx); err != nil { // as `portcheck worker` does
			return err
		}
		srv := workers.NewServer(redis, workers.Config{Concurrency: f.concurrency, ShutdownTimeout: f.shutdownTimeout}, log)
		if f.publicURL == "" {
			f.publicURL = "http://" + f.listen
		}
		if err := srv.Start(taskMux(store, metrics, queue, f.webhookFlags, nil, log)); err != nil {
			return err
		}
		defer srv.Shutdown()
		if f.retentionEvery > 0 {
			go retention(store, keys, log).Every(ctx, f.retentionEvery)
		}
	}
	h, err := api.Handler(api.Config{Records: records.Records{Store: store}, Queue: queue, Keys: keys, Log: log, Metrics: metrics, SecureCookies: f.secureCookies})
	if err != nil {
		return err
	}
	return listenAndServe(ctx, &http.Server{Addr: f.listen, Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: f.readTimeout, WriteTimeout: f.readTimeout + time.Minute, IdleTimeout: time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}, f.shutdownTimeout, log)
}

// startEmbeddedRedis runs an in-process Redis for serve without one,
// and a temporary folder store when none is given.
func startEmbeddedRedis(f *serviceFlags, log *slog.Logger) (stop func(), err error) {
	if f.store == "" {
		dir, err := os.MkdirTemp("", "portcheck-serve-")
		if err != nil {
			return nil, err
		}
		f.store = "file://" + dir
	}
	mr, err := miniredis.Run()
	if err != nil {
		return nil, err
	}
	f.redis = mr.Addr()
	log.Warn("no Redis address given: running an in-process queue and worker; nothing queued survives a restart; this mode is for trying the service", "storage", f.store)
	return mr.Close, nil
}

// listenAndServe serves until ctx ends (SIGTERM), then stops taking
// requests and waits, at most grace, for those in flight: an upload
// half sent when the signal comes is finished, not cut.
func listenAndServe(ctx context.Context, hs *http.Server, grace time.Duration, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	log.Info("serving", "listen", hs.Addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: waiting for requests in flight", "grace_seconds", grace.Seconds())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutdown: requests still running after %s were cut: %w", grace, err)
	}
	return nil
}
