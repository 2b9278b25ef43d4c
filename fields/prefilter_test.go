package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// filteredPatterns are the patterns the readers run through needOf.
func filteredPatterns() []*pattern {
	var out []*pattern
	out = append(out, knownLabels...)
	out = append(out, loaLabelSet...)
	for _, res := range roleLabels {
		out = append(out, res...)
	}
	for _, re := range out[:len(knownLabels)] {
		out = append(out, scannedLabel(re))
	}
	for _, c := range carrierNames {
		out = append(out, c.re)
	}
	return out
}

// TestNeedNeverHidesAMatch: on lines that match a pattern (labels in
// every case, with the long s and the Kelvin sign regexp's (?i) folds
// with s and k, glued or split as OCR reads them), the filter lets the
// line through; the filter is only ever allowed to skip lines the
// pattern does not match.
func TestNeedNeverHidesAMatch(t *testing.T) {
	lines := []string{
		"Account Number: 12345", "ACCOUNT NUMBER", "account no. 5", "Acct # 99", "BAN 1234",
		"Billing Date 11/02/2026", "Statement Date:", "Date (MM/DD/YYYY)", "Due Date: 11/12/2026",
		"Service Address", "SERVICE ADDRESS:", "\u017fervice addre\u017f\u017f", "\u212Aundennummer 7",
		"Bill To", "Billing Telephone Number (212) 555-0100", "Customer Name Jane Roe",
		"Fecha de emisión: 01/02/2026", "N° client : 4", "Rechnungsdatum 1.2.2026", "Klantnummer",
		"Razón Social: ACME", "StatementDate:", "lnvoice Date", "Acct N0. 12", "Authorized Signature",
		"Printed Name", "Current Carrier", "Date Signed", "Title", "CUSTOMER / BUSINESS NAME",
		"Page 1 of 2", "Total amount due $12.00", "nothing to see here", "", "Ümlaut straße 4",
		"Questions? Call Verizon Wireless at 800-922-0204", "AT&T Mobility", "at&t", "T-MOBILE USA",
		"Cellco Partnership d/b/a Verizon Wireless", "Deutsche Telekom AG", "ſprint", "Vodafone GmbH",
	}
	for _, re := range filteredPatterns() {
		n := needOf(re)
		for _, l := range lines {
			if re.MatchString(l) && !n.mayMatch(foldText(l)) {
				t.Errorf("%q matches %s, but its need %v skips it", l, re, n.words)
			}
		}
	}
}

// TestNeedFilters: the label patterns do get a filter (else the test
// above proves nothing), and it skips lines that hold no label word.
func TestNeedFilters(t *testing.T) {
	tests := []struct {
		name string
		re   *pattern
		line string
		want bool
	}{
		{"account label on its line", accountNumberLabel, "Your Account Number is", true},
		{"account label elsewhere", accountNumberLabel, "Total due $41.20", false},
		{"a carrier's name elsewhere", carrierNames[0].re, "Total due $41.20", false},
		{"service address folded", serviceAddrLabel, "\u017fERVICE ADDRE\u017f\u017f", true},
		{"service address absent", serviceAddrLabel, "Mailing address", false},
		{"bill date", billDateLabel, "INVOICE DATE 1/2/26", true},
		{"bill date absent", billDateLabel, "Amount due", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := needOf(tt.re)
			if n == nil {
				t.Fatalf("%s has no need", tt.re)
			}
			if got := n.mayMatch(foldText(tt.line)); got != tt.want {
				t.Errorf("mayMatch(%q) = %v, want %v (need %v)", tt.line, got, tt.want, n.words)
			}
		})
	}
}

func TestFoldText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Service address", "SERVICE ADDRESS"},
		{"\u017fervice", "SERVICE"},
		{"\u212Aunde", "KUNDE"},
		{"Straße été", "STRAßE ÉTÉ"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, foldText(tt.in)); diff != "" {
			t.Errorf("foldText(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestLanguageCountsArePatterns: counted token by token, each
// language's words come out as its pattern finds them in the whole text.
func TestLanguageCountsArePatterns(t *testing.T) {
	texts := map[string]string{
		"english bill":   "Your account number and the total amount due\nPage 1 of 3 FOR service",
		"german":         "Bitte überweisen Sie den Betrag für die Rechnung\nKunde: 4 (für) fürs",
		"punctuation":    "(the) account: total, and/or to-do y_la el.la las\tdel\t\tcon",
		"odd letters":    "\u017fie la\u017f \u212Aunde the\u212A ThE Ümlaut \uFFFD and\xffthe",
		"digits glued":   "2the and2 3y y3 y",
		"empty lines":    "\n\n the \n\n",
		"spanish words":  "Fecha de la factura del cliente por el importe con domicilio para los",
		"glued by marks": "the:and;la/el.für,für-für(für)_the the_ 9y y9 \x00the\x7fand",
		"other letters":  "fürür füré éthe theé ſthe theK laſ",
	}
	for name, s := range texts {
		t.Run(name, func(t *testing.T) {
			want := map[string]int{}
			for lang, re := range languageWords {
				if n := len(re.FindAllStringIndex(s, -1)); n > 0 {
					want[lang] = n
				}
			}
			if diff := cmp.Diff(want, languageCounts(s)); diff != "" {
				t.Errorf("languageCounts (-pattern +counted):\n%s", diff)
			}
		})
	}
}
