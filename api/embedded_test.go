package api_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

// startEmbedded runs the service as `portcheck serve` does without
// Redis: an in-process queue (miniredis) and worker, documents in a
// folder. Nothing outside the process is needed.
func startEmbedded(t testing.TB) *service {
	t.Helper()
	mr := miniredis.RunT(t)
	st, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	keys, err := api.ParseKeys(strings.NewReader(keyA + " loc_7f3a\n" + keyB + " loc_b\n"))
	if err != nil {
		t.Fatal(err)
	}
	logs := &logBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	metrics := workers.NewMetrics()
	recs := records.Records{Store: st}
	queue := asynq.NewClient(asynq.RedisClientOpt{Addr: mr.Addr()})
	t.Cleanup(func() { queue.Close() })
	worker := workers.NewServer(asynq.RedisClientOpt{Addr: mr.Addr()}, workers.Config{Concurrency: 2, ShutdownTimeout: 5 * time.Second}, log)
	if err := worker.Start(workers.NewMux(workers.Checker{Records: recs, Pipeline: pipeline.Config{OCR: ocr.Process{}}, Metrics: metrics}, log)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(worker.Shutdown)
	h, err := api.Handler(api.Config{Records: recs, Queue: queue, Keys: keys, Log: log, Metrics: metrics})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &service{url: srv.URL, store: st, recs: recs, logs: logs, metrics: metrics}
}

// call is do with request headers, answering the response's headers too.
func (s *service) call(t testing.TB, key, method, path string, body []byte, header ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, out
}

// wait is the pause between two polls of an order's status.
func (s *service) wait() { time.Sleep(100 * time.Millisecond) }
