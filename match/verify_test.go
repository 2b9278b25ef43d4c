package match

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// row is a line of a test page: runs of words, each run starting at
// its x (runs far apart are columns).
type row struct {
	y    float64
	runs []run
}

type run struct {
	x    float64
	text string
}

// page builds a text-layer page: each word 6 points a character, 3
// points between words, 8 points high.
func page(rows ...row) *extract.Document {
	p := extract.Page{Number: 1, Width: 612, Height: 792, TextSource: extract.SourceTextLayer}
	for _, r := range rows {
		var l extract.Line
		for _, rn := range r.runs {
			x := rn.x
			for _, t := range strings.Fields(rn.text) {
				w := extract.Word{Text: t, Box: extract.Box{x, r.y, x + 6*float64(len([]rune(t))), r.y + 8}}
				l.Words = append(l.Words, w)
				x = w.Box[2] + 3
			}
		}
		l.Text = joinText(l.Words)
		l.Box = l.Words[0].Box
		for _, w := range l.Words[1:] {
			l.Box = extract.Box{min(l.Box[0], w.Box[0]), min(l.Box[1], w.Box[1]), max(l.Box[2], w.Box[2]), max(l.Box[3], w.Box[3])}
		}
		p.Lines = append(p.Lines, l)
	}
	return &extract.Document{Pages: []extract.Page{p}, TextSource: extract.SourceTextLayer}
}

func at(x float64, text string) run { return run{x, text} }

// val is a value read at a row of the page.
func val(text string, y float64, label string, conf float64) fields.Value {
	return fields.Value{Text: text, Page: 1, Box: extract.Box{40, y, 40 + 6*float64(len(text)), y + 8}, Label: label, Confidence: conf}
}

type got struct {
	Code  report.Code
	Field string
	Found string
}

// compared keeps the findings of the comparisons under test.
func compared(fs []report.Finding) []got {
	codes := []report.Code{report.NameMismatch, report.AddressMismatch, report.AccountNumberMismatch, report.BTNMismatch,
		report.SignerMismatch, report.CarrierMismatch, report.FieldNotFound, report.ServiceAddressUnconfirmed, report.PartialPortUndeclared}
	var out []got
	for _, f := range fs {
		if slices.Contains(codes, f.Code) {
			out = append(out, got{f.Code, f.Field, f.Found})
		}
	}
	return out
}

var billHeader = []row{
	{30, []run{at(40, "Verizon")}},
	{50, []run{at(40, "Account name:"), at(300, "Account number: 482-99117-03")}},
}

// TestVerifyBeforeAccusing: the bill's comparisons look for the order's
// value where the field stands before they accuse, accuse only with a
// value of the field's kind, and still raise the genuine mismatches.
func TestVerifyBeforeAccusing(t *testing.T) {
	service := []row{
		{100, []run{at(40, "Service address")}},
		{112, []run{at(40, "1200 N Main Street")}},
		{124, []run{at(40, "Suite 300")}},
		{136, []run{at(40, "Springfield, IL 62702")}},
	}
	lines := []row{
		{200, []run{at(40, "Lines on this account")}},
		{212, []run{at(40, "217-555-0100"), at(200, "$20.00")}},
		{224, []run{at(40, "217-555-0143"), at(200, "$20.00")}},
	}
	rows := func(name string, extra ...[]row) []row {
		rs := []row{billHeader[0], {50, []run{at(40, "Account name: "+name), at(300, "Account number: 482-99117-03")}}}
		for _, e := range extra {
			rs = append(rs, e...)
		}
		return rs
	}
	wholeService := val("1200 N Main Street, Suite 300, Springfield, IL 62702", 112, "Service address", 0.8)
	tests := []struct {
		name   string
		rows   []row
		modify func(o *order.Order)
		bill   fields.Bill
		want   []got
	}{
		{
			name: "a label read as the name, the order's name beside its label",
			rows: rows("Acme Widgets, Inc.", service, lines),
			bill: fields.Bill{AccountName: val("Billing period", 50, "", 0.6), ServiceAddress: wholeService},
		},
		{
			name: "a label read as the name, the name printed nowhere",
			rows: append([]row{billHeader[0], {50, []run{at(300, "Account number: 482-99117-03")}}}, append(service, lines...)...),
			bill: fields.Bill{AccountName: val("Billing period", 50, "", 0.6), ServiceAddress: wholeService},
			want: []got{{report.FieldNotFound, "account_name", ""}},
		},
		{
			name: "a sentence read as the name does not accuse",
			rows: rows("Acme Widgets, Inc.", service, lines),
			bill: fields.Bill{AccountName: val("or an authorized representative of the customer named above", 50, "account holder", 0.9), ServiceAddress: wholeService},
		},
		{
			name: "punctuation differs beside the label",
			rows: rows("ACME WIDGETS INC", service, lines),
			bill: fields.Bill{AccountName: val("ACME WIDGETS INC", 50, "Account name", 0.9), ServiceAddress: wholeService},
			want: []got{{report.NameMismatch, "account_name", "ACME WIDGETS INC"}},
		},
		{
			name:   "Corporation vs Corp still raised",
			rows:   rows("KESSLER TOOL CORPORATION", service, lines),
			modify: func(o *order.Order) { o.AccountName = "KESSLER TOOL CORP" },
			bill:   fields.Bill{AccountName: val("Billing period", 50, "", 0.6), ServiceAddress: wholeService},
			want:   []got{{report.NameMismatch, "account_name", "KESSLER TOOL CORPORATION"}},
		},
		{
			name: "a one-digit account number difference still raised",
			rows: []row{billHeader[0], {50, []run{at(40, "Account name: Acme Widgets, Inc."), at(300, "Account number: 482-99117-04")}}, service[0], service[1], service[2], service[3], lines[0], lines[1], lines[2]},
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), AccountNumber: val("482-99117-04", 50, "Account number", 0.9), ServiceAddress: wholeService},
			want: []got{{report.AccountNumberMismatch, "account_number", "482-99117-04"}},
		},
		{
			name: "a house number 1210 vs 1200 still raised",
			rows: rows("Acme Widgets, Inc.", []row{service[0], {112, []run{at(40, "1210 N Main Street")}}, service[2], service[3]}, lines),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), ServiceAddress: val("1210 N Main Street, Suite 300, Springfield, IL 62702", 112, "Service address", 0.8)},
			want: []got{{report.AddressMismatch, "service_address", "1210 N Main Street, Suite 300, Springfield, IL 62702"}},
		},
		{
			name: "a street line alone confirms, never accuses",
			rows: rows("Acme Widgets, Inc.", []row{service[0], service[1]}, lines),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), ServiceAddress: val("1200 N Main Street", 112, "Service address", 0.8)},
		},
		{
			name: "a city line read as the address, the whole address printed under the label",
			rows: rows("Acme Widgets, Inc.", service, lines),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), ServiceAddress: val("Springfield, IL 62702", 136, "Service address", 0.8)},
		},
		{
			name: "the service address printed under an unknown caption is found, not unconfirmed",
			rows: rows("Acme Widgets, Inc.", []row{{100, []run{at(40, "Bill to"), at(300, "Site (E911 address)")}}, {112, []run{at(40, "PO Box 77"), at(300, "1200 N Main Street")}}, {124, []run{at(40, "Springfield, IL 62705"), at(300, "Suite 300")}}, {136, []run{at(300, "Springfield, IL 62702")}}}, lines),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), MailingAddress: val("PO Box 77, Springfield, IL 62705", 112, "Bill to", 0.8)},
		},
		{
			name: "only a mailing address: unconfirmed",
			rows: rows("Acme Widgets, Inc.", []row{{100, []run{at(40, "Mailing address")}}, {112, []run{at(40, "PO Box 77")}}, {124, []run{at(40, "Springfield, IL 62705")}}}, lines),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), MailingAddress: val("PO Box 77, Springfield, IL 62705", 112, "Mailing address", 0.8)},
			want: []got{{report.ServiceAddressUnconfirmed, "service_address", "PO Box 77, Springfield, IL 62705"}},
		},
		{
			name: "no address at all: not found, not unconfirmed",
			rows: rows("Acme Widgets, Inc.", lines),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9)},
			want: []got{{report.FieldNotFound, "service_address", ""}},
		},
		{
			name: "the carrier's own number in its footer is no line of the account",
			rows: rows("Acme Widgets, Inc.", service, lines, []row{{700, []run{at(40, "Verizon Wireless · 1-888-555-0150")}}}),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), ServiceAddress: wholeService,
				Numbers: []fields.Value{val("+12175550100", 212, "", 0.6), val("+12175550143", 224, "", 0.6), val("+18885550150", 700, "", 0.6)}},
		},
		{
			name: "a third line in the lines table is raised",
			rows: rows("Acme Widgets, Inc.", service, lines, []row{{236, []run{at(40, "217-555-0188"), at(200, "$20.00")}}}),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), ServiceAddress: wholeService,
				Numbers: []fields.Value{val("+12175550100", 212, "", 0.6), val("+12175550143", 224, "", 0.6), val("+12175550188", 236, "", 0.6)}},
			want: []got{{report.PartialPortUndeclared, "full_port", "+12175550188"}},
		},
		{
			name: "another carrier as the issuer is raised",
			rows: append([]row{{30, []run{at(40, "Comcast Business")}}}, rows("Acme Widgets, Inc.", service, lines)[1:]...),
			bill: fields.Bill{AccountName: val("Acme Widgets, Inc.", 50, "Account name", 0.9), ServiceAddress: wholeService, Carrier: val("Comcast Business", 30, "", 0.6), CarrierBrand: "Comcast"},
			want: []got{{report.CarrierMismatch, "current_carrier", "Comcast Business"}},
		},
	}
	p := getProfile(t, "kazoo-bandwidth")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			if tt.modify != nil {
				tt.modify(o)
			}
			b := tt.bill
			if !b.AccountNumber.Found() {
				b.AccountNumber = val("482-99117-03", 50, "Account number", 0.9)
			}
			r := Read{Doc: order.Document{Kind: order.KindBill, Path: "bill.pdf"}, Text: page(tt.rows...), Bill: &b}
			fs := billFindings(o, p, r)
			if diff := cmp.Diff(tt.want, compared(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				if strings.Contains(f.Message, `""`) || strings.HasSuffix(f.Fix, ": ") {
					t.Errorf("%s carries an empty value: %q / %q", f.Code, f.Message, f.Fix)
				}
			}
		})
	}
}

// TestVerifyLOA: the LOA's name, signer, carrier and address are
// confirmed in its details before they accuse.
func TestVerifyLOA(t *testing.T) {
	form := func(name, addr, signer string) []row {
		return []row{
			{100, []run{at(40, "CUSTOMER / BUSINESS NAME (AS SHOWN ON BILL)")}},
			{112, []run{at(40, name)}},
			{130, []run{at(40, "SERVICE ADDRESS"), at(300, "SUITE / UNIT")}},
			{142, []run{at(40, "1200 N Main Street"), at(300, addr)}},
			{160, []run{at(40, "CITY STATE ZIP")}},
			{172, []run{at(40, "Springfield IL 62702")}},
			{200, []run{at(40, "I, the undersigned, am the account holder or an authorized representative of the customer named above.")}},
			{212, []run{at(40, "I authorize Northwind to notify my current carrier, Verizon, of my decision to change providers.")}},
			{300, []run{at(40, "PRINTED NAME"), at(300, "TITLE")}},
			{312, []run{at(40, signer), at(300, "Office Manager")}},
		}
	}
	prose := val("or an authorized representative of the customer named above.", 200, "account holder", 0.9)
	tests := []struct {
		name string
		rows []row
		loa  fields.LOA
		want []got
	}{
		{
			name: "prose read for name, signer and carrier; the details agree",
			rows: form("Acme Widgets, Inc.", "Suite 300", "Dana Whitfield"),
			loa: fields.LOA{AccountName: prose, SignerName: val("of the customer named above.", 200, "", 0.9),
				Carrier: val("'s bill", 90, "Current carrier", 0.9), CarrierBrand: "'s bill", ServiceAddress: val("1200 N Main Street", 142, "SERVICE ADDRESS", 0.8)},
		},
		{
			name: "the LOA drops the LLC: still raised",
			rows: form("Acme Widgets", "Suite 300", "Dana Whitfield"),
			loa:  fields.LOA{AccountName: val("Acme Widgets", 112, "CUSTOMER / BUSINESS NAME", 0.8)},
			want: []got{{report.NameMismatch, "account_name", "Acme Widgets"}},
		},
		{
			name: "a unit on the LOA differs: raised",
			rows: form("Acme Widgets, Inc.", "Suite 450", "Dana Whitfield"),
			loa:  fields.LOA{AccountName: val("Acme Widgets, Inc.", 112, "CUSTOMER / BUSINESS NAME", 0.8), ServiceAddress: val("1200 N Main Street", 142, "SERVICE ADDRESS", 0.8)},
			want: []got{{report.AddressMismatch, "service_address", "1200 N Main Street Suite 450, Springfield IL 62702"}},
		},
		{
			name: "signed by another person: raised",
			rows: form("Acme Widgets, Inc.", "Suite 300", "Dana Holloway"),
			loa:  fields.LOA{AccountName: val("Acme Widgets, Inc.", 112, "CUSTOMER / BUSINESS NAME", 0.8), SignerName: val("of the customer named above.", 200, "", 0.9)},
			want: []got{{report.SignerMismatch, "authorized_name", "Dana Holloway"}},
		},
	}
	p := getProfile(t, "kazoo-bandwidth")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			l := tt.loa
			r := Read{Doc: order.Document{Kind: order.KindLOA, Path: "loa.pdf"}, Text: page(tt.rows...), LOA: &l}
			if diff := cmp.Diff(tt.want, compared(loaFindings(o, p, r))); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScanSpacingIsNoMismatch: OCR joins and splits words by the gaps
// it sees, so an account number read from a scan that differs from the
// order's only in spacing is no finding; the same difference in a text
// layer is still one.
func TestScanSpacingIsNoMismatch(t *testing.T) {
	p := getProfile(t, "kazoo-bandwidth")
	tests := []struct {
		name   string
		source string
		want   []got
	}{
		{"scan", extract.SourceOCR, nil},
		{"text layer", extract.SourceTextLayer, []got{{report.AccountNumberMismatch, "account_number", "482-99117-0 3"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			doc := page(billHeader[0], row{50, []run{at(40, "Account name: Acme Widgets, Inc."), at(300, "Account number: 482-99117-0 3")}})
			doc.Pages[0].TextSource, doc.TextSource = tt.source, tt.source
			b := fields.Bill{AccountNumber: fields.Value{Text: "482-99117-0 3", Page: 1, Box: doc.Pages[0].Lines[1].Words[5].Box, Label: "Account number", Confidence: 0.9}}
			r := Read{Doc: order.Document{Kind: order.KindBill, Path: "bill.pdf"}, Text: doc, Bill: &b}
			var accts []got
			for _, g := range compared(billFindings(o, p, r)) {
				if g.Code == report.AccountNumberMismatch {
					accts = append(accts, g)
				}
			}
			if diff := cmp.Diff(tt.want, accts); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestScanCaseOfSameShapeLetters: OCR reads the case of a letter whose
// capital is its small letter drawn larger (c, o, s, v, w, x, z) by its
// size alone, so on a scan such a case difference confirms the order's
// value; any other case difference, and any on a text layer, is still
// a mismatch.
func TestScanCaseOfSameShapeLetters(t *testing.T) {
	p := getProfile(t, "kazoo-bandwidth")
	tests := []struct {
		name, source, printed string
		want                  []got
	}{
		{"scan, c read as C", extract.SourceOCR, "ACme Widgets, Inc.", nil},
		{"scan, c read as C, no label", extract.SourceOCR, "ACme Widgets, Inc.", nil},
		{"scan, o and s read as O and S", extract.SourceOCR, "Acme WidgetS, InC.", nil},
		{"scan, a whole word in capitals", extract.SourceOCR, "ACME Widgets, Inc.", []got{{report.NameMismatch, "account_name", "ACME Widgets, Inc."}}},
		{"text layer, c as C", extract.SourceTextLayer, "ACme Widgets, Inc.", []got{{report.NameMismatch, "account_name", "ACme Widgets, Inc."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := baseOrder(t)
			label := "Account name: "
			if strings.HasSuffix(tt.name, "no label") {
				label = "Organisation "
			}
			doc := page(billHeader[0], row{50, []run{at(40, label+tt.printed), at(300, "Account number: 482-99117-03")}})
			doc.Pages[0].TextSource, doc.TextSource = tt.source, tt.source
			ws := doc.Pages[0].Lines[1].Words
			from := len(strings.Fields(label))
			box := ws[from].Box
			for _, w := range ws[from+1 : from+3] {
				box[2] = w.Box[2]
			}
			b := fields.Bill{AccountName: fields.Value{Text: tt.printed, Page: 1, Box: box, Label: "Account name", Confidence: 0.9}}
			r := Read{Doc: order.Document{Kind: order.KindBill, Path: "bill.pdf"}, Text: doc, Bill: &b}
			var names []got
			for _, g := range compared(billFindings(o, p, r)) {
				if g.Code == report.NameMismatch {
					names = append(names, g)
				}
			}
			if diff := cmp.Diff(tt.want, names); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}
