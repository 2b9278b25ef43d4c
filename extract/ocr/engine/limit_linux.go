package engine

import (
	"fmt"
	"syscall"
)

// limitMemory caps the process's data (RLIMIT_DATA): since Linux 4.7 it
// counts every private writable mapping, so Tesseract's allocations and
// Go's heap both fail past it, where RLIMIT_AS would also count the
// address space Go and glibc only reserve.
func limitMemory(n int64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &lim); err != nil {
		return fmt.Errorf("limit memory: %w", err)
	}
	lim.Cur = min(uint64(n), lim.Max) // a lower hard limit set above us stays
	lim.Max = lim.Cur
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &lim); err != nil {
		return fmt.Errorf("limit memory to %d bytes: %w", n, err)
	}
	return nil
}
