package extract

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract/ocr"
)

// mixedPDF has a text-layer first page and a second page that is only
// the image of a 200 DPI scan.
func mixedPDF(t *testing.T) []byte {
	t.Helper()
	scan, err := os.ReadFile("../testdata/scans/scan-bill-line-table.jpg")
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	f.Text(72, 90, "Account Number: 482-99117-03")
	f.AddPage()
	f.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(scan))
	f.ImageOptions("scan", 0, 0, 612, 792, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMixedPages: the decision is per page; a text-layer page keeps its
// text and the scanned page is OCR'd, with boxes in page points.
func TestMixedPages(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("PORTCHECK_REQUIRE_SERVICES") == "1" {
			t.Fatal("tesseract is required")
		}
		t.Skip("tesseract not installed")
	}
	doc, err := Extract(context.Background(), "mixed.pdf", mixedPDF(t), Limits{OCR: ocr.Process{}})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{doc.TextSource, doc.Pages[0].TextSource, doc.Pages[1].TextSource}
	if diff := cmp.Diff([]string{SourceTextLayer, SourceTextLayer, SourceOCR}, got); diff != "" {
		t.Errorf("text sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2}, doc.OCRPages()); diff != "" {
		t.Errorf("OCR pages (-want +got):\n%s", diff)
	}
	// The line-table bill prints the account number under "Customer ID"
	// at x=40, y=98 (baseline) on its page.
	var box Box
	for _, w := range doc.Pages[1].Words {
		if w.Text == "482-99117-03" {
			box = w.Box
		}
	}
	if box[0] < 30 || box[0] > 50 || box[3] < 90 || box[3] > 110 {
		t.Errorf("OCR box of 482-99117-03 = %v, want near x=40, bottom y=100", box)
	}
}

// TestRenderPage: pages whose image pdfcpu cannot decode are rendered
// at 300 DPI in grey.
func TestRenderPage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	s, ok := renderPage(readFixture(t, "sample-3-pages.pdf"), 2)
	if !ok || s.px != 2550 || s.py != 3300 {
		t.Errorf("render: ok %v, %d x %d, want 2550 x 3300", ok, s.px, s.py)
	}
}
