package api_test

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

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/webhooks"
	"github.com/portcheck/portcheck/workers"
)

// receiver is a tenant's webhook endpoint on loopback: it verifies
// every delivery's signature as a real receiver must, and answers 503
// while it is "down".
type receiver struct {
	mu     sync.Mutex
	secret webhooks.Secret
	down   int // requests still to answer 503
	hits   int
	got    []webhooks.Event
	bad    []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.hits++
	if rc.down > 0 {
		rc.down--
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	if err := webhooks.Verify(rc.secret, r.Header.Get(webhooks.SignatureHeader), body, webhooks.DefaultTolerance, time.Now()); err != nil {
		rc.bad = append(rc.bad, err.Error())
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var e webhooks.Event
	if err := json.Unmarshal(body, &e); err != nil || r.Header.Get("Portcheck-Event-Id") != e.ID {
		rc.bad = append(rc.bad, "body: "+string(body))
	}
	rc.got = append(rc.got, e)
}

// await returns the first event of typ for the order the receiver
// verified, waiting for it.
func (rc *receiver) await(t *testing.T, typ, orderID string) webhooks.Event {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		rc.mu.Lock()
		for _, e := range rc.got {
			if e.Type == typ && e.OrderID == orderID {
				rc.mu.Unlock()
				return e
			}
		}
		rc.mu.Unlock()
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	t.Fatalf("no %s for %s within 30s; received %+v, refused %q", typ, orderID, rc.got, rc.bad)
	return webhooks.Event{}
}

// countAfter is how many events of typ for the order arrived, once
// want have or 10s passed: each event is a task of its own, in no
// order.
func (rc *receiver) countAfter(typ, orderID string, want int) int {
	n := rc.count(typ, orderID)
	for deadline := time.Now().Add(10 * time.Second); n < want && time.Now().Before(deadline); n = rc.count(typ, orderID) {
		time.Sleep(50 * time.Millisecond)
	}
	return n
}

func (rc *receiver) count(typ, orderID string) int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	n := 0
	for _, e := range rc.got {
		if e.Type == typ && e.OrderID == orderID {
			n++
		}
	}
	return n
}

// startHookService runs the API and a worker with webhooks on Redis
// and S3 ("redis": skipped without them unless
// PORTCHECK_REQUIRE_SERVICES=1) or, as `portcheck serve` does without
// Redis, on an in-process queue and a folder ("embedded"). Backoff and
// the retry poll are short, so the test waits milliseconds, not minutes.
func startHookService(t *testing.T, mode string) (*service, records.Records) {
	return startHookServiceLogging(t, mode, io.Discard)
}

func startHookServiceLogging(t *testing.T, mode string, logs io.Writer) (*service, records.Records) {
	t.Helper()
	var redisAddr string
	var st storage.Store
	switch mode {
	case "embedded":
		mr := miniredis.RunT(t)
		redisAddr = mr.Addr()
		fs, err := storage.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		st = fs
	case "redis":
		redisAddr = testservers.StartRedis(t).Addr
		srv := testservers.StartS3(t)
		s3, err := storage.NewS3(context.Background(), storage.S3Config{Bucket: "portcheck", Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: storage.Secret(srv.SecretKey)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s3.CreateBucket(context.Background()); err != nil {
			t.Fatal(err)
		}
		st = s3
	}
	keys, _ := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n" + keyB + " loc_b\n"))
	redis := asynq.RedisClientOpt{Addr: redisAddr}
	queue := asynq.NewClient(redis)
	t.Cleanup(func() { queue.Close() })
	recs, log := records.Records{Store: st}, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := api.Handler(api.Config{Records: recs, Queue: queue, Keys: keys, Log: log, Metrics: workers.NewMetrics()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	worker := workers.NewServer(redis, workers.Config{Concurrency: 2, ShutdownTimeout: 5 * time.Second, RetryBase: 200 * time.Millisecond,
		WebhookRetryBase: 50 * time.Millisecond, PollInterval: 100 * time.Millisecond}, log)
	checker := workers.Checker{Records: recs, Pipeline: pipeline.Config{OCR: ocr.Process{}}, Metrics: workers.NewMetrics(),
		Events: &workers.Events{Queue: queue, BaseURL: srv.URL, Log: log}}
	mux := workers.NewMux(checker, log)
	workers.Webhooks{Store: webhooks.Store{Store: st}, Queue: queue, Sender: webhooks.Sender{Timeout: 2 * time.Second}, MaxAttempts: 5}.Register(mux)
	if err := worker.Start(mux); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(worker.Shutdown)
	return &service{url: srv.URL, store: st, queue: queue}, recs
}

// TestWebhooks: a tenant registers an endpoint; a check through the API
// is told as order.checked, signed, even though the endpoint is down
// for the first attempts; a re-check that changes the verdict is told
// as order.verdict_changed; the deliveries list shows the attempts; and
// no other tenant sees or reaches any of it.
func TestWebhooks(t *testing.T) {
	for _, mode := range []string{"embedded", "redis"} {
		t.Run(mode, func(t *testing.T) {
			logs := &logBuffer{}
			s, recs := startHookServiceLogging(t, mode, logs)
			rc := &receiver{down: 2}
			hook := httptest.NewServer(rc)
			defer hook.Close()
			id := registerHook(t, s, rc, hook.URL+"/portcheck", webhooks.Types)

			s.submit(t, keyA, "../testdata/orders/clean")
			if code, out := s.do(t, keyA, "POST", "/v1/orders/clean/check?as_of="+asOf, nil); code != http.StatusAccepted {
				t.Fatalf("check: %d %s", code, out)
			}
			checked := rc.await(t, webhooks.OrderChecked, "clean")
			if checked.Verdict == nil || *checked.Verdict != "pass" || checked.ReportURL == nil || *checked.ReportURL != s.url+"/v1/orders/clean/report" {
				t.Errorf("order.checked = %s", checked.Body())
			}
			if code, _ := s.do(t, keyA, "GET", strings.TrimPrefix(*checked.ReportURL, s.url), nil); code != http.StatusOK {
				t.Errorf("report_url answers %d", code)
			}
			d := awaitDelivery(t, s, id, checked.ID, webhooks.Delivered)
			if d["attempts"] != 3.0 || d["last_status_code"] != 200.0 || d["last_error"] != nil || d["delivered_at"] == nil {
				t.Errorf("delivery after two 503s: %v; want 3 attempts, the last a 200", d)
			}

			// A re-validation a week on: the bill ages, pass becomes warn.
			if code, out := s.do(t, keyA, "POST", "/v1/orders/clean/check?as_of=2026-11-30", nil); code != http.StatusAccepted {
				t.Fatalf("re-check: %d %s", code, out)
			}
			changed := rc.await(t, webhooks.OrderVerdictChanged, "clean")
			if changed.Verdict == nil || *changed.Verdict != "warn" || changed.PreviousVerdict != "pass" {
				t.Errorf("order.verdict_changed = %s", changed.Body())
			}
			awaitDelivery(t, s, id, changed.ID, webhooks.Delivered)
			if n := rc.countAfter(webhooks.OrderChecked, "clean", 2); n != 2 {
				t.Errorf("%d order.checked events for two checks", n)
			}
			if n := rc.count(webhooks.OrderVerdictChanged, "clean"); n != 1 {
				t.Errorf("%d order.verdict_changed events, want 1 (none on the first check)", n)
			}

			// The nightly re-validation, in a batch: months on, the bill
			// is too old, and that change is told too.
			if _, err := workers.Revalidate(context.Background(), recs, s.queue, workers.Filter{Tenant: "loc_7f3a", AsOf: "2027-03-01"}, nil); err != nil {
				t.Fatalf("revalidate: %v", err)
			}
			if n := rc.countAfter(webhooks.OrderVerdictChanged, "clean", 2); n != 2 {
				t.Fatalf("%d order.verdict_changed events after a re-validation that rejects, want 2", n)
			}
			rc.mu.Lock()
			var last webhooks.Event
			for _, e := range rc.got {
				if e.Type == webhooks.OrderVerdictChanged {
					last = e
				}
			}
			rc.mu.Unlock()
			if last.Verdict == nil || *last.Verdict != "reject" || last.PreviousVerdict != "warn" {
				t.Errorf("the re-validation's order.verdict_changed = %s", last.Body())
			}
			rc.mu.Lock()
			if len(rc.bad) > 0 {
				t.Errorf("deliveries that failed verification: %q", rc.bad)
			}
			rc.mu.Unlock()

			// Another tenant: 404 for all of it, and its own list empty.
			for _, path := range []string{"/v1/webhooks/" + id, "/v1/webhooks/" + id + "/deliveries"} {
				if code, out := s.do(t, keyB, "GET", path, nil); code != http.StatusNotFound || !strings.Contains(string(out), `"not_found"`) {
					t.Errorf("tenant B GET %s: %d %s", path, code, out)
				}
			}
			if code, _ := s.do(t, keyB, "DELETE", "/v1/webhooks/"+id, nil); code != http.StatusNotFound {
				t.Errorf("tenant B DELETE: %d", code)
			}
			if _, out := s.do(t, keyB, "GET", "/v1/webhooks", nil); !strings.Contains(string(out), `"webhooks": []`) {
				t.Errorf("tenant B lists %s", out)
			}
			if code, _ := s.do(t, keyA, "DELETE", "/v1/webhooks/"+id, nil); code != http.StatusNoContent {
				t.Errorf("DELETE: %d", code)
			}
			if code, _ := s.do(t, keyA, "GET", "/v1/webhooks/"+id, nil); code != http.StatusNotFound {
				t.Errorf("GET after DELETE: %d", code)
			}
			if !strings.Contains(logs.String(), "webhook:deliver") {
				t.Errorf("no delivery was logged: %s", logs.String())
			}
			if strings.Contains(logs.String(), rc.secret.Reveal()[6:]) {
				t.Error("the webhook secret reached the logs")
			}
		})
	}
}

// registerHook subscribes the receiver and checks what the answers
// show: the secret once, at creation, never after.
func registerHook(t *testing.T, s *service, rc *receiver, url string, events []string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"url": url, "events": events})
	code, out := s.do(t, keyA, "POST", "/v1/webhooks", body)
	var created struct{ ID, URL, Secret string }
	if err := json.Unmarshal(out, &created); err != nil || code != http.StatusCreated || created.URL != url || !strings.HasPrefix(created.Secret, "whsec_") {
		t.Fatalf("POST /v1/webhooks: %d %s", code, out)
	}
	rc.mu.Lock()
	rc.secret = webhooks.Secret(created.Secret)
	rc.mu.Unlock()
	for _, path := range []string{"/v1/webhooks", "/v1/webhooks/" + created.ID} {
		code, out := s.do(t, keyA, "GET", path, nil)
		if code != http.StatusOK || !strings.Contains(string(out), created.ID) || strings.Contains(string(out), created.Secret) || strings.Contains(string(out), "secret") {
			t.Errorf("GET %s: %d %s", path, code, out)
		}
	}
	return created.ID
}

func awaitDelivery(t *testing.T, s *service, hook, event, status string) map[string]any {
	t.Helper()
	var last []byte
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		_, out := s.do(t, keyA, "GET", "/v1/webhooks/"+hook+"/deliveries", nil)
		last = out
		var list struct{ Deliveries []map[string]any }
		json.Unmarshal(out, &list)
		for _, d := range list.Deliveries {
			if d["event_id"] == event && d["status"] == status {
				return d
			}
		}
	}
	t.Fatalf("delivery of %s not %s within 30s: %s", event, status, last)
	return nil
}

// TestWebhookRefusals: a bad subscription is refused with 400 naming
// the field; a webhook id that is no webhook is 404.
func TestWebhookRefusals(t *testing.T) {
	s, _ := startHookService(t, "embedded")
	tests := []struct {
		name, method, path, body string
		want                     int
		field                    string // the message starts with it
	}{
		{"ftp url", "POST", "/v1/webhooks", `{"url":"ftp://example.com/x","events":["order.checked"]}`, 400, "url: "},
		{"relative url", "POST", "/v1/webhooks", `{"url":"/hook","events":["order.checked"]}`, 400, "url: "},
		{"no url", "POST", "/v1/webhooks", `{"events":["order.checked"]}`, 400, "url: "},
		{"no events", "POST", "/v1/webhooks", `{"url":"https://example.com/x","events":[]}`, 400, "events: "},
		{"unknown event", "POST", "/v1/webhooks", `{"url":"https://example.com/x","events":["order.ported"]}`, 400, "events: "},
		{"unknown field", "POST", "/v1/webhooks", `{"url":"https://example.com/x","events":["order.checked"],"secret":"mine"}`, 400, "body: "},
		{"not JSON", "POST", "/v1/webhooks", `url=https://example.com`, 400, "body: "},
		{"no such webhook", "GET", "/v1/webhooks/wh_0000000000000000", ``, 404, "no such webhook"},
		{"not a webhook id", "GET", "/v1/webhooks/..%2F..%2Forders/deliveries", ``, 404, "no such webhook"},
		{"delete no such webhook", "DELETE", "/v1/webhooks/wh_0000000000000000", ``, 404, "no such webhook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := s.do(t, keyA, tt.method, tt.path, []byte(tt.body))
			var e struct {
				Error struct{ Code, Message string }
			}
			json.Unmarshal(out, &e)
			if code != tt.want || !strings.HasPrefix(e.Error.Message, tt.field) {
				t.Errorf("%d %s; want %d with a message starting %q", code, out, tt.want, tt.field)
			}
		})
	}
	if code, _ := s.do(t, "", "GET", "/v1/webhooks", nil); code != http.StatusUnauthorized {
		t.Errorf("no key: %d", code)
	}
	// A tenant's subscriptions are bounded: the one past the bound is 409.
	body := []byte(`{"url":"https://example.com/x","events":["order.checked"]}`)
	for i := range webhooks.MaxSubscriptions + 1 {
		code, out := s.do(t, keyA, "POST", "/v1/webhooks", body)
		if want := map[bool]int{true: http.StatusCreated, false: http.StatusConflict}[i < webhooks.MaxSubscriptions]; code != want {
			t.Fatalf("webhook %d: %d %s, want %d", i+1, code, out, want)
		}
	}
}

// TestRotateWebhookSecret: a rotation answers the new secret once; the
// subscription then says until when the previous one also signs; a
// bad grace is 400 naming it; another tenant's webhook is 404.
func TestRotateWebhookSecret(t *testing.T) {
	s := startEmbedded(t)
	code, _, out := s.call(t, keyA, "POST", "/v1/webhooks", []byte(`{"url":"http://127.0.0.1:9/hook","events":["order.checked"]}`))
	var created map[string]any
	if code != http.StatusCreated || json.Unmarshal(out, &created) != nil {
		t.Fatalf("create: %d %s", code, out)
	}
	id := created["id"].(string)
	code, _, out = s.call(t, keyA, "POST", "/v1/webhooks/"+id+"/rotate-secret", []byte(`{"grace_seconds":3600}`))
	var rotated map[string]any
	if code != http.StatusOK || json.Unmarshal(out, &rotated) != nil {
		t.Fatalf("rotate: %d %s", code, out)
	}
	if rotated["secret"] == nil || rotated["secret"] == created["secret"] || rotated["previous_secret_expires_at"] == nil {
		t.Errorf("rotate answered %s; want a new secret and when the old one ends", out)
	}
	code, _, out = s.call(t, keyA, "GET", "/v1/webhooks/"+id, nil)
	if code != http.StatusOK || strings.Contains(string(out), `"secret"`) || !strings.Contains(string(out), `"previous_secret_expires_at"`) {
		t.Errorf("GET after a rotation: %d %s", code, out)
	}
	run(t, s, []exchange{
		{"a grace over a week", keyA, "POST", "/v1/webhooks/" + id + "/rotate-secret", `{"grace_seconds":604801}`, nil, 400, "invalid_webhook", "grace_seconds"},
		{"an unknown field", keyA, "POST", "/v1/webhooks/" + id + "/rotate-secret", `{"grace":1}`, nil, 400, "invalid_webhook", "grace"},
		{"no body: a day's grace", keyA, "POST", "/v1/webhooks/" + id + "/rotate-secret", ``, nil, 200, "", `"previous_secret_expires_at"`},
		{"another tenant's webhook", keyB, "POST", "/v1/webhooks/" + id + "/rotate-secret", ``, nil, 404, "not_found", ""},
		{"no such webhook", keyA, "POST", "/v1/webhooks/wh_0000000000000000/rotate-secret", ``, nil, 404, "not_found", ""},
	})
}
