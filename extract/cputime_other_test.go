//go:build !unix

package extract_test

import "time"

var start = time.Now()

// cpuTime falls back to the wall clock where getrusage is not.
func cpuTime() time.Duration { return time.Since(start) }
