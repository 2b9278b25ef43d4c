//go:build unix

package extract_test

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time so far: what a read costs, unlike
// the wall clock, does not grow when other processes share the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
