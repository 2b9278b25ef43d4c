package workers

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"
)

// Metrics are the service's Prometheus metrics, on a registry of their
// own so that tests and several servers in one process never collide.
// Labels are task types, text sources, finding codes, queue names and
// route patterns: never a value from an order. A nil *Metrics counts
// nothing.
type Metrics struct {
	reg       *prometheus.Registry
	tasks     *prometheus.HistogramVec
	reads     *prometheus.HistogramVec
	findings  *prometheus.CounterVec
	http      *prometheus.HistogramVec
	inspector *asynq.Inspector
}

// Buckets from 10 ms to about 5 minutes: a text-layer bill reads in
// milliseconds, a scanned LOA in tens of seconds, and a task times out
// at five minutes.
var durationBuckets = prometheus.ExponentialBuckets(0.01, 2.5, 12)

// NewMetrics returns a registry with the service's metrics and Go's
// process metrics, all at zero.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		tasks: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "portcheck_task_duration_seconds", Help: "Time a task took (for order:check, a whole check), by type and result (ok, error).",
			Buckets: durationBuckets,
		}, []string{"type", "result"}),
		reads: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "portcheck_document_read_duration_seconds", Help: "Time reading one document, by where its text came from (text-layer, ocr).",
			Buckets: durationBuckets,
		}, []string{"source"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portcheck_findings_total", Help: "Findings in stored reports, by code.",
		}, []string{"code"}),
		http: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "portcheck_http_request_duration_seconds", Help: "HTTP requests and their time, by method, route pattern and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route", "status"}),
	}
	m.reg.MustRegister(m.tasks, m.reads, m.findings, m.http,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Task counts one task.
func (m *Metrics) Task(typ string, err error, d time.Duration) {
	if m == nil {
		return
	}
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.tasks.WithLabelValues(typ, result).Observe(d.Seconds())
}

// Extraction counts one document read, by text source.
func (m *Metrics) Extraction(source string, d time.Duration) {
	if m == nil {
		return
	}
	m.reads.WithLabelValues(source).Observe(d.Seconds())
}

// Finding counts one finding of a report.
func (m *Metrics) Finding(code string) {
	if m == nil {
		return
	}
	m.findings.WithLabelValues(code).Inc()
}

// Request counts one HTTP request. route is the pattern that matched
// ("/v1/orders/{id}"), never the path, which holds order ids.
func (m *Metrics) Request(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.http.WithLabelValues(method, route, strconv.Itoa(status)).Observe(d.Seconds())
}

// WatchQueues adds the asynq queues' depth and latency, read from Redis
// at each scrape. Call it once.
func (m *Metrics) WatchQueues(redis asynq.RedisConnOpt, log *slog.Logger) {
	if m == nil {
		return
	}
	m.inspector = asynq.NewInspector(redis)
	m.reg.MustRegister(queueCollector{inspector: m.inspector, log: log})
}

// Close releases the queue inspector's connection.
func (m *Metrics) Close() error {
	if m == nil || m.inspector == nil {
		return nil
	}
	return m.inspector.Close()
}

// Handler serves the metrics to Prometheus.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Write prints the metrics in Prometheus text format.
func (m *Metrics) Write(w io.Writer) error {
	if m == nil {
		return nil
	}
	mfs, err := m.reg.Gather()
	if err != nil {
		return err
	}
	enc := expfmt.NewEncoder(w, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			return err
		}
	}
	return nil
}

var (
	queueSize = prometheus.NewDesc("portcheck_queue_tasks", "Tasks in an asynq queue, by state (pending, active, scheduled, retry, archived).",
		[]string{"queue", "state"}, nil)
	queueLatency = prometheus.NewDesc("portcheck_queue_latency_seconds", "How long the oldest pending task of a queue has waited.",
		[]string{"queue"}, nil)
	queueUp = prometheus.NewDesc("portcheck_queue_up", "1 if the queues could be read from Redis at this scrape, else 0.", nil, nil)
)

// queueCollector reads the queues through asynq's Inspector at scrape
// time, so every process that serves metrics shows the same queues.
type queueCollector struct {
	inspector *asynq.Inspector
	log       *slog.Logger
}

func (c queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- queueSize
	ch <- queueLatency
	ch <- queueUp
}

func (c queueCollector) Collect(ch chan<- prometheus.Metric) {
	known, err := c.inspector.Queues()
	if err != nil {
		c.log.Warn("metrics: reading the queues", "error", err.Error())
		ch <- prometheus.MustNewConstMetric(queueUp, prometheus.GaugeValue, 0)
		return
	}
	for q := range Queues {
		info := &asynq.QueueInfo{} // a queue nothing was ever put on
		if slices.Contains(known, q) {
			if info, err = c.inspector.GetQueueInfo(q); err != nil {
				c.log.Warn("metrics: reading a queue", "queue", q, "error", err.Error())
				ch <- prometheus.MustNewConstMetric(queueUp, prometheus.GaugeValue, 0)
				return
			}
		}
		for state, n := range map[string]int{"pending": info.Pending, "active": info.Active, "scheduled": info.Scheduled, "retry": info.Retry, "archived": info.Archived} {
			ch <- prometheus.MustNewConstMetric(queueSize, prometheus.GaugeValue, float64(n), q, state)
		}
		ch <- prometheus.MustNewConstMetric(queueLatency, prometheus.GaugeValue, info.Latency.Seconds(), q)
	}
	ch <- prometheus.MustNewConstMetric(queueUp, prometheus.GaugeValue, 1)
}

// ServeMetrics serves /metrics on addr (a worker's --metrics-listen)
// until stop is called; it returns once the address is listened on,
// with the address bound (addr may name port 0).
func ServeMetrics(addr string, m *Metrics, log *slog.Logger) (bound string, stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "error", err.Error())
		}
	}()
	log.Info("serving metrics", "listen", ln.Addr().String())
	return ln.Addr().String(), func() { hs.Close() }, nil
}
