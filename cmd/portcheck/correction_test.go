package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/correction"
	"github.com/portcheck/portcheck/report"
)

// TestFormatCorrection: --format correction prints each order's
// correction; a patch applied to the order file makes the next check
// clear what it corrected, and a conflict between documents is left to a
// person. Secrets a bill prints never appear in it.
func TestFormatCorrection(t *testing.T) {
	tests := []struct {
		name       string
		dir        func(t *testing.T) string
		wantPatch  []string
		wantManual []report.Code
	}{
		{"bill prints another name", func(t *testing.T) string { return writeSecretOrder(t, "482-99117-04", "ACME WIDGETS INC") },
			[]string{"account_name", "account_number"}, []report.Code{report.LOAMissing, report.PartialPortUndeclared}},
		{"bill and LOA disagree", func(*testing.T) string { return "../../testdata/orders/name-punctuation" },
			nil, []report.Code{report.NameMismatch}},
		{"unsigned LOA", func(*testing.T) string { return "../../testdata/orders/loa-unsigned" },
			nil, []report.Code{report.LOAUnsigned}},
		{"clean", func(*testing.T) string { return "../../testdata/orders/clean" }, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			c := checkCorrection(t, dir)
			var fields []string
			for f := range c.Patch {
				fields = append(fields, f)
			}
			if diff := cmp.Diff(tt.wantPatch, fields, cmpSorted); diff != "" {
				t.Errorf("patched fields (-want +got):\n%s", diff)
			}
			var codes []report.Code
			for _, m := range c.Manual {
				codes = append(codes, m.Code)
			}
			if diff := cmp.Diff(tt.wantManual, codes); diff != "" {
				t.Errorf("manual codes (-want +got):\n%s", diff)
			}
			if len(c.Patch) == 0 {
				return
			}
			applyToOrderFile(t, filepath.Join(dir, "order.json"), c.Patch)
			if again := checkCorrection(t, dir); len(again.Patch) != 0 || len(again.Changes) != 0 {
				t.Errorf("after the patch the correction still changes %+v", again.Changes)
			}
		})
	}
	for _, tt := range secretForms {
		dir := writeSecretOrder(t, tt.accountNumber, tt.accountName)
		if _, out, _ := runCLI(t, "check", dir, "--as-of", asOf, "--format", "correction", "--no-ocr"); strings.Contains(out, tt.secret) {
			t.Errorf("%s: the correction carries %s:\n%s", tt.name, tt.secret, out)
		}
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func checkCorrection(t *testing.T, dir string) correction.Correction {
	t.Helper()
	args := []string{"check", dir, "--as-of", asOf, "--format", "correction", "--no-ocr"}
	if strings.HasPrefix(dir, "../../testdata/") {
		args = append(args, sampleRoot)
	}
	code, out, errOut := runCLI(t, args...)
	if code == exitInvalid {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var c correction.Correction
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return c
}

// applyToOrderFile merges a patch (RFC 7396) into an order file, as the
// service's PATCH does.
func applyToOrderFile(t *testing.T, path string, patch map[string]any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatal(err)
	}
	merge(o, patch)
	data, _ = json.Marshal(o)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func merge(target, patch map[string]any) {
	for k, v := range patch {
		sub, isObj := v.(map[string]any)
		old, wasObj := target[k].(map[string]any)
		switch {
		case v == nil:
			delete(target, k)
		case isObj && wasObj:
			merge(old, sub)
		default:
			target[k] = v
		}
	}
}
