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

// TestTuneGCForOrders: a check of many orders collects again, so its
// heap is not left to grow to the memory limit; one order keeps it off.
func TestTuneGCForOrders(t *testing.T) {
	t.Setenv("GOGC", "")
	tests := []struct {
		name   string
		orders int
		want   int
	}{
		{"one order", 1, oneCheckGCPercent},
		{"many orders", 59, checkGCPercent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer debug.SetGCPercent(debug.SetGCPercent(100))
			tuneGC([]string{"check"})
			tuneGCForOrders(tt.orders)
			if got := debug.SetGCPercent(100); got != tt.want {
				t.Errorf("GC percent %d, want %d", got, tt.want)
			}
		})
	}
}
