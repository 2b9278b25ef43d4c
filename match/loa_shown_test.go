package match

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// TestLOAElementsShown: an element no label gives is still shown when
// the order's own value is printed on the LOA (in a sentence, across a
// line break, in other case or punctuation); a value that differs, or
// an account number too short to tell from other digits, shows nothing.
func TestLOAElementsShown(t *testing.T) {
	tests := []struct {
		name string
		rows []row
		want []string
	}{
		{"named in the letter's sentences", []row{
			{100, []run{at(40, "I, Dana Whitfield, Office Manager of ACME WIDGETS, INC. authorize Northwind to port")}},
			{112, []run{at(40, "the numbers below from our present carrier, Verizon, account 4829-9117-03.")}},
		}, nil},
		{"the name broken over two lines", []row{
			{100, []run{at(40, "I authorize Northwind to port the numbers of Acme")}},
			{112, []run{at(40, "Widgets, Inc. from Verizon Business; account 482 9911 703")}},
		}, nil},
		{"the account number beside the BTN on one line", []row{
			{100, []run{at(40, "I authorize Northwind to port the numbers of Acme Widgets, Inc. from Verizon.")}},
			{112, []run{at(40, "4829 9117 03"), at(300, "217-555-0100")}},
		}, nil},
		{"the account number's digits inside a longer number", []row{
			{100, []run{at(40, "I authorize Northwind to port the numbers of Acme Widgets, Inc. from Verizon.")}},
			{112, []run{at(40, "Ref 14829-9117-035")}},
		}, []string{"the account number"}},
		{"another name, another carrier, another account", []row{
			{100, []run{at(40, "I authorize Northwind to port the numbers of Acme Widget Co from AT&T, account 482991170.")}},
		}, []string{"the current carrier", "the account name", "the account number"}},
		{"nothing named", []row{
			{100, []run{at(40, "I authorize Northwind to port the numbers listed below.")}},
		}, []string{"the current carrier", "the account name", "the account number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			o.CurrentCarrier, o.AccountName, o.AccountNumber = "Verizon", "Acme Widgets, Inc.", "482-99117-03"
			l := fields.LOA{SignerName: val("Dana Whitfield", 300, "PRINTED NAME", 0.8), Statement: val("I authorize", 100, "", 0.6),
				Numbers: []fields.Value{val("+12175550100", 200, "", 0.6)}}
			r := Read{Doc: order.Document{Kind: order.KindLOA, Path: "loa.pdf"}, Text: page(tt.rows...), LOA: &l}
			if diff := cmp.Diff(tt.want, loaMissing(o, r, &l)); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("short account number", func(t *testing.T) {
		o := baseOrder(t)
		o.AccountNumber = "4821"
		r := Read{Doc: order.Document{Kind: order.KindLOA}, Text: page(row{100, []run{at(40, "Suite 4821")}}), LOA: &fields.LOA{}}
		if accountShown(r, o.AccountNumber) {
			t.Error("a four-digit account number counted as shown")
		}
	})
}

// TestLongerNameIsNoConfirmation: the order's name found inside a
// longer printed name that goes on with a legal form ("Acme Widgets" in
// "Acme Widgets, Inc.") is not the order's name: the carrier compares
// the whole. The same name with the legal form in the order confirms.
func TestLongerNameIsNoConfirmation(t *testing.T) {
	rows := []row{
		{100, []run{at(40, "CUSTOMER / BUSINESS NAME (AS SHOWN ON BILL)")}},
		{112, []run{at(40, "Acme Widgets, Inc.")}},
	}
	tests := []struct {
		name, order string
		want        []got
	}{
		{"the order leaves the legal form out", "Acme Widgets", []got{{report.NameMismatch, "account_name", "Acme Widgets, Inc."}}},
		{"the order has it", "Acme Widgets, Inc.", nil},
		{"the order abbreviates it", "Acme Widgets Incorporated", []got{{report.NameMismatch, "account_name", "Acme Widgets, Inc."}}},
	}
	p := getProfile(t, "strict")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			o.AccountName = tt.order
			l := fields.LOA{AccountName: val("Acme Widgets, Inc.", 112, "CUSTOMER / BUSINESS NAME", 0.8)}
			r := Read{Doc: order.Document{Kind: order.KindLOA, Path: "loa.pdf"}, Text: page(rows...), LOA: &l}
			if diff := cmp.Diff(tt.want, compared(loaFindings(o, p, r))); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
