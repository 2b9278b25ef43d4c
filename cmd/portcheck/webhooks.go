package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/webhooks"
	"github.com/portcheck/portcheck/workers"
)

// webhookFlags are serve's and worker's settings for webhooks and
// retention.
type webhookFlags struct {
	publicURL      string
	publicOnly     bool
	retentionEvery time.Duration
}

func (f *webhookFlags) register(fs *flag.FlagSet) {
	f.publicURL = env("PORTCHECK_PUBLIC_URL", "")
	fs.Func("public-url", "the API's `URL` as clients reach it, for webhook events' report_url; default http://<listen> for serve, none (a path) for worker (PORTCHECK_PUBLIC_URL)", func(s string) error {
		if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%q is not an absolute http or https URL", s)
		}
		f.publicURL = s
		return nil
	})
	fs.BoolVar(&f.publicOnly, "webhooks-public-only", env("PORTCHECK_WEBHOOKS_PUBLIC_ONLY", "") == "true", "deliver webhooks only to public internet addresses: refuse receivers on loopback, private, link-local or CGNAT addresses, for tenants who must not reach this network through the worker (PORTCHECK_WEBHOOKS_PUBLIC_ONLY=true)")
	every, _ := time.ParseDuration(env("PORTCHECK_RETENTION_EVERY", "6h"))
	fs.DurationVar(&f.retentionEvery, "retention-every", every, "how often to remove what outlived its tenant's retention period (a keys-file option, default 30 days); 0: never (PORTCHECK_RETENTION_EVERY)")
}

// taskMux routes a worker's tasks: checks, which tell their outcomes to
// webhooks, webhook deliveries, and retention sweeps when keys (the
// tenants' periods) are known.
func taskMux(store storage.Store, metrics *workers.Metrics, queue workers.Enqueuer, hooks webhookFlags, keys *api.Keys, log *slog.Logger, rv ...workers.Revalidator) *asynq.ServeMux {
	c := checker(store, metrics)
	c.Events = &workers.Events{Queue: queue, BaseURL: hooks.publicURL, Log: log}
	mux := workers.NewMux(c, log, rv...)
	workers.Webhooks{Store: webhooks.Store{Store: store}, Queue: queue, Sender: webhooks.Sender{PublicOnly: hooks.publicOnly}}.Register(mux)
	if keys != nil {
		mux.Handle(workers.TypeRetention, retention(store, *keys, log))
	}
	return mux
}

func retention(store storage.Store, keys api.Keys, log *slog.Logger) workers.Retention {
	return workers.Retention{Records: checker(store, nil).Records, Period: keys.Retention, Log: log}
}

// workerKeys reads the keys file for the tenants' retention periods; a
// worker without one runs no sweep, rather than give a tenant that
// keeps its orders longer the default period.
func workerKeys(path string) (*api.Keys, error) {
	if path == "" {
		return nil, nil
	}
	k, err := api.LoadKeys(path)
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// scheduleRetention starts the worker's retention schedule, when it
// has the keys and a period; stop ends it.
func scheduleRetention(redis asynq.RedisConnOpt, keys *api.Keys, every time.Duration, log *slog.Logger) (stop func(), err error) {
	if keys == nil || every <= 0 {
		if every > 0 {
			log.Warn("retention is not scheduled: give the worker --api-keys (PORTCHECK_API_KEYS_FILE), which holds each tenant's retention period")
		}
		return func() {}, nil
	}
	s, err := workers.ScheduleRetention(redis, every, log)
	if err != nil {
		return nil, err
	}
	return s.Shutdown, nil
}
