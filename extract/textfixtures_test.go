package extract

import (
	"bytes"
	"fmt"
	"strings"
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

// objectPDF writes a PDF of numbered objects by hand (objs[0] is object
// 1, the catalog), for fonts fpdf cannot make.
func objectPDF(objs ...string) []byte {
	var b bytes.Buffer
	offs := make([]int, len(objs))
	b.WriteString("%PDF-1.4\n")
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj %s endobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// stream is a stream object's text.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >> stream\n%s\nendstream", dict, len(data), data)
}

// type3ToUnicode prints with fonts whose text only their /ToUnicode
// tells, as Chromium writes them: a Type 3 font (no BaseFont, glyph
// names that mean nothing, a flipped /FontMatrix of 500 units an em, so
// widths are not thousandths) and a TrueType font whose /Encoding is a
// dictionary of /Differences. Both map a code to a ligature ("ﬁ", "ﬃ").
func type3ToUnicode(*testing.T) []byte {
	// Type 3 codes: S i g n d e space ﬁ J a.
	widths := []int{300, 120, 260, 270, 270, 250, 125, 280, 220, 250}
	var procs, names strings.Builder
	for i := range widths {
		fmt.Fprintf(&procs, "/g%d %d 0 R ", i+1, 9+i)
		fmt.Fprintf(&names, "/g%d ", i+1)
	}
	t3cmap := cmapText("<01> <0053>\n<02> <0069>\n<03> <0067>\n<04> <006E>\n<07> <0020>\n<08> <FB01>\n<09> <004A>\n<0A> <0061>",
		"<05> <06> <0064>")
	ttcmap := cmapText("<01> <004F>\n<02> <FB03>\n<05> <0020>", "<03> <04> [<0063> <0065>]\n<06> <07> <0034>")
	content := "BT /T3 24 Tf 1 0 0 -1 72 600 Tm <01020304060507080406> Tj ET\n" +
		"BT /T3 24 Tf 1 0 0 -1 300 600 Tm [<090A> -40 <0406>] TJ ET\n" +
		"BT /TT 12 Tf 72 500 Td <01020304050607> Tj ET\n"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /T3 5 0 R /TT 6 0 R >> >> >>",
		stream("", content),
		fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontMatrix [0.002 0 0 -0.002 0 0] /FontBBox [0 -400 300 100] "+
			"/CharProcs << %s>> /Encoding << /Type /Encoding /Differences [1 %s] >> /FirstChar 1 /LastChar 10 "+
			"/Widths %v /FontDescriptor 7 0 R /ToUnicode 8 0 R >>", procs.String(), names.String(), intsPDF(widths)),
		"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Arial /FirstChar 1 /LastChar 7 /Widths [778 833 500 556 278 556 556] " +
			"/Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3 /g4 /g5 /g6 /g7] >> /ToUnicode 19 0 R >>",
		"<< /Type /FontDescriptor /FontName /GHIJKL+FixtureSans /Flags 32 /ItalicAngle 0 /CapHeight -360 >>",
		stream("", t3cmap),
	}
	for _, w := range widths {
		// A glyph is a box of its advance, 350 units tall, drawn upside
		// down as the flipped matrix wants.
		objs = append(objs, stream("", fmt.Sprintf("%d 0 0 -350 %d 0 d1 0 -350 %d 350 re f", w, w-20, w-20)))
	}
	objs = append(objs, stream("", ttcmap))
	return objectPDF(objs...)
}

func intsPDF(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// cmapText is a ToUnicode CMap of one-byte codes.
func cmapText(bfchar, bfrange string) string {
	count := func(s string) int { return strings.Count(s, "\n") + 1 }
	return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" +
		fmt.Sprintf("%d beginbfchar\n%s\nendbfchar\n", count(bfchar), bfchar) +
		fmt.Sprintf("%d beginbfrange\n%s\nendbfrange\n", count(bfrange), bfrange) +
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
}
