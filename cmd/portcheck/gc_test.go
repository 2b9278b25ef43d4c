package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: the commands that check and exit get their collector
// target and checkMemoryLimit; servers and workers keep the defaults.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tests := []struct {
		name        string
		args        []string
		wantPercent int
		wantLimit   int64
	}{
		{"check", []string{"check", "order.json"}, oneCheckGCPercent, checkMemoryLimit},
		{"corpus", []string{"corpus", "orders"}, checkGCPercent, checkMemoryLimit},
		{"worker keeps the default", []string{"worker"}, 100, math.MaxInt64},
		{"no command", nil, 100, math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
			tuneGC(tt.args)
			if got := debug.SetGCPercent(100); got != tt.wantPercent {
				t.Errorf("GC percent %d, want %d", got, tt.wantPercent)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.wantLimit {
				t.Errorf("memory limit %d, want %d", got, tt.wantLimit)
			}
		})
	}
}
