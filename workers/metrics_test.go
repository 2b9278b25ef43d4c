package workers

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/internal/testservers"
)

func metricsText(t *testing.T, m *Metrics) string {
	t.Helper()
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestMetricsText(t *testing.T) {
	m := NewMetrics()
	m.Task(TypeCheck, nil, time.Second)
	m.Task(TypeCheck, errors.New("store down"), 3*time.Second)
	m.Extraction("ocr", 2*time.Second)
	m.Extraction("text-layer", 20*time.Millisecond)
	m.Finding("NAME_MISMATCH")
	m.Request("GET", "/v1/orders/{id}", 404, time.Millisecond)
	got := metricsText(t, m)
	for _, want := range []string{
		`portcheck_task_duration_seconds_count{result="ok",type="order:check"} 1`,
		`portcheck_task_duration_seconds_sum{result="error",type="order:check"} 3`,
		`portcheck_document_read_duration_seconds_sum{source="ocr"} 2`,
		`portcheck_document_read_duration_seconds_count{source="text-layer"} 1`,
		`portcheck_findings_total{code="NAME_MISMATCH"} 1`,
		`portcheck_http_request_duration_seconds_count{method="GET",route="/v1/orders/{id}",status="404"} 1`,
		"# TYPE portcheck_task_duration_seconds histogram",
		"# TYPE portcheck_findings_total counter",
		"go_goroutines",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %q:\n%s", want, got)
		}
	}
}

// TestNilMetricsCountNothing: a Checker built without metrics (tests,
// tools) must not panic.
func TestNilMetricsCountNothing(t *testing.T) {
	var m *Metrics
	m.Task(TypeCheck, nil, time.Second)
	m.Extraction("ocr", time.Second)
	m.Finding("NAME_MISMATCH")
	m.Request("GET", "/healthz", 200, time.Second)
	if got := metricsText(t, m); got != "" {
		t.Errorf("nil metrics wrote %q", got)
	}
}

// TestQueueMetrics reads a real Redis's queues through asynq's
// Inspector: depth by state and latency, and queue_up 0 once Redis is
// gone rather than a failed scrape.
func TestQueueMetrics(t *testing.T) {
	rd := testservers.StartRedis(t)
	redis := asynq.RedisClientOpt{Addr: rd.Addr}
	m := NewMetrics()
	m.WatchQueues(redis, quietLog())
	t.Cleanup(func() { m.Close() })
	if got := metricsText(t, m); !strings.Contains(got, `portcheck_queue_tasks{queue="checks",state="pending"} 0`) || !strings.Contains(got, "portcheck_queue_up 1") {
		t.Errorf("empty queues not shown as zero:\n%s", got)
	}
	q := asynq.NewClient(redis)
	defer q.Close()
	for _, id := range []string{"a", "b"} {
		task, opts, err := NewCheckTask(CheckPayload{Tenant: "t", OrderID: id, Task: "check:" + id})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := q.Enqueue(task, opts...); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(1100 * time.Millisecond) // latency is counted in seconds
	got := metricsText(t, m)
	for _, want := range []string{
		`portcheck_queue_tasks{queue="checks",state="pending"} 2`,
		`portcheck_queue_tasks{queue="batch",state="pending"} 0`,
		"# TYPE portcheck_queue_latency_seconds gauge",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, `portcheck_queue_latency_seconds{queue="checks"} 0`+"\n") {
		t.Errorf("a task waiting a second shows no latency:\n%s", got)
	}
	rd.Stop()
	if got := metricsText(t, m); !strings.Contains(got, "portcheck_queue_up 0") {
		t.Errorf("Redis down, yet queue_up is not 0:\n%s", got)
	}
}

func TestServeMetrics(t *testing.T) {
	if _, _, err := ServeMetrics("no-such-host.invalid:1", NewMetrics(), quietLog()); err == nil {
		t.Error("an address that cannot be listened on was accepted")
	}
	m := NewMetrics()
	m.Finding("LOA_UNSIGNED")
	addr, stop, err := ServeMetrics("127.0.0.1:0", m, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `portcheck_findings_total{code="LOA_UNSIGNED"} 1`) {
		t.Errorf("GET /metrics: %d\n%s", resp.StatusCode, body)
	}
}
