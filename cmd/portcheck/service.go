package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

// serviceFlags are the settings serve and worker share; each flag falls
// back to its environment variable (SPEC section 6).
type serviceFlags struct {
	listen, redis, store, s3Endpoint, keysFile string
	concurrency                                int
	readTimeout, shutdownTimeout               time.Duration
	webhookFlags                               // cmd/portcheck/webhooks.go
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func (f *serviceFlags) register(fs *flag.FlagSet) {
	conc, _ := strconv.Atoi(env("PORTCHECK_CONCURRENCY", "2"))
	fs.StringVar(&f.listen, "listen", env("PORTCHECK_LISTEN", "127.0.0.1:8080"), "`address` to serve on (PORTCHECK_LISTEN)")
	fs.StringVar(&f.redis, "redis", env("PORTCHECK_REDIS_ADDR", ""), "Redis `host:port`; empty runs an in-process queue that does not survive a restart (PORTCHECK_REDIS_ADDR)")
	fs.StringVar(&f.store, "storage", env("PORTCHECK_STORAGE", ""), "`file:///path` or `s3://bucket/prefix` (PORTCHECK_STORAGE)")
	fs.StringVar(&f.s3Endpoint, "s3-endpoint", env("PORTCHECK_S3_ENDPOINT", ""), "S3-compatible server `URL`, path-style (PORTCHECK_S3_ENDPOINT)")
	fs.StringVar(&f.keysFile, "api-keys", env("PORTCHECK_API_KEYS_FILE", ""), "`file` of \"key tenant\" lines (PORTCHECK_API_KEYS_FILE)")
	fs.IntVar(&f.concurrency, "concurrency", conc, "tasks a worker runs at once (PORTCHECK_CONCURRENCY)")
	readTimeout, _ := time.ParseDuration(env("PORTCHECK_READ_TIMEOUT", "2m"))
	fs.DurationVar(&f.readTimeout, "read-timeout", readTimeout, "time a client has to send a whole request, upload included; a response must be written within a minute more (PORTCHECK_READ_TIMEOUT)")
	grace, _ := time.ParseDuration(env("PORTCHECK_SHUTDOWN_TIMEOUT", "30s"))
	fs.DurationVar(&f.shutdownTimeout, "shutdown-timeout", grace, "on SIGTERM, how long requests in flight may take to finish (PORTCHECK_SHUTDOWN_TIMEOUT)")
	f.webhookFlags.register(fs)
}

// openStore opens PORTCHECK_STORAGE; AWS credentials and region come
// from the standard AWS_* variables and files.
func openStore(ctx context.Context, spec, endpoint string) (storage.Store, error) {
	u, err := url.Parse(spec)
	if err != nil || spec == "" {
		return nil, fmt.Errorf("--storage: %q is not file:///path or s3://bucket/prefix", spec)
	}
	switch u.Scheme {
	case "file":
		if err := os.MkdirAll(u.Path, 0o755); err != nil {
			return nil, fmt.Errorf("--storage: %w", err)
		}
		return storage.NewFS(u.Path)
	case "s3":
		prefix := strings.TrimPrefix(u.Path, "/")
		if prefix != "" && !strings.HasSuffix(prefix, "/") {
			prefix += "/"
		}
		s, err := storage.NewS3(ctx, storage.S3Config{Bucket: u.Host, Prefix: prefix, Endpoint: endpoint,
			Region: os.Getenv("AWS_REGION"), AccessKey: os.Getenv("AWS_ACCESS_KEY_ID"), SecretKey: storage.Secret(os.Getenv("AWS_SECRET_ACCESS_KEY"))})
		if err != nil {
			return nil, fmt.Errorf("--storage: %w", err)
		}
		return s, nil
	}
	return nil, errors.New("--storage: the scheme must be file or s3")
}

// checker is the worker's handler of checks, over the same pipeline
// settings as `portcheck check`.
func checker(store storage.Store, m *workers.Metrics) workers.Checker {
	return workers.Checker{
		Records:  records.Records{Store: store},
		Pipeline: pipeline.Config{OCR: ocr.Process{}},
		Metrics:  m,
	}
}

func logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
