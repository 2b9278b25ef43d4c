package api_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/internal/testservers"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

// opsAPI is the API over store and queue with a JSON log in logs.
func opsAPI(t *testing.T, store storage.Store, queue workers.Enqueuer, logs *logBuffer) (*httptest.Server, *workers.Metrics) {
	t.Helper()
	keys, err := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := workers.NewMetrics()
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := api.Handler(api.Config{Records: records.Records{Store: store}, Queue: queue, Keys: keys, Log: log, Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, m
}

type readyAnswer struct {
	Status string
	Checks map[string]string
	Error  struct{ Code, Message string }
}

func getReady(t *testing.T, url string) (int, readyAnswer) {
	t.Helper()
	resp, err := http.Get(url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a readyAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, a
}

// TestReadyz: /readyz answers 200 with Redis and the store up, and 503
// in the error shape naming the part that is down: Redis stopped, the
// S3 server stopped, a bucket that does not exist, a refused secret.
func TestReadyz(t *testing.T) {
	s3srv := testservers.StartS3(t)
	rd := testservers.StartRedis(t)
	ctx := context.Background()
	openS3 := func(bucket, secret string) storage.Store {
		st, err := storage.NewS3(ctx, storage.S3Config{Bucket: bucket, Endpoint: s3srv.Endpoint, AccessKey: s3srv.AccessKey, SecretKey: storage.Secret(secret)})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	good := openS3("portcheck", s3srv.SecretKey)
	if err := good.(*storage.S3).CreateBucket(ctx); err != nil {
		t.Fatal(err)
	}
	queue := asynq.NewClient(asynq.RedisClientOpt{Addr: rd.Addr})
	t.Cleanup(func() { queue.Close() })
	deadQueue := asynq.NewClient(asynq.RedisClientOpt{Addr: "127.0.0.1:1"})
	t.Cleanup(func() { deadQueue.Close() })

	tests := []struct {
		name      string
		store     storage.Store
		queue     workers.Enqueuer
		stopS3    bool
		want      int
		down      string // the start of the error message
		checksBad []string
	}{
		{"all up", good, queue, false, http.StatusOK, "", nil},
		{"redis down", good, deadQueue, false, http.StatusServiceUnavailable, "redis: ", []string{"redis"}},
		{"missing bucket", openS3("no-such-bucket", s3srv.SecretKey), queue, false, http.StatusServiceUnavailable, "storage: s3: bucket no-such-bucket does not exist", []string{"storage"}},
		{"wrong credentials", openS3("portcheck", "wrong-secret"), queue, false, http.StatusServiceUnavailable, "storage: s3: bucket portcheck: the credentials are refused", []string{"storage"}},
		{"s3 server stopped", good, queue, true, http.StatusServiceUnavailable, "storage: s3: bucket portcheck: ", []string{"storage"}},
		{"both down", good, deadQueue, true, http.StatusServiceUnavailable, "redis: ", []string{"redis", "storage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := opsAPI(t, tt.store, tt.queue, &logBuffer{})
			if tt.stopS3 {
				s3srv.Stop()
				defer s3srv.Restart(t)
			}
			code, a := getReady(t, srv.URL)
			if code != tt.want {
				t.Errorf("status %d, want %d (%+v)", code, tt.want, a)
			}
			if tt.want == http.StatusOK {
				if diff := cmp.Diff(map[string]string{"redis": "ok", "storage": "ok"}, a.Checks); diff != "" || a.Status != "ready" {
					t.Errorf("ready answer %+v (-want +got):\n%s", a, diff)
				}
				return
			}
			if a.Error.Code != "not_ready" || !strings.HasPrefix(a.Error.Message, tt.down) {
				t.Errorf("error %+v, want not_ready starting %q", a.Error, tt.down)
			}
			for part, state := range a.Checks {
				bad := state != "ok"
				if want := slices.Contains(tt.checksBad, part); bad != want {
					t.Errorf("checks[%s] = %q, down %v, want down %v", part, state, bad, want)
				}
			}
			if strings.Contains(a.Error.Message, "wrong-secret") {
				t.Errorf("the secret is in the answer: %s", a.Error.Message)
			}
		})
	}
}

type accessLine struct {
	Level, Msg, Method, Route, Path string
	RequestID                       string  `json:"request_id"`
	Status                          int     `json:"status"`
	Seconds                         float64 `json:"duration_seconds"`
}

// accessLines are the logged requests.
func accessLines(t *testing.T, logs string) []accessLine {
	t.Helper()
	var out []accessLine
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var l accessLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("a log line is not JSON: %q", line)
		}
		if l.Msg == "request" {
			out = append(out, l)
		}
	}
	return out
}

// TestRequestIDAndAccessLog: a sane incoming X-Request-Id is kept, any
// other replaced by one made here; either is returned and logged with
// the route pattern, status and duration in seconds, and the request
// metrics count by pattern, never by the path that holds order ids.
func TestRequestIDAndAccessLog(t *testing.T) {
	st, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	srv, metrics := opsAPI(t, st, nil, logs)
	made := regexp.MustCompile(`^[0-9a-f]{32}$`)
	tests := []struct {
		name, path, sent string
		keep             bool
		route            string
		status           int
	}{
		{"sane id kept", "/v1/orders/ord-secret-42", "req-1234.abc:X", true, "/v1/orders/{id}", http.StatusNotFound},
		{"no id", "/healthz", "", false, "/healthz", http.StatusOK},
		{"spaces replaced", "/v1/orders", "two words", false, "/v1/orders", http.StatusOK},
		{"too long replaced", "/v1/orders", strings.Repeat("a", 129), false, "/v1/orders", http.StatusOK},
		{"unmatched route", "/nowhere", "", false, "unmatched", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("Authorization", "Bearer "+keyA)
			if tt.sent != "" {
				req.Header.Set("X-Request-Id", tt.sent)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			got := resp.Header.Get("X-Request-Id")
			if tt.keep && got != tt.sent || !tt.keep && !made.MatchString(got) {
				t.Errorf("X-Request-Id %q for %q sent (keep %v)", got, tt.sent, tt.keep)
			}
			lines := accessLines(t, logs.String())
			last := lines[len(lines)-1]
			want := accessLine{Level: last.Level, Msg: "request", Method: "GET", Route: tt.route, Path: tt.path, RequestID: got, Status: tt.status, Seconds: last.Seconds}
			if diff := cmp.Diff(want, last); diff != "" {
				t.Errorf("access line (-want +got):\n%s", diff)
			}
			if last.Seconds <= 0 || last.Seconds > 5 {
				t.Errorf("duration_seconds %g is not a request's time in seconds", last.Seconds)
			}
		})
	}
	var b strings.Builder
	metrics.Write(&b)
	if want := `portcheck_http_request_duration_seconds_count{method="GET",route="/v1/orders/{id}",status="404"} 1`; !strings.Contains(b.String(), want) {
		t.Errorf("metrics lack %s:\n%s", want, b.String())
	}
	if strings.Contains(b.String(), "ord-secret-42") {
		t.Error("an order id reached a metric label")
	}
}
