package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/portcheck/portcheck/report"
)

func requireTesseract(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
			t.Fatal("tesseract is required (PORTCHECK_REQUIRE_SERVICES=1)")
		}
		t.Skip("tesseract not installed")
	}
}

// TestScansCarryTheSameCodes: each order over scanned documents gets the
// codes its twin over the text-layer originals gets. A finding that
// says the difference may be an OCR misreading (a person must look) is
// the honest answer for a scan and is left out of the comparison.
func TestScansCarryTheSameCodes(t *testing.T) {
	requireTesseract(t)
	var manifest []struct{ File, Source string }
	data, err := os.ReadFile("../../testdata/scans/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	source := map[string]string{}
	for _, m := range manifest {
		source[m.File] = m.Source
	}
	dirs, _ := filepath.Glob("../../testdata/orders/scan-*")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(dir, "order.json"))
			if err != nil {
				t.Fatal(err)
			}
			twin := string(body)
			for scan, orig := range source {
				twin = strings.ReplaceAll(twin, "../../scans/"+scan, "../../docs/"+orig)
			}
			// The twin is written outside testdata, which other packages'
			// tests read meanwhile, so its paths are made absolute.
			testdata, err := filepath.Abs("../../testdata")
			if err != nil {
				t.Fatal(err)
			}
			twin = strings.ReplaceAll(twin, `"../../`, `"`+filepath.ToSlash(testdata)+"/")
			twinDir := filepath.Join(t.TempDir(), "twin-"+filepath.Base(dir))
			if err := os.MkdirAll(twinDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(twinDir, "order.json"), []byte(twin), 0o644); err != nil {
				t.Fatal(err)
			}
			got, want := sureCodes(checkJSON(t, dir)), sureCodes(checkJSON(t, twinDir))
			if !slices.Equal(got, want) {
				t.Errorf("scan codes %v, text-layer codes %v", got, want)
			}
		})
	}
}

func sureCodes(r *report.Report) []string {
	var out []string
	for _, f := range r.Findings {
		if !strings.Contains(f.Message, "a person must look") {
			out = append(out, string(f.Code))
		}
	}
	slices.Sort(out)
	return out
}
