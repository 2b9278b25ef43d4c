package fields

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/portcheck/portcheck/extract"
)

// page builds a text-layer page from lines written as a person sees
// them: "|" separates columns (each cell gets its own x), leading spaces
// indent by 6pt each, y grows by 14pt a line. Word boxes use a 6pt
// advance per character at 10pt height.
func page(t *testing.T, rows ...string) extract.Page {
	t.Helper()
	p := extract.Page{Number: 1, Width: 612, Height: 792, TextSource: "text-layer"}
	for i, row := range rows {
		y := 40 + float64(i)*14
		var l extract.Line
		for c, cell := range strings.Split(row, "|") {
			x := 40 + float64(c)*250 + 6*float64(len(cell)-len(strings.TrimLeft(cell, " ")))
			for _, w := range strings.Fields(cell) {
				box := extract.Box{x, y, x + 6*float64(len(w)), y + 10}
				l.Words = append(l.Words, extract.Word{Text: w, Box: box})
				x += 6*float64(len(w)) + 6
			}
		}
		if len(l.Words) == 0 {
			continue
		}
		l.Box = l.Words[0].Box
		texts := []string{}
		for _, w := range l.Words {
			l.Box = union(l.Box, w.Box)
			texts = append(texts, w.Text)
		}
		l.Text = strings.Join(texts, " ")
		p.Lines = append(p.Lines, l)
		p.Words = append(p.Words, l.Words...)
	}
	return p
}

func doc(pages ...extract.Page) *extract.Document {
	for i := range pages {
		pages[i].Number = i + 1
	}
	return &extract.Document{Pages: pages, PageCount: len(pages), TextSource: "text-layer"}
}

type billSummary struct {
	Name, Account, Address, Mailing, BTN, Date, Carrier string
	Numbers, Services, Notices                          []string
}

func summarize(b *Bill) billSummary {
	s := billSummary{Name: b.AccountName.Text, Account: b.AccountNumber.Text, Address: b.ServiceAddress.Text,
		Mailing: b.MailingAddress.Text, BTN: b.BTN.Text, Carrier: b.Carrier.Text}
	if b.BillDate.Found() {
		s.Date = b.Date.Format(time.DateOnly)
	}
	for _, v := range b.Numbers {
		s.Numbers = append(s.Numbers, v.Text)
	}
	for _, v := range b.Services {
		s.Services = append(s.Services, v.Text)
	}
	for _, v := range b.Notices {
		s.Notices = append(s.Notices, v.Text)
	}
	return s
}

func TestReadBill(t *testing.T) {
	tests := []struct {
		name string
		doc  func(t *testing.T) *extract.Document
		want billSummary
	}{
		{"labels beside values, decoys around", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"Verizon",
				"Account Name: Acme Widgets, Inc.|Bill Date: November 3, 2026",
				"Account Number: 482-99117-03|Due Date: November 28, 2026",
				"Billing Period: Oct 4 - Nov 3, 2026",
				"Service Address:",
				"1200 N Main Street Suite 300",
				"Springfield, IL 62702",
				"Questions? Call us at 1-800-555-0199",
				"Lines on this account",
				"(217) 555-0100   Business Line   $45.00",
				"(217) 555-0143   Mobile   $35.00",
			))
		}, billSummary{
			Name: "Acme Widgets, Inc.", Account: "482-99117-03", Date: "2026-11-03", Carrier: "Verizon",
			Address: "1200 N Main Street Suite 300, Springfield, IL 62702",
			Numbers: []string{"+12175550100", "+12175550143"},
		}},
		{"values under labels in a header box", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"AT&T",
				"Statement Date|Acct #",
				"11/03/2026|482-99117-03",
				"Bill To",
				"ACME WIDGETS INC",
				"PO Box 12",
				"Springfield IL 62705",
				"Pay by phone 1-800-555-0188",
			))
		}, billSummary{
			Name: "ACME WIDGETS INC", Account: "482-99117-03", Date: "2026-11-03", Carrier: "AT&T",
			Mailing: "PO Box 12, Springfield IL 62705",
		}},
		{"service for block with name, BTN, call detail, notices", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"Spectrum Business",
				"Service For:",
				"ACME WIDGETS INC",
				"1200 N MAIN ST STE 300",
				"SPRINGFIELD IL 62702",
				"Billing Telephone Number: 217-555-0100",
				"Invoice Date: 2026-11-03",
				"Customer ID 8044 1200 7731",
				"PAST DUE - please pay now",
				"Past due amount $0.00",
				"Hunt Group feature   $10.00",
				"Get high-speed internet today!",
			), page(t,
				"Call detail for 217-555-0100",
				"10/05 09:14 AM 312-555-0111 Chicago IL 3 min",
				"10/06 10:02 AM 312-555-0112 Chicago IL 1 min",
			))
		}, billSummary{
			Name: "ACME WIDGETS INC", Account: "8044 1200 7731", Date: "2026-11-03", Carrier: "Spectrum Business",
			Address: "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702", BTN: "+12175550100",
			Numbers:  []string{"+12175550100"},
			Services: []string{"Hunt Group feature $10.00"},
			Notices:  []string{"PAST DUE - please pay now"},
		}},
		{"a possessive caption, an account number that embeds the line, a fax line", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"Consolidated Communications",
				"Your service address|Statement date October 28, 2026",
				"Northgate Veterinary Clinic PLLC|Account 217-555-0163-448",
				"455 Ridgeview Drive|Billing telephone 217-555-0164",
				"Mattoon, IL 61938",
				"",
				"Number|Service",
				"(217) 555-0170|Fax Line",
				"Billing questions? Fax 217-555-0199",
			))
		}, billSummary{
			Account: "217-555-0163-448", Date: "2026-10-28", Carrier: "Consolidated Communications",
			Address: "455 Ridgeview Drive, Mattoon, IL 61938", BTN: "+12175550164",
			Numbers: []string{"+12175550164", "+12175550170"},
		}},
		{"a name broken at its hyphen, an issued date", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"ACCOUNT HOLDER|BILL ISSUED",
				"Tamsin Okonkwo-|Nov 3, 2026",
				"Reyes",
			))
		}, billSummary{Name: "Tamsin Okonkwo-Reyes", Date: "2026-11-03"}},
		{"a name broken at its hyphen whose rest is lost", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"ACCOUNT HOLDER|BILL ISSUED",
				"Tamsin Okonkwo-|Nov 3, 2026",
			))
		}, billSummary{Date: "2026-11-03"}},
		{"a caption whose value OCR lost, over another label's row", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"Granite|INVOICE DATE 11/02/2026",
				"|    CUSTOMER ACCOUNT",
				"|INVOICE NO.|INV-77120934",
			))
		}, billSummary{Date: "2026-11-02"}},
		{"a fixed-width record's dotted captions", func(t *testing.T) *extract.Document {
			return doc(page(t,
				"CUSTOMER SERVICE RECORD",
				"BILL NAME.: LONE OAK LANDSCAPING INC",
				"SVC ADDR..: 2210 BARTON SPRINGS RD STE 3, AUSTIN TX 78704",
				"BTN.......: 512 555-0110",
			))
		}, billSummary{Name: "LONE OAK LANDSCAPING INC", Address: "2210 BARTON SPRINGS RD STE 3, AUSTIN TX 78704", BTN: "+15125550110",
			Numbers: []string{"+15125550110"}}},
	}
	for _, label := range []string{"Premises address:", "Service premises:", "Site address:", "Physical address:", "E911 address:", "Location address:"} {
		tests = append(tests, struct {
			name string
			doc  func(t *testing.T) *extract.Document
			want billSummary
		}{"service address labelled " + label, func(t *testing.T) *extract.Document {
			return doc(page(t, label, "455 Ridgeview Drive", "Mattoon, IL 61938"))
		}, billSummary{Address: "455 Ridgeview Drive, Mattoon, IL 61938"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(ReadBill(tt.doc(t), "US"))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadBill mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bill date November 3, 2026", "2026-11-03"},
		{"NOV 3, 2026", "2026-11-03"},
		{"Sept. 30, 2026", "2026-09-30"},
		{"3 November 2026", "2026-11-03"},
		{"11/03/2026", "2026-11-03"},
		{"13/03/2026", "2026-03-13"},
		{"11/3/26", "2026-11-03"},
		{"2026-11-03", "2026-11-03"},
		{"November 3rd, 2026", "2026-11-03"},
		{"no date here", ""},
		{"99/99/2026", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, _, ok := findDate(tt.in, langEN)
			got := ""
			if ok {
				got = d.Format(time.DateOnly)
			}
			if got != tt.want {
				t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCarrierBrand(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Cellco Partnership d/b/a Verizon Wireless", "Verizon"},
		{"verizon", "Verizon"},
		{"AT&T Mobility", "AT&T"},
		{"Charter Communications", "Spectrum"},
		{"CenturyLink", "Lumen"},
		{"Xfinity", "Comcast"},
		{"Acme Telecom", "Acme Telecom"},
		{"Freedom Phone Co", "Freedom Phone Co"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := CarrierBrand(tt.in); got != tt.want {
				t.Errorf("CarrierBrand(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
