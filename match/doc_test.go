package match

import (
	"strings"
	"testing"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// scannedRead is a bill read by OCR whose only line is text.
func scannedRead(text string) Read {
	w := extract.Word{Text: text, Box: extract.Box{10, 10, 100, 20}}
	page := extract.Page{Number: 1, TextSource: extract.SourceOCR, Lines: []extract.Line{{Text: text, Words: []extract.Word{w}, Box: w.Box}}}
	doc := &extract.Document{Pages: []extract.Page{page}, TextSource: extract.SourceOCR}
	return Read{Doc: order.Document{Kind: order.KindBill, Path: "scan.pdf"}, Text: doc,
		Bill: &fields.Bill{AccountNumber: fields.Value{Text: text, Page: 1, Box: w.Box, Confidence: 0.9}}}
}

// TestOCRConfusionAsksForAPerson: on a scan, a difference that could be
// an OCR misreading is neither a match nor a reject.
func TestOCRConfusionAsksForAPerson(t *testing.T) {
	o := baseOrder(t)
	p := getProfile(t, "strict")
	tests := []struct {
		name, printed string
		want          report.Severity
		unsure        bool
	}{
		{"O for 0", "482-99117-O3", report.Warn, true},
		{"a real difference", "482-99117-04", report.Reject, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := accountCheck(o, scannedRead(tt.printed).Bill.AccountNumber).run(scannedRead(tt.printed), p)
			if len(fs) != 1 {
				t.Fatalf("%d findings, want 1", len(fs))
			}
			if fs[0].Severity != tt.want || strings.Contains(fs[0].Message, "OCR misreading") != tt.unsure {
				t.Errorf("finding %s %q", fs[0].Severity, fs[0].Message)
			}
		})
	}
}
