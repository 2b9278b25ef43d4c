package fields

import (
	"context"
	"os"
	"testing"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/extract/ocr/engine"
	"github.com/portcheck/portcheck/internal/docgen"
)

// TestMain lets this test binary serve as its own OCR child process.
func TestMain(m *testing.M) {
	engine.ServeIfChild()
	os.Exit(m.Run())
}

// TestScannedLOASignatures reads printed-and-scanned LOAs: with no
// fonts, a signature is the ink in its place, and a section heading
// ("4. Signature") is no caption whose words above would be ink.
func TestScannedLOASignatures(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	tests := []struct {
		shape, sig string
		signed     bool
	}{
		{"boxed", "none", false},
		{"letterhead", "font", true},
		{"sectioned", "none", false},
		{"sectioned", "font", true},
	}
	for _, tt := range tests {
		t.Run(tt.shape+"/"+tt.sig, func(t *testing.T) {
			pdf, err := shapeLOA(tt.shape, tt.sig, nil).PDF()
			if err != nil {
				t.Fatal(err)
			}
			scan, err := docgen.Scan{DPI: 200, Rotate: 0.6, Noise: 8, Format: "pdf"}.Render(pdf)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Extract(context.Background(), "loa.pdf", scan, extract.Limits{OCR: ocr.Process{}})
			if err != nil {
				t.Fatal(err)
			}
			if doc.TextSource != extract.SourceOCR {
				t.Fatalf("text source %q, want a scan read by OCR", doc.TextSource)
			}
			l := ReadLOA(doc, "US")
			if l.Signed() != tt.signed {
				t.Errorf("signed = %v (%s %q), want %v", l.Signed(), l.SignatureKind, l.Signature.Text, tt.signed)
			}
			if l.SignerName.Text != "Dana Whitfield" {
				t.Errorf("signer %q, want the printed name", l.SignerName.Text)
			}
		})
	}
}
