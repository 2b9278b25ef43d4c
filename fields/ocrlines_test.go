package fields

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract"
)

// turnedWord places a word on a page turned by slope: rows are given
// upright, and a word further right stands higher (slope < 0) or lower.
func turnedWord(text string, x, top, slope float64) extract.Word {
	w := 5.5 * float64(len(text))
	y := top + slope*(x+w/2)
	return extract.Word{Text: text, Box: extract.Box{x, y, x + w, y + 8}}
}

// ocrPage is a scanned page whose lines are grouped as given, ordered
// by their tops as extract orders Tesseract's lines.
func ocrPage(lines ...[]extract.Word) extract.Page {
	p := extract.Page{Number: 1, Width: 612, Height: 792, TextSource: extract.SourceOCR, DPI: 200}
	for _, ws := range lines {
		p.Lines = append(p.Lines, lineOfWords(ws))
	}
	slices.SortStableFunc(p.Lines, func(a, b extract.Line) int { return int(a.Box[1]*100 - b.Box[1]*100) })
	for _, l := range p.Lines {
		p.Words = append(p.Words, l.Words...)
	}
	return p
}

// words is a run of words starting at x on an upright row.
func words(text string, x, top, slope float64) []extract.Word {
	var out []extract.Word
	for _, t := range strings.Fields(text) {
		w := turnedWord(t, x, top, slope)
		out = append(out, w)
		x = w.Box[2] + 3
	}
	return out
}

func lineTexts(p extract.Page) []string {
	var out []string
	for _, l := range p.Lines {
		out = append(out, l.Text)
	}
	return out
}

// TestRelinedRows: a line Tesseract built of two rows of a turned scan
// is split into its rows, in order under the label; a line of one row
// is kept whole, a speck boxed tall with a word included.
func TestRelinedRows(t *testing.T) {
	const slope = -0.021 // about 1.2 degrees
	var body [][]extract.Word
	for i, row := range []string{"Opening balance 41.10", "Payment thanks 41.10", "New charges 63.20", "Taxes and fees 7.15", "Total now due 70.35", "Late fee after 30 days 5.00"} {
		body = append(body, append(words(row, 30, 200+14*float64(i), slope), words("ok", 480, 200+14*float64(i), slope)...))
	}
	tests := []struct {
		name  string
		lines [][]extract.Word
		want  []string
	}{
		{
			name: "value under its label, grouped with a higher row of the next columns",
			lines: append([][]extract.Word{
				append(words("Statement Date", 30, 100, slope), words("Ship to", 220, 100, slope)...),
				append(append(words("03/14/2026", 30, 111, slope), words("Kestrel Tool Co", 220, 110, slope)...), words("Amount Owed", 440, 102, slope)...),
				append(words("Customer No.", 30, 124, slope), words("17 Quarry Rd", 220, 122, slope)...),
			}, body...),
			want: append([]string{"Statement Date Ship to", "Amount Owed", "03/14/2026 Kestrel Tool Co", "Customer No. 17 Quarry Rd"}, lineTexts(ocrPage(body...))...),
		},
		{
			name: "one row with a tall speck beside a word",
			lines: append([][]extract.Word{
				append(words("Remit to Larch Supply", 30, 100, slope), extract.Word{Text: "Depot", Box: extract.Box{150, 93, 180, 112}}),
			}, body...),
			want: append([]string{"Remit to Larch Supply Depot"}, lineTexts(ocrPage(body...))...),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{Pages: []extract.Page{ocrPage(tt.lines...)}, TextSource: extract.SourceOCR}
			got := lineTexts(relined(doc).Pages[0])
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScannedDateUnderLabel reads a statement date that a turned scan's
// OCR put on a line sorted above its label.
func TestScannedDateUnderLabel(t *testing.T) {
	const slope = -0.021
	var lines [][]extract.Word
	lines = append(lines,
		append(words("Statement Date", 30, 100, slope), words("Ship to", 220, 100, slope)...),
		append(append(words("03/14/2026", 30, 111, slope), words("Kestrel Tool Co", 220, 110, slope)...), words("Amount Owed", 440, 102, slope)...),
	)
	for i, row := range []string{"Opening balance 41.10", "Payment thanks 41.10", "New charges 63.20", "Taxes and fees 7.15", "Total now due 70.35"} {
		lines = append(lines, append(words(row, 30, 200+14*float64(i), slope), words("ok", 480, 200+14*float64(i), slope)...))
	}
	doc := &extract.Document{Pages: []extract.Page{ocrPage(lines...)}, TextSource: extract.SourceOCR}
	if got := ReadBill(doc, "US").BillDate.Text; got != "03/14/2026" {
		t.Errorf("bill date %q, want the date under its label", got)
	}
}

// TestBlockLostStart: a line pushed right under a label whose block
// goes on at the label's left edge lost its start, and is no value; a
// value right-aligned under its label, with the next label under it,
// still is.
func TestBlockLostStart(t *testing.T) {
	tests := []struct {
		name  string
		lines [][]extract.Word
		want  string
	}{
		{
			name: "block under its label, first line's start lost",
			lines: [][]extract.Word{
				words("Bill to", 40, 100, 0),
				words("Crane Hollow Bakery", 90, 112, 0),
				words("PO Box 5521", 40, 123, 0),
				words("Dayton, OH 45402", 40, 134, 0),
			},
			want: "",
		},
		{
			name: "value right-aligned under its label",
			lines: [][]extract.Word{
				words("Account Name", 300, 100, 0),
				words("Crane Hollow Bakery", 340, 112, 0),
				words("Account Number", 300, 126, 0),
				words("5521-0098-17", 350, 138, 0),
			},
			want: "Crane Hollow Bakery",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ocrPage(tt.lines...)
			p.TextSource = extract.SourceTextLayer
			doc := &extract.Document{Pages: []extract.Page{p}}
			if got := readNamedCustomer(doc).Text; got != tt.want {
				t.Errorf("account name %q, want %q", got, tt.want)
			}
		})
	}
}

// TestScannedLabelMisread: OCR that reads a label's narrow space as
// none, or a letter of it as a digit or a stroke, leaves it a label.
func TestScannedLabelMisread(t *testing.T) {
	tests := []struct {
		name, label string
		want        string
	}{
		{"spaces kept", "Statement Date:", "03/14/2026"},
		{"space lost", "StatementDate:", "03/14/2026"},
		{"space lost, no colon", "InvoiceDate", "03/14/2026"},
		{"I read as l", "lnvoice Date", "03/14/2026"},
		{"l read as 1 and o as 0", "Bi11ing Date", "03/14/2026"},
		{"no label", "Invoice Total", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &extract.Document{Pages: []extract.Page{ocrPage(
				append(words(tt.label, 40, 100, 0), words("03/14/2026", 150, 100, 0)...),
				words("Page 1 of 2", 40, 120, 0),
			)}}
			if got := ReadBill(doc, "US").BillDate.Text; got != tt.want {
				t.Errorf("bill date %q, want %q", got, tt.want)
			}
		})
	}
}
