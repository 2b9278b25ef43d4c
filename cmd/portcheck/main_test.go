package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/orders")

const asOf = "2026-11-23"

// sampleRoot lets the sample orders read the shared documents of
// testdata/docs and extract/testdata, outside each order's own folder.
const sampleRoot = "--root=../.."

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestGoldenReports checks every sample order in testdata/orders against
// its golden report; -update rewrites them after a reviewed change.
func TestGoldenReports(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/orders/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no sample orders: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, out, errOut := runCLI(t, "check", sampleRoot, dir, "--as-of", asOf, "--format", "json")
			if code == exitInvalid {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden := filepath.Join(dir, "report.golden.json")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("report differs from %s (-want +got):\n%s", golden, diff)
			}
			wantCode := exitOK
			if strings.Contains(out, `"verdict": "reject"`) {
				wantCode = exitReject
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
		})
	}
}

func writeOrder(t *testing.T, body string, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "order.json"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("%PDF-1.4\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "order.json")
}

const minimal = `{"id":"o1","account_name":"Acme","service_address":{"line1":"1 Main St","city":"Springfield","state":"IL","postal_code":"62702"},"numbers":[{"number":"+12175550100"}]%s}`

func TestInvalidInvocations(t *testing.T) {
	tests := []struct {
		name       string
		args       func(t *testing.T) []string
		wantStderr string
	}{
		{"no command", func(t *testing.T) []string { return nil }, "usage: portcheck"},
		{"unknown command", func(t *testing.T) []string { return []string{"chek"} }, `unknown command "chek"`},
		{"no order", func(t *testing.T) []string { return []string{"check"} }, "no order given"},
		{"order file missing", func(t *testing.T) []string { return []string{"check", "/nonexistent/order.json"} }, "/nonexistent/order.json"},
		{"unknown field", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", `,"acount_number":"1"`, 1))}
		}, "acount_number: unknown field"},
		{"wrong type", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(strings.Replace(minimal, `"+12175550100"`, "2175550100", 1), "%s", "", 1))}
		}, "numbers[0].number: must be a string, not number"},
		{"document file missing", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", `,"documents":[{"kind":"bill","path":"bill.pdf"}]`, 1))}
		}, "documents[0].path:"},
		{"unknown profile in order", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", `,"profile":"verizon"`, 1))}
		}, "profile: profile \"verizon\": unknown profile"},
		{"unknown profile flag", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", "", 1)), "--profile", "nope"}
		}, "--profile"},
		{"bad as-of", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", "", 1)), "--as-of", "23/11/2026"}
		}, "--as-of"},
		{"bad format", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", "", 1)), "--format", "xml"}
		}, "--format"},
		{"unknown flag", func(t *testing.T) []string {
			return []string{"check", writeOrder(t, strings.Replace(minimal, "%s", "", 1)), "--verbose"}
		}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args(t)...)
			if code != exitInvalid {
				t.Errorf("exit %d, want %d", code, exitInvalid)
			}
			if out != "" {
				t.Errorf("a report was printed on an invalid invocation: %s", out)
			}
			if !strings.Contains(errOut, tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantStderr)
			}
		})
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	order := writeOrder(t, strings.Replace(minimal, "%s", `,"profile":"twilio"`, 1))
	for _, args := range [][]string{
		{"check", order, "--format", "text", "--as-of", asOf},
		{"check", "--format", "text", order, "--as-of", asOf},
		{"check", "--format=text", "--as-of=" + asOf, "--", order},
	} {
		code, out, errOut := runCLI(t, args...)
		if code == exitInvalid || !strings.Contains(out, "o1  ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestProfilesCommand(t *testing.T) {
	code, out, _ := runCLI(t, "profiles")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, name := range []string{"kazoo-bandwidth", "aesthetix", "plivo", "krosai", "hoopai", "twilio", "bandwidth", "telnyx", "strict"} {
		if !strings.Contains(out, name) {
			t.Errorf("profiles table lacks %s", name)
		}
	}
	code, out, _ = runCLI(t, "profiles", "--format", "json")
	if code != exitOK || !strings.HasPrefix(out, "[") {
		t.Errorf("profiles --format json: exit %d, %.40s", code, out)
	}
}
