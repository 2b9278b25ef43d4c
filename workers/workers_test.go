package workers

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"
)

// TestCheckTaskIdentity: a check is named by order, version and as-of
// date, so a retried request is one task and a re-validation is another.
func TestCheckTaskIdentity(t *testing.T) {
	id := func(p CheckPayload, version int) string {
		t.Helper()
		_, opts, err := NewCheckTask(p, version)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range opts {
			if o.Type() == asynq.TaskIDOpt {
				return o.Value().(string)
			}
		}
		t.Fatal("no task id")
		return ""
	}
	p := CheckPayload{Tenant: "loc_a", OrderID: "o1"}
	later := CheckPayload{Tenant: "loc_a", OrderID: "o1", AsOf: "2026-11-30"}
	got := []bool{id(p, 3) == id(p, 3), id(p, 3) == id(p, 4), id(p, 3) == id(later, 3)}
	if diff := cmp.Diff([]bool{true, false, false}, got); diff != "" {
		t.Errorf("same / new version / new date (-want +got):\n%s", diff)
	}
}

func TestMetricsText(t *testing.T) {
	m := NewMetrics()
	m.Task(TypeCheck, nil, time.Second)
	m.Task(TypeCheck, errors.New("store down"), time.Second)
	m.Extraction("ocr", 2*time.Second)
	m.Finding("NAME_MISMATCH")
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`portcheck_tasks_processed_total{type="order:check"} 2`,
		`portcheck_tasks_failed_total{type="order:check"} 1`,
		`portcheck_document_read_seconds_total{source="ocr"} 2`,
		`portcheck_findings_total{code="NAME_MISMATCH"} 1`,
		"# TYPE portcheck_tasks_processed_total counter",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
}

func TestConfigValidate(t *testing.T) {
	if err := (Config{Concurrency: -1}).Validate(); err == nil {
		t.Error("negative concurrency accepted")
	}
	if err := (Config{}).Validate(); err != nil {
		t.Errorf("zero config (defaults) refused: %v", err)
	}
}
