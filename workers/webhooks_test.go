package workers

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/webhooks"
)

func TestWebhookDelay(t *testing.T) {
	tests := []struct {
		name     string
		base     time.Duration
		n        int
		min, max time.Duration
	}{
		{"first retry (asynq counts from 0)", 30 * time.Second, 0, 27 * time.Second, 33 * time.Second},
		{"doubles", 30 * time.Second, 3, 216 * time.Second, 264 * time.Second},
		{"at most an hour", 30 * time.Second, 12, 54 * time.Minute, 66 * time.Minute},
		{"no overflow", 30 * time.Second, 500, 54 * time.Minute, 66 * time.Minute},
		{"short in tests", 50 * time.Millisecond, 1, 90 * time.Millisecond, 110 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 100 {
				if d := webhookDelay(tt.base, tt.n); d < tt.min || d > tt.max {
					t.Fatalf("webhookDelay(%s, %d) = %s, want within [%s, %s]", tt.base, tt.n, d, tt.min, tt.max)
				}
			}
		})
	}
}

// hookQueues are the two queues a worker runs on: Redis (skipped
// without it unless PORTCHECK_REQUIRE_SERVICES=1) and the in-process
// one of the embedded mode.
var hookQueues = map[string]func(t *testing.T) string{
	"embedded": func(t *testing.T) string { return miniredis.RunT(t).Addr() },
	"redis":    func(t *testing.T) string { return testservers.StartRedis(t).Addr },
}

// events is a receiver that keeps what it verified.
type events struct {
	mu     sync.Mutex
	secret webhooks.Secret
	status int // answered to every delivery
	got    []webhooks.Event
}

func (ev *events) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	ev.mu.Lock()
	defer ev.mu.Unlock()
	if err := webhooks.Verify(ev.secret, r.Header.Get(webhooks.SignatureHeader), body, time.Minute, time.Now()); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var e webhooks.Event
	json.Unmarshal(body, &e)
	ev.got = append(ev.got, e)
	w.WriteHeader(ev.status)
}

// TestCheckFailedIsTold: a check that ends for good (its document is
// not in the store) is told as order.failed, with no verdict and no
// report; a receiver that never answers 2xx gets the bounded number of
// attempts and its delivery is recorded failed.
func TestCheckFailedIsTold(t *testing.T) {
	for name, start := range hookQueues {
		t.Run(name, func(t *testing.T) {
			ctx, tenant := context.Background(), "loc_a"
			good, broken := &events{status: http.StatusOK}, &events{status: http.StatusInternalServerError}
			hooks, recs, subs := failingOrder(t, start(t), webhooks.Sender{}, good, broken)

			d := awaitDelivery(t, hooks, tenant, subs[1].ID, webhooks.Failed)
			if d.Attempts != 3 || d.LastStatusCode != 500 || !strings.Contains(d.LastError, "500") {
				t.Errorf("delivery to a receiver that always fails: %+v; want 3 attempts, the last a 500", d)
			}
			ok := awaitDelivery(t, hooks, tenant, subs[0].ID, webhooks.Delivered)
			good.mu.Lock()
			defer good.mu.Unlock()
			if len(good.got) != 1 || good.got[0].ID != ok.Event.ID || good.got[0].Type != webhooks.OrderFailed || good.got[0].Verdict != nil || good.got[0].ReportURL != nil {
				t.Errorf("the good receiver got %+v", good.got)
			}
			if m, _ := recs.Meta(ctx, tenant, "o1"); m.Status != records.Failed {
				t.Errorf("order status %s, want failed", m.Status)
			}
		})
	}
}

// failingOrder runs a worker on redis whose webhooks go through sender,
// subscribes each receiver to order.failed, and requests the check of
// an order whose one document is not in the store, which fails for
// good.
func failingOrder(t *testing.T, redis string, sender webhooks.Sender, receivers ...*events) (webhooks.Store, records.Records, []webhooks.Subscription) {
	t.Helper()
	ctx, tenant := context.Background(), "loc_a"
	fs, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	recs, hooks := records.Records{Store: fs}, webhooks.Store{Store: fs}
	opt := asynq.RedisClientOpt{Addr: redis}
	q := asynq.NewClient(opt)
	t.Cleanup(func() { q.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var subs []webhooks.Subscription
	for _, rc := range receivers {
		srv := httptest.NewServer(rc)
		t.Cleanup(srv.Close)
		sub, err := hooks.Create(ctx, tenant, srv.URL, []string{webhooks.OrderFailed}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		rc.secret, subs = sub.Secret, append(subs, sub)
	}
	o := &order.Order{ID: "o1", AccountName: "Acme", Numbers: []order.Number{{Number: "+12175550100"}}}
	if _, err := recs.Create(ctx, tenant, o); err != nil {
		t.Fatal(err)
	}
	if _, err := recs.AddDocument(ctx, tenant, "o1", records.DocRef{Name: "bill.pdf", Kind: "bill", SHA256: strings.Repeat("0", 64)}); err != nil {
		t.Fatal(err)
	}
	srv := NewServer(opt, Config{Concurrency: 2, ShutdownTimeout: time.Second, WebhookRetryBase: 20 * time.Millisecond, PollInterval: 50 * time.Millisecond}, log)
	mux := NewMux(Checker{Records: recs, Pipeline: pipeline.Config{}, Metrics: NewMetrics(), Events: &Events{Queue: q, BaseURL: "http://x", Log: log}}, log)
	Webhooks{Store: hooks, Queue: q, Sender: sender, MaxAttempts: 3}.Register(mux)
	if err := srv.Start(mux); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	if _, _, err := RequestCheck(ctx, recs, q, tenant, "o1", "2026-11-23", QueueChecks); err != nil {
		t.Fatal(err)
	}
	return hooks, recs, subs
}

// TestPublicOnlyRefusesAtOnce: a worker that delivers only to public
// addresses never reaches a receiver on loopback, and gives up after
// one attempt, naming why: no retry could pass.
func TestPublicOnlyRefusesAtOnce(t *testing.T) {
	inner := &events{status: http.StatusOK}
	hooks, _, subs := failingOrder(t, miniredis.RunT(t).Addr(), webhooks.Sender{PublicOnly: true}, inner)
	d := awaitDelivery(t, hooks, "loc_a", subs[0].ID, webhooks.Failed)
	if d.Attempts != 1 || d.LastStatusCode != 0 || !strings.Contains(d.LastError, "not public") {
		t.Errorf("delivery to a loopback receiver: %+v; want 1 attempt refused as not public", d)
	}
	inner.mu.Lock()
	defer inner.mu.Unlock()
	if len(inner.got) != 0 {
		t.Errorf("the loopback receiver got %d deliveries", len(inner.got))
	}
}

func awaitDelivery(t *testing.T, hooks webhooks.Store, tenant, sub, status string) webhooks.Delivery {
	t.Helper()
	var last []webhooks.Delivery
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		last, _ = hooks.Deliveries(context.Background(), tenant, sub)
		if len(last) == 1 && last[0].Status == status {
			return last[0]
		}
	}
	t.Fatalf("no %s delivery to %s within 20s: %+v", status, sub, last)
	return webhooks.Delivery{}
}
