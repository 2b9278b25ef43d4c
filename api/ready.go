package api

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/portcheck/portcheck/pipeline"
)

// pinger is a queue that can say it reaches Redis (asynq.Client).
type pinger interface{ Ping() error }

// readier is a store that can say it works: reachable, bucket present,
// credentials accepted (storage.S3, storage.FS).
type readier interface{ Ready(context.Context) error }

// readyTimeout bounds each probe: a load balancer asks often and must
// get an answer, not a hung request.
const readyTimeout = 5 * time.Second

// probes are the parts /readyz checks, by name.
func (s *server) probes() map[string]func(context.Context) error {
	ps := map[string]func(context.Context) error{}
	if p, ok := s.Queue.(pinger); ok {
		ps["redis"] = func(context.Context) error { return p.Ping() }
	}
	if r, ok := s.Records.Store.(readier); ok {
		ps["storage"] = r.Ready
	}
	return ps
}

// ready answers 200 when every part answers, else 503 in the error
// shape naming each part that is down; "checks" has every part's state.
func (s *server) ready(w http.ResponseWriter, r *http.Request) {
	probes := s.probes()
	checks := make(map[string]string, len(probes))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, probe := range probes {
		wg.Go(func() {
			err := runProbe(r.Context(), probe)
			mu.Lock()
			defer mu.Unlock()
			checks[name] = "ok"
			if err != nil {
				checks[name] = pipeline.Scrub(err.Error())
			}
		})
	}
	wg.Wait()
	var down []string
	for _, name := range slices.Sorted(maps.Keys(checks)) {
		if checks[name] != "ok" {
			down = append(down, name+": "+checks[name])
		}
	}
	if len(down) > 0 {
		s.Log.Warn("not ready", "down", strings.Join(down, "; "))
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{
			"error":  map[string]string{"code": "not_ready", "message": strings.Join(down, "; ")},
			"checks": checks,
		})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "checks": checks})
}

// runProbe runs one probe under readyTimeout; a probe that cannot take
// a context (Ping) is left to finish on its own.
func runProbe(ctx context.Context, probe func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- probe(ctx) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return fmt.Errorf("no answer within %s", readyTimeout)
	}
}
