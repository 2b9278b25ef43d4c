package extract

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestContentBounds: a content stream past a bound of the interpreter is
// unreadable, with the bound in the reason, rather than read in
// gigabytes or minutes.
func TestContentBounds(t *testing.T) {
	tests := []struct {
		name, file string
		wantKind   error
		wantReason string
	}{
		{"operands with no operator", "operands-no-operator.pdf", ErrCorrupt, "more than 100000 operands before an operator"},
		{"arrays nested 10 million deep", "nested-arrays.pdf", ErrCorrupt, "nested more than 32 deep"},
		{"forms drawing forms 8 deep", "forms-8-deep.pdf", ErrCorrupt, "draws more than 20000 forms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(context.Background(), tt.file, readFixture(t, tt.file), Limits{Timeout: 20 * time.Second})
			checkErr(t, err, tt.wantKind, "")
			var ue *UnreadableError
			if errors.As(err, &ue) && !strings.Contains(ue.Reason, tt.wantReason) {
				t.Errorf("reason %q, want it to say %q", ue.Reason, tt.wantReason)
			}
		})
	}
}

// TestWalkStopsAtTimeout: the goroutine guard abandons at the time bound
// stops itself at its next operator instead of reading on.
func TestWalkStopsAtTimeout(t *testing.T) {
	// 20 million operators, each cheap: seconds of walking past a 50 ms bound.
	data := rawPDF("/MediaBox [0 0 612 792]", deflate([]byte(strings.Repeat("q Q ", 20_000_000))), "/FlateDecode")
	before := runtime.NumGoroutine()
	_, err := Extract(context.Background(), "slow.pdf", data, Limits{Timeout: 50 * time.Millisecond})
	checkErr(t, err, ErrTimeout, "")
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines still running 2 s after the time bound, %d before", n, before)
	}
}
