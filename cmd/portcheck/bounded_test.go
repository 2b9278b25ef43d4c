package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Bounds every hostile document must be read within (issue 12).
const (
	hostileTime = 20 * time.Second
	hostileRSS  = 1 << 30 // bytes, for the process and each of its children
)

// TestHostileFilesBounded runs `portcheck check` in a child process on
// an order of each file of extract/testdata/hostile (a file added there
// is picked up): each must end within 20 s with a report, no crash, and
// a peak resident memory of at most 1 GiB. The peak is wait4's ru_maxrss,
// which Linux takes over the child and every descendant it waited for
// (its OCR children), and is printed for each file.
func TestHostileFilesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every hostile file through a child process")
	}
	files, err := filepath.Glob("../../extract/testdata/hostile/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			dir := t.TempDir()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "bill"), data, 0o644)
			writeFolderOrder(t, dir, "bill")
			ctx, cancel := context.WithTimeout(context.Background(), 2*hostileTime)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "check", dir, "--as-of", asOf, "--format", "json")
			cmd.Env = append(os.Environ(), "PORTCHECK_TEST_CLI=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err = cmd.Run()
			took := time.Since(start)
			var rss int64
			if cmd.ProcessState != nil {
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					rss = ru.Maxrss << 10 // KiB on Linux
				}
			}
			t.Logf("%s: %s, peak RSS %.0f MiB, exit %v", filepath.Base(file), took.Round(time.Millisecond), float64(rss)/(1<<20), cmd.ProcessState.ExitCode())
			if took > hostileTime {
				t.Errorf("took %s, over %s", took.Round(time.Millisecond), hostileTime)
			}
			if rss > hostileRSS {
				t.Errorf("peak RSS %d MiB, over %d MiB", rss>>20, hostileRSS>>20)
			}
			if code := cmd.ProcessState.ExitCode(); code != exitOK && code != exitReject {
				t.Errorf("exit %d (%v): %s", code, err, lastLines(stderr.String()))
			}
			if !strings.Contains(stdout.String(), `"findings"`) {
				t.Errorf("no report: %s", lastLines(stderr.String()))
			}
		})
	}
}

func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return fmt.Sprint(lines[max(0, len(lines)-5):])
}
