package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract"
)

// TestReadFullPort: the ticked box of a "how many numbers" question is
// the LOA's statement of the port's scope; the same words in a sentence
// are not.
func TestReadFullPort(t *testing.T) {
	tests := []struct {
		name string
		ats  []at
		want string // "all", "some", or "" for no answer
	}{
		{"all ticked", []at{body(54, 450, "☒ I am transferring all my numbers from my current carrier."), body(54, 480, "☐ I am only transferring some of my numbers.")}, "all"},
		{"some ticked", []at{body(54, 450, "☐ I am transferring all my numbers from my current carrier."), body(54, 480, "☒ I am only transferring some of my numbers.")}, "some"},
		{"neither ticked", []at{body(54, 450, "☐ I am transferring all my numbers."), body(54, 480, "☐ I am only transferring some of my numbers.")}, ""},
		{"French, all ticked", []at{body(54, 450, "☒ Je transfère tous mes numéros de téléphone."), body(54, 480, "☐ Je ne transfère que certains de mes numéros.")}, "all"},
		{"a single all box left empty", []at{body(40, 190, "☐ alle Nr. der Anschlüsse portieren")}, "some"},
		{"a sentence, no box", []at{body(54, 450, "If you are transferring all of your numbers, tell us.")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, by := readFullPort(loaPage(extract.SourceTextLayer, nil, tt.ats...))
			answer := ""
			if got != nil && *got {
				answer = "all"
			} else if got != nil {
				answer = "some"
			}
			if diff := cmp.Diff(tt.want, answer); diff != "" {
				t.Errorf("full port (-want +got):\n%s (evidence %q)", diff, by.Text)
			}
		})
	}
}

// TestReadFilledForm: values typed on a form's fill-in lines belong to
// the caption whose blank they stand over; a stacked form's previous
// row is not a value over the next caption.
func TestReadFilledForm(t *testing.T) {
	tests := []struct {
		name             string
		ats              []at
		signer, acctName string
		acctNum, carrier string
	}{
		{
			name: "values over their blanks",
			ats: []at{
				body(135, 100, "Jane Q Doe"), body(424, 100, "Verizon"),
				body(44, 109, "Signatory name: ________________"), body(300, 109, "Current Service Provider: ________"),
			},
			signer: "Jane Q Doe", carrier: "Verizon",
		},
		{
			name: "blank and next caption glued",
			ats: []at{
				body(135, 200, "8812334501"), body(400, 200, "Acme Widgets LLC"),
				body(44, 209, "Account Number: ____________________________Company Name: __________"),
			},
			acctNum: "8812334501", acctName: "Acme Widgets LLC",
		},
		{
			name: "a stacked form's previous row is not the next caption's value",
			ats: []at{
				body(44, 100, "Account name: Acme Widgets LLC"),
				body(44, 111, "Account number:"),
			},
			acctName: "Acme Widgets LLC",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ReadLOA(loaPage(extract.SourceTextLayer, nil, tt.ats...), "US")
			got := []string{l.SignerName.Text, l.AccountName.Text, l.AccountNumber.Text, l.Carrier.Text}
			if diff := cmp.Diff([]string{tt.signer, tt.acctName, tt.acctNum, tt.carrier}, got); diff != "" {
				t.Errorf("signer, account name, number, carrier (-want +got):\n%s", diff)
			}
		})
	}
}

// TestHolderSigns: a signature captioned as the account holder's own
// stands for the signer's printed name; a plain one does not.
func TestHolderSigns(t *testing.T) {
	tests := []struct {
		name string
		ats  []at
		want bool
	}{
		{"German contract party", []at{body(38, 343, "Ort, Datum: Berlin, 20.11.2026"), body(271, 343, "Unterschrift:"), small(383, 360, "Vertragspartner und ggf. Firmenstempel")}, true},
		{"account holder", []at{body(40, 300, "Signature of account holder: __________")}, true},
		{"plain signature line", []at{body(40, 300, "Authorized signature: __________")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loaPage(extract.SourceTextLayer, nil, tt.ats...)
			if got := holderSigns(doc, proseLines(doc)).Found(); got != tt.want {
				t.Errorf("holder signs = %v, want %v", got, tt.want)
			}
		})
	}
}
