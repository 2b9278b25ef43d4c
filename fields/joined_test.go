package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/portcheck/portcheck/extract"
)

func loaRows(name string) []string {
	return []string{
		"Letter of Authorization",
		"I hereby authorize Bandwidth to act as my agent to port the numbers listed below from my current carrier.",
		name,
		"Account Number: 482-99117-03",
		"Service Address: 1200 N Main Street, Springfield, IL 62702",
		"Current Carrier: Verizon",
		"Printed Name: Dana Whitfield",
		"Date: 11/02/2026",
	}
}

// raised moves the words of a page's row from the from-th on by dy
// points (up when dy is negative), as a value typed centred in its box
// stands over the caption printed on the box's foot.
func raised(p extract.Page, row, from int, dy float64) extract.Page {
	l := &p.Lines[row]
	for i := from; i < len(l.Words); i++ {
		l.Words[i].Box[1] += dy
		l.Words[i].Box[3] += dy
	}
	l.Box = l.Words[0].Box
	for _, w := range l.Words {
		l.Box = union(l.Box, w.Box)
	}
	p.Words = nil
	for _, l := range p.Lines {
		p.Words = append(p.Words, l.Words...)
	}
	return p
}

// TestJoinedRegions: a scanned LOA whose caption OCR garbled asks for
// each line that joins a caption and a value standing at another
// height; a line on one baseline, a line without a caption, an LOA
// read whole and a text layer ask for none.
func TestJoinedRegions(t *testing.T) {
	// The name row is the third (y 68-78); "Customer dane:" is 14
	// characters, so the value starts at x 130 and ends at 232.
	garbled := "Customer dane: Northwind Traders"
	tests := []struct {
		name string
		doc  func(t *testing.T) *extract.Document
		want []extract.Region
	}{
		{"caption under its value", func(t *testing.T) *extract.Document {
			return scanned(doc(raised(page(t, loaRows(garbled)...), 2, 2, -5)))
		}, []extract.Region{{Page: 1, Box: extract.Box{30, 63 - 7.5, 232 + 10, 78 + 7.5}}}},
		{"caption over its value", func(t *testing.T) *extract.Document {
			return scanned(doc(raised(page(t, loaRows(garbled)...), 2, 2, 5)))
		}, []extract.Region{{Page: 1, Box: extract.Box{30, 68 - 7.5, 232 + 10, 83 + 7.5}}}},
		{"one baseline", func(t *testing.T) *extract.Document {
			return scanned(doc(raised(page(t, loaRows(garbled)...), 2, 2, -1)))
		}, nil},
		{"no caption", func(t *testing.T) *extract.Document {
			return scanned(doc(raised(page(t, loaRows("Customer dane Northwind Traders")...), 2, 2, -5)))
		}, nil},
		{"name read", func(t *testing.T) *extract.Document {
			return scanned(doc(raised(page(t, loaRows("Customer name: Northwind Traders")...), 2, 2, -5)))
		}, nil},
		{"text layer", func(t *testing.T) *extract.Document {
			return doc(raised(page(t, loaRows(garbled)...), 2, 2, -5))
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Regions(tt.doc(t), "loa"), cmpopts.EquateApprox(0, 0.01)); diff != "" {
				t.Errorf("Regions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJoinedRegionReadAlone: the account name read from a line read
// alone stands where no whole-page reading found one, and only there.
func TestJoinedRegionReadAlone(t *testing.T) {
	tests := []struct {
		name, first, want string
	}{
		{"caption garbled", "Customer dane: Northwind Traders", "Northwind Traders"},
		{"name read first", "Customer name: Acme Widgets, Inc.", "Acme Widgets, Inc."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := twice(doc(page(t, loaRows(tt.first)...)), doc(page(t, loaRows(tt.first)...)))
			d.Regions = scanned(doc(page(t, "", "", "Customer name: Northwind Traders")))
			if got := ReadLOA(d, "US").AccountName.Text; got != tt.want {
				t.Errorf("account name %q, want %q", got, tt.want)
			}
		})
	}
}
