package workers

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"
)

// Metrics counts tasks and findings, in Prometheus text format. Labels
// are task types and finding codes: never a value from an order.
type Metrics struct {
	mu        sync.Mutex
	processed map[string]int
	failed    map[string]int
	seconds   map[string]float64
	findings  map[string]int
	extracted map[string]int
	extractS  map[string]float64
}

// NewMetrics returns empty counters.
func NewMetrics() *Metrics {
	return &Metrics{processed: map[string]int{}, failed: map[string]int{}, seconds: map[string]float64{}, findings: map[string]int{},
		extracted: map[string]int{}, extractS: map[string]float64{}}
}

// Task counts one task.
func (m *Metrics) Task(typ string, err error, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.processed[typ]++
	m.seconds[typ] += d.Seconds()
	if err != nil {
		m.failed[typ]++
	}
}

// Extraction counts one document read, by text source.
func (m *Metrics) Extraction(source string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.extracted[source]++
	m.extractS[source] += d.Seconds()
}

// Finding counts one finding of a report.
func (m *Metrics) Finding(code string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.findings[code]++
}

// Write prints the counters in Prometheus text format.
func (m *Metrics) Write(w io.Writer) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	write := func(name, help, label string, v map[string]float64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
		for _, k := range slices.Sorted(maps.Keys(v)) {
			fmt.Fprintf(w, "%s{%s=%q} %g\n", name, label, k, v[k])
		}
	}
	write("portcheck_tasks_processed_total", "Tasks processed, by type.", "type", floats(m.processed))
	write("portcheck_tasks_failed_total", "Tasks that failed, by type.", "type", floats(m.failed))
	write("portcheck_task_seconds_total", "Time spent in tasks, by type.", "type", m.seconds)
	write("portcheck_findings_total", "Findings in stored reports, by code.", "code", floats(m.findings))
	write("portcheck_documents_read_total", "Documents read, by text source.", "source", floats(m.extracted))
	write("portcheck_document_read_seconds_total", "Time reading documents, by text source.", "source", m.extractS)
	return nil
}

func floats(m map[string]int) map[string]float64 {
	out := make(map[string]float64, len(m))
	for k, v := range m {
		out[k] = float64(v)
	}
	return out
}
