package fields

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/portcheck/portcheck/extract"
)

// scanned marks a built document's pages as OCR'd, as a scan's are.
func scanned(d *extract.Document) *extract.Document {
	for i := range d.Pages {
		d.Pages[i].TextSource = extract.SourceOCR
	}
	d.TextSource = extract.SourceOCR
	return d
}

// twice is a scan read twice: first, with second as its second reading.
func twice(first, second *extract.Document) *extract.Document {
	first = scanned(first)
	first.Second = scanned(second)
	return first
}

func billRows(date, street string) []string {
	return []string{
		"Verizon",
		"Account Name: Acme Widgets, Inc.",
		"Account Number: 482-99117-03",
		date,
		"Service Address:",
		street,
		"Springfield, IL 62702",
	}
}

// TestSecondReadingFillsOnlyWhatTheFirstMissed: a field the first
// reading garbled comes from the second; a field the first read stays
// as read, whatever the second says.
func TestSecondReadingFillsOnlyWhatTheFirstMissed(t *testing.T) {
	tests := []struct {
		name          string
		first, second []string
		want          billSummary
	}{
		{"date garbled first, read second",
			billRows("nvoice Date -10-", "1200 N Main Street"),
			billRows("Bill Date: November 3, 2026", "1200 N Main Street"),
			billSummary{Name: "Acme Widgets, Inc.", Account: "482-99117-03", Date: "2026-11-03", Carrier: "Verizon",
				Address: "1200 N Main Street, Springfield, IL 62702"}},
		{"address garbled first, read second",
			billRows("Bill Date: November 3, 2026", "des Pada Terrace"),
			billRows("Bill Date: November 3, 2026", "1200 N Main Street"),
			billSummary{Name: "Acme Widgets, Inc.", Account: "482-99117-03", Date: "2026-11-03", Carrier: "Verizon",
				Address: "1200 N Main Street, Springfield, IL 62702"}},
		{"readings disagree: the first stands",
			billRows("Bill Date: November 3, 2026", "1200 N Main Street"),
			billRows("Bill Date: November 8, 2026", "1280 N Main Street"),
			billSummary{Name: "Acme Widgets, Inc.", Account: "482-99117-03", Date: "2026-11-03", Carrier: "Verizon",
				Address: "1200 N Main Street, Springfield, IL 62702"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := twice(doc(page(t, tt.first...)), doc(page(t, tt.second...)))
			if diff := cmp.Diff(tt.want, summarize(ReadBill(d, "US"))); diff != "" {
				t.Errorf("ReadBill mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSecondReadingNeverSigns: the signature is judged on the first
// reading alone, even where only the second shows one; the first's
// missing date is filled from the second.
func TestSecondReadingNeverSigns(t *testing.T) {
	rows := func(sig, date string) []string {
		return []string{
			"Letter of Authorization",
			"Account Name: Acme Widgets, Inc.",
			"Account Number: 482-99117-03",
			"Printed Name: Dana Whitfield",
			date,
			"",
			sig,
			"Authorized Signature",
		}
	}
	first, second := doc(page(t, rows("", "Date:")...)), doc(page(t, rows("/s/ Dana Whitfield", "Date: 11/02/2026")...))
	alone, secondAlone := ReadLOA(scanned(first), "US").Signed(), ReadLOA(scanned(second), "US").Signed()
	if alone || !secondAlone {
		t.Fatalf("signed alone: first %v, second %v; the test needs an unsigned first reading and a signed second", alone, secondAlone)
	}
	l := ReadLOA(twice(first, second), "US")
	if l.Signed() {
		t.Errorf("signed (%s %q) from the second reading alone", l.SignatureKind, l.Signature.Text)
	}
	if got := l.SignedDate.Text; got != "11/02/2026" {
		t.Errorf("signed date %q, want the second reading's 11/02/2026", got)
	}
}

// TestPlacesOfTheSecondReading: the places a check confirms the order's
// value in include the second reading's, marked so their words are
// looked up there.
func TestPlacesOfTheSecondReading(t *testing.T) {
	d := twice(doc(page(t, billRows("Bill Date: November 3, 2026", "des Pada Terrace")...)),
		doc(page(t, billRows("Bill Date: November 3, 2026", "1200 N Main Street")...)))
	var got []string
	for _, p := range Places(d, RoleServiceAddress) {
		if p.In == d.Second && len(p.Lines) > 0 {
			got = append(got, p.Lines[0].Text)
		}
	}
	if diff := cmp.Diff([]string{"1200 N Main Street"}, got); diff != "" {
		t.Errorf("second reading's places (-want +got):\n%s", diff)
	}
}

func TestWantsSecondReading(t *testing.T) {
	complete := billRows("Bill Date: November 3, 2026", "1200 N Main Street")
	garbled := billRows("nvoice Date -10-", "1200 N Main Street")
	tests := []struct {
		name string
		doc  func(t *testing.T) *extract.Document
		kind string
		want bool
	}{
		{"scan missing its bill date", func(t *testing.T) *extract.Document { return scanned(doc(page(t, garbled...))) }, "bill", true},
		{"scan read whole", func(t *testing.T) *extract.Document { return scanned(doc(page(t, complete...))) }, "bill", false},
		{"text layer missing its bill date", func(t *testing.T) *extract.Document { return doc(page(t, garbled...)) }, "bill", false},
		{"scan read twice already", func(t *testing.T) *extract.Document {
			return twice(doc(page(t, garbled...)), doc(page(t, garbled...)))
		}, "bill", false},
		{"kind not read", func(t *testing.T) *extract.Document { return scanned(doc(page(t, garbled...))) }, "other", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WantsSecondReading(tt.doc(t), tt.kind); got != tt.want {
				t.Errorf("WantsSecondReading = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRegions: a scanned bill whose service address no reading found
// asks for the block under its label, from the label's left to the
// next column; one whose address was read, or a text layer, asks for
// none.
func TestRegions(t *testing.T) {
	garbled := []string{
		"Verizon",
		"Account Number: 482-99117-03|Bill Date: November 3, 2026",
		"Service Address|Monthly service $101.66",
		"des Pada Terrace|Taxes and fees $17.81",
		"Springfield, IL 62702",
	}
	read := slices.Clone(garbled)
	read[3] = "1200 N Main Street|Taxes and fees $17.81"
	tests := []struct {
		name string
		doc  func(t *testing.T) *extract.Document
		want []extract.Region
	}{
		// page: "Service Address" is the third row (y 68-78) at x 40;
		// the next column starts at x 290.
		{"address garbled", func(t *testing.T) *extract.Document { return scanned(doc(page(t, garbled...))) },
			[]extract.Region{{Page: 1, Box: extract.Box{30, 63, 280, 78 + 7*10*1.4}}}},
		{"address read", func(t *testing.T) *extract.Document { return scanned(doc(page(t, read...))) }, nil},
		{"text layer", func(t *testing.T) *extract.Document { return doc(page(t, garbled...)) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Regions(tt.doc(t), "bill"), cmpopts.EquateApprox(0, 0.01)); diff != "" {
				t.Errorf("Regions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRegionsReadAlone: the service address read from a region stands
// where no whole-page reading found one, and only there.
func TestRegionsReadAlone(t *testing.T) {
	garbled := billRows("Bill Date: November 3, 2026", "des Pada Terrace")
	d := twice(doc(page(t, garbled...)), doc(page(t, garbled...)))
	d.Regions = scanned(doc(page(t, billRows("", "1200 N Main Street")...)))
	if got, want := ReadBill(d, "US").ServiceAddress.Text, "1200 N Main Street, Springfield, IL 62702"; got != want {
		t.Errorf("service address %q, want %q from the region", got, want)
	}
	d.Pages[0] = scanned(doc(page(t, billRows("Bill Date: November 3, 2026", "1280 N Main Street")...))).Pages[0]
	if got, want := ReadBill(d, "US").ServiceAddress.Text, "1280 N Main Street, Springfield, IL 62702"; got != want {
		t.Errorf("service address %q, want the first reading's %q", got, want)
	}
}
