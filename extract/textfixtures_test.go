package extract

import (
	"bytes"
	"testing"

	"github.com/go-pdf/fpdf"
)

// pdfOf draws one Letter page per function with fpdf, in points.
func pdfOf(t *testing.T, pages ...func(f *fpdf.Fpdf)) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCompression(false) // readable fixtures: the content stream is the point
	for _, draw := range pages {
		f.AddPage()
		draw(f)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// onePage is a plain bill page: a title, labelled values, a wrapped
// paragraph and a small label beside a large amount on one baseline.
func onePage(t *testing.T) []byte {
	return pdfOf(t, func(f *fpdf.Fpdf) {
		f.SetFont("Helvetica", "B", 16)
		f.Text(72, 72, "Acme Telecom")
		f.SetFont("Helvetica", "", 11)
		f.Text(72, 110, "Statement Date: March 3, 2026")
		f.Text(72, 126, "Account Number: 482-99117-03")
		f.Text(72, 142, "Service Address: 1200 N Main Street, Springfield, IL 62704")
		f.SetXY(72, 170)
		f.MultiCell(400, 14, "Thank you for being a customer. Your service includes two lines and "+
			"a business fax number; see the detail on page two for usage charges and taxes.", "", "L", false)
		f.SetFont("Helvetica", "", 9)
		f.Text(72, 260, "Amount Due")
		f.SetFont("Helvetica", "B", 14)
		f.Text(140, 260, "$84.17")
	})
}

// twoColumnTable has two columns on shared baselines (one line each, as
// pdftotext -layout shows them) above a bordered table of cells.
func twoColumnTable(t *testing.T) []byte {
	left := []string{"Bill To", "Jane Q. Customer", "44 Elm Court", "Dayton, OH 45402"}
	right := []string{"Account Summary", "Previous Balance $80.00", "Payments -$80.00", "New Charges $84.17"}
	rows := [][3]string{
		{"Phone Number", "Service", "Amount"},
		{"(937) 555-0142", "Business Line", "$42.10"},
		{"(937) 555-0143", "Fax Line", "$22.07"},
		{"(937) 555-0199", "Hunt Group Pilot", "$20.00"},
	}
	return pdfOf(t, func(f *fpdf.Fpdf) {
		f.SetFont("Helvetica", "", 11)
		for i := range left {
			y := 90 + float64(i)*16
			f.Text(72, y, left[i])
			f.Text(340, y, right[i])
		}
		f.SetXY(72, 200)
		for _, r := range rows {
			f.CellFormat(150, 20, r[0], "1", 0, "L", false, 0, "")
			f.CellFormat(200, 20, r[1], "1", 0, "L", false, 0, "")
			f.CellFormat(100, 20, r[2], "1", 1, "R", false, 0, "")
			f.SetX(72)
		}
	})
}

// bottomToTop writes its lines in reverse order, last line first, and
// the right half of a row before its left half, as Chromium's PDF
// printer does.
func bottomToTop(t *testing.T) []byte {
	lines := []string{
		"Letter of Authorization",
		"Customer Name: Jane Q. Customer",
		"Billing Telephone Number: (937) 555-0142",
		"Current Carrier: Acme Telecom",
		"I authorize the port of the numbers listed below.",
	}
	return pdfOf(t, func(f *fpdf.Fpdf) {
		f.SetFont("Helvetica", "", 11)
		f.Text(400, 300, "Date: 03/01/2026")
		f.Text(72, 300, "Signature: Jane Q. Customer")
		for i := len(lines) - 1; i >= 0; i-- {
			f.Text(72, 90+float64(i)*18, lines[i])
		}
	})
}
