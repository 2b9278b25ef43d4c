package extract

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/portcheck/portcheck/extract/ocr"
	"github.com/portcheck/portcheck/internal/docgen"
)

// boxedValueScan is a scanned form row: a caption and, just right of
// its colon, its value typed in a shaded, framed box.
func boxedValueScan(t *testing.T) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 10)
	f.Text(72, 200, "Customer name:")
	f.SetLineWidth(1.5)
	f.SetFillColor(235, 235, 235)
	f.Rect(147, 184, 112, 17, "FD")
	f.SetFont("Helvetica", "", 12)
	f.Text(150, 197, "Northwind Traders")
	f.SetFont("Helvetica", "", 10)
	f.Text(72, 90, "Letter of Authorization")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	scan, err := docgen.Scan{DPI: 300, Rotate: 0.4, Noise: 8, Format: "pdf"}.Render(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return scan
}

// TestRegionsReadFromTheCleanedPage: a region is cut from the page as
// the whole page was read, its frames painted out, so a boxed value's
// edges are no words of the region's reading (cut from the page as
// scanned, this region read "Customer name:| Northwind Traders").
func TestRegionsReadFromTheCleanedPage(t *testing.T) {
	requireTool(t, "tesseract")
	requireTool(t, "pdftoppm")
	data := boxedValueScan(t)
	lim := Limits{OCR: ocr.Process{}}
	doc, err := Extract(context.Background(), "form.pdf", data, lim)
	if err != nil {
		t.Fatal(err)
	}
	region := Region{Page: 1, Box: Box{60, 178, 268, 208}}
	if err := ReadRegions(context.Background(), doc, data, lim, []Region{region}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range doc.Regions.Pages[0].Words {
		got = append(got, w.Text)
	}
	if text := strings.Join(got, " "); text != "Customer name: Northwind Traders" {
		t.Errorf("region read %q, want the caption and its value alone", text)
	}
}
