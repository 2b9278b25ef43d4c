package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
)

// TestLabelOrProse: a label counts where it stands as one, never
// inside a sentence.
func TestLabelOrProse(t *testing.T) {
	tests := []struct {
		name  string
		re    *pattern
		row   string
		found bool
	}{
		{"label with colon", accountNameLabel, "Account Name: Acme Widgets, Inc.", true},
		{"label over a value", accountNumberLabel, "Acct #", true},
		{"label and short value", serviceAddrLabel, "Service Address 1200 N Main Street", true},
		{"lead-in before a colon", accountNumberLabel, "Your account number: 4821", true},
		{"list marker", accountNameLabel, "1. Account Name: Acme", true},
		{"after a dash separator", sellerLabel, "Virement BRED – Titulaire du compte : NETPRESSE", true},
		{"header row without gaps", accountNumberLabel, "Numéro de ligne Id.client Adresse", true},
		{"inside a sentence", accountNameLabel, "I, the undersigned, am the account holder or an authorized representative of the customer named above.", false},
		{"sentence after the label", accountNumberLabel, "Account number changes will be shown on your next bill and in the app.", false},
		{"part of a longer label", customerBlockLabel, "MAIL TO:", false},
		{"first word of another field's label", accountNumberLabel, "Account Name: Acme", false},
		{"lead-in without colon", serviceAddrLabel, "Taxes are based on the service address shown on this bill", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := findLabels(doc(page(t, tt.row)), tt.re)
			if got := len(hits) > 0; got != tt.found {
				t.Errorf("findLabels(%q) found %v, want %v", tt.row, got, tt.found)
			}
		})
	}
}

func TestIsLabel(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Billing period", true},
		{"ACCOUNT NUMBER", true},
		{"Due Date: 11/12/2026", true},
		{"Date (MM/DD/YYYY)", true},
		{"Statement date", true},
		{"Acme Widgets, Inc.", false},
		{"State Farm Insurance", false},
		{"Page Lumber Co", false},
		{"BRIGHTWATER LAUNDRY CO.", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := isLabel(tt.text); got != tt.want {
				t.Errorf("isLabel(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestPostalLine: a city line in the forms the readers know, and the
// street and unit lines that look like one.
func TestPostalLine(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Springfield, IL 62702", true},
		{"SPRINGFIELD IL 62702-1234", true},
		{"69100 Villeurbanne", true},
		{"D-63571 Gelnhausen", true},
		{"1025 RX Amsterdam", true},
		{"Wien 1060", true},
		{"Lucknow 226010 Uttar Pradesh", true},
		{"Suite 1100", false},
		{"SUITE 1100", false},
		{"P.O. Box 1187", false},
		{"PO BOX 4179", false},
		{"Unit 12", false},
		{"4945 LAKEVIEW TERRACE", false},
		{"3063 Harbor View Cir", false},
		{"4321 Peachtree St NE", false},
		{"1200 N Main", false},
		{"4557 De Silva St", false},
		{"9278 Kingsley Pl, Bldg C", false},
		{"1200 Main St, Springfield, IL 62702", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := postalLine(tt.text); got != tt.want {
				t.Errorf("postalLine(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestBillRules reads small bills, each built to trip one rule.
func TestBillRules(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		want billSummary
	}{
		{"qualifier right of the label", []string{
			"Account Name (AS SHOWN ON BILL)",
			"Hollis Family Pharmacy",
		}, billSummary{Name: "Hollis Family Pharmacy"}},
		{"qualifier under the label", []string{
			"Service Address",
			"(E911 ADDRESS)",
			"4945 Lakeview Terrace",
			"Minneapolis, MN 55401",
		}, billSummary{Address: "4945 Lakeview Terrace, Minneapolis, MN 55401"}},
		{"another column's label is no value", []string{
			"Account Name|Account Number",
			"Acme Widgets|482-99117-03",
		}, billSummary{Name: "Acme Widgets", Account: "482-99117-03"}},
		{"an address without its city line is none", []string{
			"Service address: 3063 Harbor View Cir",
			"Questions? Call 1-800-555-0199",
		}, billSummary{}},
		{"the value under the label beats another column's amount", []string{
			"Service address|$208.39",
			"1107 Old Hickory Rd|Total amount due by 11/12/2026",
			"Suite 1100",
			"Eugene, OR 97401",
		}, billSummary{Address: "1107 Old Hickory Rd, Suite 1100, Eugene, OR 97401"}},
		{"a sidebar of stacked labels", []string{
			"Statement date",
			"10/18/2026",
			"Billing period",
			"Sep 16, 2026 - Oct 15, 2026",
			"Service address",
			"1107 Old Hickory Rd",
			"Eugene, OR 97401",
		}, billSummary{Date: "2026-10-18", Address: "1107 Old Hickory Rd, Eugene, OR 97401"}},
		{"a phone number is no account number", []string{
			"Account: (217) 555-0100",
		}, billSummary{Numbers: []string{"+12175550100"}}},
		{"an account number may embed the BTN", []string{
			"Account Number: 404 555-0118 775 0",
		}, billSummary{Account: "404 555-0118 775 0", Numbers: []string{"+14045550118"}}},
		{"a date or an amount is no name", []string{
			"Account Name|Customer Name",
			"November 3, 2026|$208.39",
		}, billSummary{}},
		{"another column's amount does not start a block", []string{
			"|Verizon",
			"",
			"Pioneer Valley HVAC Inc.",
			"7136 Old Hickory Rd",
			"Baton Rouge, LA 70801",
			"",
			"Your Bill Summary",
			"|$154.33 7136 Old Hickory Rd",
			"|-$154.33 Baton Rouge, LA 70801",
		}, billSummary{Name: "Pioneer Valley HVAC Inc.", Carrier: "Verizon"}},
		{"an indented block under its label", []string{
			"SERVICE ADDRESS:|MAIL TO:",
			"  9595 W DIVISION ST|  PO BOX 3746",
			"  RICHMOND, VA 23219|  RICHMOND, VA 23219",
		}, billSummary{Address: "9595 W DIVISION ST, RICHMOND, VA 23219"}},
		{"another row's value under a label is not its value", []string{
			"Invoice Date",
			"Services From 09/15/26 to 10/15/26",
		}, billSummary{}},
		{"billing period ending dates an undated bill", []string{
			"Billing period ending|December 1, 2026",
			"Amount due December 26, 2026",
		}, billSummary{Date: "2026-12-01"}},
		{"the carrier's numbers in a footer and an ad", []string{
			"Lines on this account",
			"(217) 555-0100",
			"Add Verizon One Talk to your lines. Ask about pricing at 1-866-555-0102.",
			"T-Mobile USA, Inc. · 1-888-555-0150",
		}, billSummary{Carrier: "Verizon", Numbers: []string{"+12175550100"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(ReadBill(doc(page(t, tt.rows...)), "US"))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadBill mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var _ = extract.Word{}
