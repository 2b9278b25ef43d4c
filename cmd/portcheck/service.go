package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

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
	secureCookies                              bool
	webhookFlags                               // cmd/portcheck/webhooks.go
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// register adds the flags every service command needs: the queue and
// the store.
func (f *serviceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.redis, "redis", env("PORTCHECK_REDIS_ADDR", ""), redisUsage(fs.Name()))
	fs.StringVar(&f.store, "storage", env("PORTCHECK_STORAGE", ""), "where orders and documents are kept, a `URL`: file:///path or s3://bucket/prefix (PORTCHECK_STORAGE)")
	fs.StringVar(&f.s3Endpoint, "s3-endpoint", env("PORTCHECK_S3_ENDPOINT", ""), "S3-compatible server `URL`, path-style; needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (PORTCHECK_S3_ENDPOINT)")
}

func redisUsage(cmd string) string {
	if cmd == "serve" {
		return "Redis `host:port`; empty runs an in-process queue and worker that do not survive a restart (PORTCHECK_REDIS_ADDR)"
	}
	return "Redis `host:port` of the queue, required (PORTCHECK_REDIS_ADDR)"
}

// registerHTTP adds the API server's flags (serve).
func (f *serviceFlags) registerHTTP(fs *flag.FlagSet) {
	fs.StringVar(&f.listen, "listen", env("PORTCHECK_LISTEN", "127.0.0.1:8080"), "`address` to serve on (PORTCHECK_LISTEN)")
	fs.StringVar(&f.keysFile, "api-keys", env("PORTCHECK_API_KEYS_FILE", ""), "`file` of \"key tenant\" lines (PORTCHECK_API_KEYS_FILE)")
	fs.BoolVar(&f.secureCookies, "secure-cookies", env("PORTCHECK_SECURE_COOKIES", "") == "true", "mark the reviewer UI's session cookie Secure on plain HTTP too, behind a TLS-terminating proxy (PORTCHECK_SECURE_COOKIES=true)")
	readTimeout, _ := time.ParseDuration(env("PORTCHECK_READ_TIMEOUT", "2m"))
	fs.DurationVar(&f.readTimeout, "read-timeout", readTimeout, "time a client has to send a whole request, upload included; a response must be written within a minute more (PORTCHECK_READ_TIMEOUT)")
}

// registerWorker adds the flags of running checks (worker, and serve's
// in-process worker); what shutting down waits for is what the
// command runs.
func (f *serviceFlags) registerWorker(fs *flag.FlagSet, waitsFor string) {
	conc, _ := strconv.Atoi(env("PORTCHECK_CONCURRENCY", "2"))
	fs.IntVar(&f.concurrency, "concurrency", conc, "checks run at once (PORTCHECK_CONCURRENCY)")
	grace, _ := time.ParseDuration(env("PORTCHECK_SHUTDOWN_TIMEOUT", "30s"))
	fs.DurationVar(&f.shutdownTimeout, "shutdown-timeout", grace, "on SIGTERM, how long "+waitsFor+" may take to finish (PORTCHECK_SHUTDOWN_TIMEOUT)")
	f.webhookFlags.register(fs)
}

// openStore opens PORTCHECK_STORAGE and checks that it works: a missing
// bucket, missing or refused credentials are set-up errors, told at
// start rather than as a 503 on the first request. AWS credentials and
// region come from the standard AWS_* variables.
func openStore(ctx context.Context, spec, endpoint string) (storage.Store, error) {
	u, err := url.Parse(spec)
	if err != nil || spec == "" {
		return nil, fmt.Errorf("--storage (PORTCHECK_STORAGE): %q is not file:///path or s3://bucket/prefix", spec)
	}
	var st interface {
		storage.Store
		Ready(context.Context) error
	}
	switch u.Scheme {
	case "file":
		if err := os.MkdirAll(u.Path, 0o755); err != nil {
			return nil, fmt.Errorf("--storage: %w", err)
		}
		if st, err = storage.NewFS(u.Path); err != nil {
			return nil, fmt.Errorf("--storage: %w", err)
		}
	case "s3":
		if st, err = openS3(ctx, u, endpoint); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("--storage: the scheme must be file or s3")
	}
	rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := st.Ready(rctx); err != nil {
		return nil, fmt.Errorf("--storage %s: %w", spec, err)
	}
	return st, nil
}

func openS3(ctx context.Context, u *url.URL, endpoint string) (*storage.S3, error) {
	prefix := strings.TrimPrefix(u.Path, "/")
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	s, err := storage.NewS3(ctx, storage.S3Config{Bucket: u.Host, Prefix: prefix, Endpoint: endpoint,
		Region: os.Getenv("AWS_REGION"), AccessKey: os.Getenv("AWS_ACCESS_KEY_ID"), SecretKey: storage.Secret(os.Getenv("AWS_SECRET_ACCESS_KEY")),
		Log: slog.Default()})
	if errors.Is(err, storage.ErrNoCredentials) {
		return nil, errors.New("--s3-endpoint (PORTCHECK_S3_ENDPOINT) is set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required (an S3-compatible server has no instance credentials, and the instance-metadata address is never asked)")
	}
	if err != nil {
		return nil, fmt.Errorf("--storage: %w", err)
	}
	return s, nil
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

// logger is the service's log: JSON lines on stderr. It becomes the
// default logger, which the standard log package (net/http's errors)
// then writes through, and Redis's client logs through it too: no
// library prints plain text among the JSON lines.
func logger(stderr io.Writer) *slog.Logger {
	l := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	slog.SetDefault(l)
	redis.SetLogger(redisLogger{l})
	return l
}

// redisLogger routes go-redis's messages (reconnects, pool dial
// failures) into slog.
type redisLogger struct{ l *slog.Logger }

func (r redisLogger) Printf(ctx context.Context, format string, v ...any) {
	r.l.WarnContext(ctx, pipeline.Scrub(fmt.Sprintf(format, v...)), "source", "go-redis")
}
