package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Floors of the real-corpus scoreboard, set from the measured figures
// (README): a change that reads worse fails here.
const (
	realPrecisionFloor = 0.97
	realRecallFloor    = 0.90
)

// realCorpus finds ../shared/corpus/real: it is read in place, never
// copied into the repository (its licences and personal data).
func realCorpus(t *testing.T) string {
	t.Helper()
	return sharedFolder(t, "the real corpus", "PORTCHECK_CORPUS", "corpus/real", "SOURCES.md")
}

// sharedFolder finds a folder of ../shared (from $env, beside the
// repository, or under /work) by a file it holds; missing, it skips the
// test, or fails it under PORTCHECK_REQUIRE_SERVICES=1.
func sharedFolder(t *testing.T, what, env, rel, marker string) string {
	t.Helper()
	candidates := []string{os.Getenv(env), filepath.Join("../../../shared", rel), filepath.Join("/work/shared", rel)}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(c, marker)); err == nil {
			return c
		}
	}
	if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
		t.Fatalf("%s is required (PORTCHECK_REQUIRE_SERVICES=1): set %s; tried %q", what, env, candidates)
	}
	t.Skipf("%s (../shared/%s) is not on this machine", what, rel)
	return ""
}

// TestRealCorpusScore runs the scoreboard as CI's users would and fails
// under the floors. It prints the tables, never the misses: their
// values are real people's names and addresses.
func TestRealCorpusScore(t *testing.T) {
	requireTesseract(t)
	dir := realCorpus(t)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"corpus", "score", dir, "--labels", "../../testdata/corpus/real", "--misses", "0",
		"--min-precision", fmt.Sprint(realPrecisionFloor), "--min-recall", fmt.Sprint(realRecallFloor)}, &out, &errOut)
	t.Logf("\n%s", out.String())
	if code != exitOK {
		t.Fatalf("corpus score exited %d: %s", code, errOut.String())
	}
}

// Floors of the reference-orders scoreboard (../shared/reference), set
// from the measured figures (README: text 1.000 / 0.000 / 1.000, scanned
// 1.000 / 0.000 / 1.000): text-layer and scanned orders apart, as the
// set's README scores them; one verdict may flip on the text side, two
// of the 20 scanned ones (OCR of a page can change with the Tesseract
// build), and a scanned recall of 0.95 holds all 15 of its faults.
var referenceFloors = []string{
	"--min-text-recall", "0.99", "--max-text-false", "0.01", "--min-text-agreement", "0.97",
	"--min-scanned-recall", "0.95", "--max-scanned-false", "0.01", "--min-scanned-agreement", "0.90",
}

// referenceSet finds ../shared/reference, read in place like the real
// corpus.
func referenceSet(t *testing.T) string {
	t.Helper()
	return sharedFolder(t, "the reference set", "PORTCHECK_REFERENCE", "reference", "expected.json")
}

// TestReferenceOrders checks every reference order as `portcheck corpus
// orders` does and fails under the floors. The misses it prints name
// only made-up people and numbers of the fictional 555-01xx range.
func TestReferenceOrders(t *testing.T) {
	requireTesseract(t)
	dir := referenceSet(t)
	var out, errOut bytes.Buffer
	args := append([]string{"corpus", "orders", dir, "--misses", "5"}, referenceFloors...)
	code := run(context.Background(), args, &out, &errOut)
	t.Logf("\n%s", out.String())
	if code != exitOK {
		t.Fatalf("corpus orders exited %d: %s", code, errOut.String())
	}
}
