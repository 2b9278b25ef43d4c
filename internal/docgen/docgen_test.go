package docgen

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestEveryLayoutRendersDeterministically(t *testing.T) {
	for _, e := range Standard() {
		t.Run(e.File, func(t *testing.T) {
			a, err := e.Render()
			if err != nil {
				t.Fatal(err)
			}
			b, err := e.Render()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Error("two renders differ")
			}
			if !bytes.HasPrefix(a, []byte("%PDF-")) {
				t.Error("not a PDF")
			}
		})
	}
}

// TestCommittedDocsAreCurrent: testdata/docs is what the generator makes
// today, so tests read what the code describes.
func TestCommittedDocsAreCurrent(t *testing.T) {
	for _, e := range Standard() {
		want, err := e.Render()
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile("../../testdata/docs/" + e.File)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("testdata/docs/%s is stale or missing: run go run ./cmd/docgen -out testdata/docs", e.File)
		}
	}
}

func TestValuesAreInTheTextLayer(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
			t.Fatal("pdftotext is required")
		}
		t.Skip("pdftotext not installed")
	}
	for _, layout := range BillLayouts {
		t.Run(layout, func(t *testing.T) {
			b := CleanBill(layout)
			data, err := b.PDF()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(pdftotext, "-layout", "-", "-")
			cmd.Stdin = bytes.NewReader(data)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range append([]string{b.AccountNumber, b.ServiceAddress.Line1}, b.Lines...) {
				if !strings.Contains(string(out), v) {
					t.Errorf("%q is not in the text layer", v)
				}
			}
		})
	}
}
