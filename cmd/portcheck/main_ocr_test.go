package main

import (
	"context"
	"os"
	"testing"

	"github.com/portcheck/portcheck/extract/ocr/engine"
)

// TestMain lets this test binary serve as its own OCR child process, and
// as the portcheck command for tests that run it in a child process of
// its own (PORTCHECK_TEST_CLI=1: the arguments are the command line).
func TestMain(m *testing.M) {
	engine.ServeIfChild()
	if os.Getenv("PORTCHECK_TEST_CLI") == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
