package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
)

// TestFillInLetter: a letter whose first sentence is filled in with the
// customer's names ("I, Jane Doe, Owner of Acme LLC, authorize") is
// still prose, so its statement is read and none of its names is a
// value; a caption qualified before its colon ("Account number with
// present carrier:") is still the label of the value after it.
func TestFillInLetter(t *testing.T) {
	letter := []at{
		body(40, 100, "I, Marisol Okafor, Owner of Harbor Light Bakery LLC (the \"Customer\"), authorize Acme Voice Inc. to"),
		body(40, 112, "act as our agent to port the telephone numbers listed below from our present carrier, Granite, and to"),
		body(40, 124, "make all arrangements required."),
	}
	tests := []struct {
		name string
		rows []at
		want []string // account name, account number, statement found
	}{
		{"qualified caption", append(letter, body(40, 150, "Account number with present carrier: 0412-889-3301")),
			[]string{"", "0412-889-3301", "statement"}},
		{"qualifier of two words", append(letter, body(40, 150, "Account number at losing carrier: 0412-889-3301")),
			[]string{"", "0412-889-3301", "statement"}},
		{"a sentence after the label is no qualifier", append(letter, body(40, 150, "Account number is shown on your bill: see page 2")),
			[]string{"", "", "statement"}},
		{"a capitalised word ends the caption", append(letter, body(40, 150, "Account number Granite Telecom: 0412-889-3301")),
			[]string{"", "", "statement"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(extract.SourceTextLayer, nil, tt.rows...), "US")
			statement := ""
			if l.Statement.Found() {
				statement = "statement"
			}
			got := []string{l.AccountName.Text, l.AccountNumber.Text, statement}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("account name, number, statement (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCaptionWords: captions a form words its own way ("Name on carrier
// account", "Current wireless carrier") are the labels they say.
func TestCaptionWords(t *testing.T) {
	doc := loaPage(extract.SourceTextLayer, nil,
		small(40, 100, "NAME ON CARRIER ACCOUNT"), small(320, 100, "CURRENT WIRELESS CARRIER"),
		body(40, 110, "Tamsin Okonkwo-Reyes"), body(320, 110, "UScellular"),
	)
	l := ReadLOA(doc, "US")
	got := []string{l.AccountName.Text, l.Carrier.Text}
	if diff := cmp.Diff([]string{"Tamsin Okonkwo-Reyes", "UScellular"}, got); diff != "" {
		t.Errorf("account name, carrier (-want +got):\n%s", diff)
	}
}

// TestNameAndTitleInOneCell: "Printed name and title" filled as "Gus
// Ferreira, Owner" gives the name without the title; a name's suffix
// after its comma stays the name.
func TestNameAndTitleInOneCell(t *testing.T) {
	tests := []struct{ value, want string }{
		{"Gus Ferreira, Owner", "Gus Ferreira"},
		{"Gus Ferreira, Office Manager", "Gus Ferreira"},
		{"Dana Whitfield, Jr.", "Dana Whitfield, Jr."},
		{"Gus Ferreira", "Gus Ferreira"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			doc := loaPage(extract.SourceTextLayer, nil, body(40, 100, tt.value), small(40, 112, "Printed name and title"))
			if got := ReadLOA(doc, "US").SignerName.Text; got != tt.want {
				t.Errorf("signer %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCaptionsUnderTheirLines: a form that prints each caption under
// its fill-in line gives the value over the caption, not the next
// row's under it; a form of captions over their values still reads
// under them.
func TestCaptionsUnderTheirLines(t *testing.T) {
	tests := []struct {
		name string
		rows []at
		want []string // account name, account number, carrier
	}{
		{"captions under the lines", []at{
			body(40, 100, "LONE OAK LANDSCAPING INC"),
			small(40, 112, "Business name (exactly as on your phone bill)"),
			body(40, 126, "AT&T"), body(300, 126, "512 555-0110 771 4"),
			small(40, 138, "Current provider"), small(300, 138, "Account number"),
		}, []string{"LONE OAK LANDSCAPING INC", "512 555-0110 771 4", "AT&T"}},
		{"captions over the values", []at{
			small(40, 100, "Business name (exactly as on your phone bill)"),
			body(40, 110, "LONE OAK LANDSCAPING INC"),
			small(40, 126, "Current provider"), small(300, 126, "Account number"),
			body(40, 136, "AT&T"), body(300, 136, "512 555-0110 771 4"),
		}, []string{"LONE OAK LANDSCAPING INC", "512 555-0110 771 4", "AT&T"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(extract.SourceTextLayer, nil, tt.rows...), "US")
			got := []string{l.AccountName.Text, l.AccountNumber.Text, l.Carrier.Text}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("account name, number, carrier (-want +got):\n%s", diff)
			}
		})
	}
}
