package docgen

import (
	"encoding/json"
	"fmt"
	"time"
)

// Entry is one generated document and the truth printed on it.
type Entry struct {
	File string `json:"file"`
	Kind string `json:"kind"`
	Bill *Bill  `json:"bill,omitempty"`
	LOA  *LOA   `json:"loa,omitempty"`
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// CleanBill is the sample customer's bill, printed exactly as the sample
// order says (SPEC section 1).
func CleanBill(layout string) Bill {
	return Bill{
		Layout: layout, Carrier: "Verizon", CarrierLegal: "Cellco Partnership d/b/a Verizon Wireless",
		AccountName: "Acme Widgets, Inc.", AccountNumber: "482-99117-03",
		ServiceAddress: Address{Line1: "1200 N Main Street", Line2: "Suite 300", City: "Springfield", State: "IL", ZIP: "62702"},
		BillDate:       day("2026-11-03"), DueDate: day("2026-11-28"),
		PeriodStart: day("2026-10-04"), PeriodEnd: day("2026-11-03"),
		BTN:   "(217) 555-0100",
		Lines: []string{"(217) 555-0100", "(217) 555-0143"},
	}
}

// CleanLOA is the sample customer's LOA, signed and dated.
func CleanLOA(layout, signature string) LOA {
	d := day("2026-11-10")
	return LOA{
		Layout: layout, GainingProvider: "Example Voice LLC", CurrentCarrier: "Verizon",
		AccountName: "Acme Widgets, Inc.", AccountNumber: "482-99117-03",
		ServiceAddress: Address{Line1: "1200 N Main Street", Line2: "Suite 300", City: "Springfield", State: "IL", ZIP: "62702"},
		Numbers:        []string{"(217) 555-0100", "(217) 555-0143"},
		SignerName:     "Dana Whitfield", SignerTitle: "Office Manager",
		Signature: signature, SignedDate: &d,
	}
}

// Standard is the set written to testdata/docs: a clean bill in every
// layout, faulty variants, and LOAs signed every way, unsigned, undated
// and incomplete.
func Standard() []Entry {
	var out []Entry
	for _, l := range BillLayouts {
		b := CleanBill(l)
		out = append(out, Entry{File: "bill-" + l + ".pdf", Kind: "bill", Bill: &b})
	}
	variant := func(file, layout string, edit func(*Bill)) {
		b := CleanBill(layout)
		edit(&b)
		out = append(out, Entry{File: file, Kind: "bill", Bill: &b})
	}
	variant("bill-header-box-name-punct.pdf", "header-box", func(b *Bill) { b.AccountName = "ACME WIDGETS INC" })
	variant("bill-two-column-abbrev-address.pdf", "two-column", func(b *Bill) { b.ServiceAddress.Line1, b.ServiceAddress.Line2 = "1200 N Main St", "Ste 300" })
	variant("bill-line-table-other-account.pdf", "line-table", func(b *Bill) { b.AccountNumber = "482-99117-04" })
	variant("bill-csr-extra-line.pdf", "csr", func(b *Bill) { b.Lines = append(b.Lines, "(217) 555-0177") })
	variant("bill-csr-dsl.pdf", "csr", func(b *Bill) { b.Services = []string{"DSL Internet 25 Mbps"} })
	variant("bill-csr-hunt-group.pdf", "csr", func(b *Bill) { b.Services = []string{"Hunt Group"} })
	variant("bill-statement-stub-past-due.pdf", "statement-stub", func(b *Bill) { b.Notices = []string{"PAST DUE - DISCONNECTION NOTICE"} })
	variant("bill-header-box-old.pdf", "header-box", func(b *Bill) {
		b.BillDate, b.DueDate, b.PeriodStart, b.PeriodEnd = day("2026-10-01"), day("2026-10-26"), day("2026-09-02"), day("2026-10-01")
	})
	variant("bill-header-box-aging.pdf", "header-box", func(b *Bill) {
		b.BillDate, b.DueDate, b.PeriodStart, b.PeriodEnd = day("2026-10-27"), day("2026-11-21"), day("2026-09-28"), day("2026-10-27")
	})
	variant("bill-header-box-call-detail.pdf", "header-box", func(b *Bill) { b.CallDetailPages = 2 })
	variant("bill-cable-bundle-att.pdf", "cable-bundle", func(b *Bill) { b.Carrier, b.CarrierLegal = "AT&T", "" })
	variant("bill-statement-stub-mailing-only.pdf", "statement-stub", func(b *Bill) {
		b.BillingAddress = &Address{Line1: "PO Box 880", City: "Springfield", State: "IL", ZIP: "62705"}
		b.OmitServiceAddress = true
	})
	variant("bill-two-column-second-account.pdf", "two-column", func(b *Bill) {
		b.AccountNumber, b.Lines = "771-20455-18", []string{"(217) 555-0143"}
	})
	// Each layout shows each signature kind on some variant, so a reader
	// is tested on every kind in every layout, not only on the signed one.
	signatures := map[string][3]string{ // signed, undated, no statement
		"form":   {"script", "strokes", "docusign"},
		"letter": {"typed", "docusign", "strokes"},
		"table":  {"docusign", "script", "typed"},
	}
	for _, l := range LOALayouts {
		add := func(suffix, signature string, edit func(*LOA)) {
			a := CleanLOA(l, signature)
			edit(&a)
			out = append(out, Entry{File: "loa-" + l + suffix + ".pdf", Kind: "loa", LOA: &a})
		}
		kinds := signatures[l]
		add("-signed", kinds[0], func(*LOA) {})
		add("-unsigned", "none", func(*LOA) {})
		add("-undated", kinds[1], func(a *LOA) { a.SignedDate = nil })
		add("-no-statement", kinds[2], func(a *LOA) { a.OmitStatement = true })
	}
	old := CleanLOA("letter", "typed")
	d := day("2026-09-15")
	old.SignedDate = &d
	out = append(out, Entry{File: "loa-letter-old.pdf", Kind: "loa", LOA: &old})
	secret := CleanLOA("form", "script")
	secret.PIN, secret.TaxID = "4410", "123-45-6789"
	out = append(out, Entry{File: "loa-form-pin.pdf", Kind: "loa", LOA: &secret})
	strokes := CleanLOA("form", "strokes")
	out = append(out, Entry{File: "loa-form-strokes.pdf", Kind: "loa", LOA: &strokes})
	return out
}

// Manifest is manifest.json for a set: each file's kind and the values
// printed on it, for tests to compare what they read with.
func Manifest(set []Entry) ([]byte, error) {
	data, err := json.MarshalIndent(set, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal manifest: %w", err)
	}
	return append(data, '\n'), nil
}

// Render makes the PDF of an entry.
func (e Entry) Render() ([]byte, error) {
	if e.Bill != nil {
		return e.Bill.PDF()
	}
	return e.LOA.PDF()
}

// ScanEntry is a scanned variant of a standard document.
type ScanEntry struct {
	File   string `json:"file"`
	Kind   string `json:"kind"`
	Source string `json:"source"` // the text-layer original in testdata/docs
	Scan   Scan   `json:"scan"`
}

// Scans is the scanned set written to testdata/scans: every bill layout
// and LOA layout at least once, 150 to 300 DPI, askew by up to two
// degrees, with noise and JPEG artefacts, as image-only PDFs and as bare
// images.
func Scans() []ScanEntry {
	return []ScanEntry{
		{"scan-bill-header-box.pdf", "bill", "bill-header-box.pdf", Scan{DPI: 300, Rotate: 1, Noise: 12, Format: "pdf"}},
		{"scan-bill-two-column.pdf", "bill", "bill-two-column.pdf", Scan{DPI: 200, Rotate: -1.5, Noise: 10, Format: "pdf"}},
		{"scan-bill-line-table.jpg", "bill", "bill-line-table.pdf", Scan{DPI: 200, Rotate: 0.8, Noise: 8, Format: "jpeg"}},
		{"scan-bill-csr.png", "bill", "bill-csr.pdf", Scan{DPI: 150, Rotate: 0, Format: "png"}},
		{"scan-bill-statement-stub.tif", "bill", "bill-statement-stub.pdf", Scan{DPI: 200, Rotate: -0.5, Format: "tiff"}},
		{"scan-bill-cable-bundle.pdf", "bill", "bill-cable-bundle.pdf", Scan{DPI: 300, Rotate: 2, Noise: 10, Format: "pdf"}},
		{"scan-bill-call-detail.pdf", "bill", "bill-header-box-call-detail.pdf", Scan{DPI: 200, Rotate: 0.5, Noise: 6, Format: "pdf"}},
		{"scan-bill-name-punct.pdf", "bill", "bill-header-box-name-punct.pdf", Scan{DPI: 300, Rotate: -1, Noise: 8, Format: "pdf"}},
		{"scan-loa-form-signed.pdf", "loa", "loa-form-signed.pdf", Scan{DPI: 300, Rotate: 1, Noise: 10, Format: "pdf"}},
		{"scan-loa-letter-signed.jpg", "loa", "loa-letter-signed.pdf", Scan{DPI: 200, Rotate: -1, Noise: 8, Format: "jpeg"}},
		{"scan-loa-table-signed.pdf", "loa", "loa-table-signed.pdf", Scan{DPI: 300, Rotate: 0.5, Noise: 8, Format: "pdf"}},
		{"scan-loa-letter-unsigned.pdf", "loa", "loa-letter-unsigned.pdf", Scan{DPI: 200, Rotate: 1.5, Noise: 8, Format: "pdf"}},
		{"scan-bill-header-box-sideways.jpg", "bill", "bill-header-box.pdf", Scan{DPI: 200, Turn: 90, Noise: 6, Format: "jpeg"}},
		{"scan-bill-two-column-upside-down.pdf", "bill", "bill-two-column.pdf", Scan{DPI: 300, Turn: 180, Rotate: 0.5, Noise: 6, Format: "pdf"}},
		{"scan-bill-header-box-75dpi.jpg", "bill", "bill-header-box.pdf", Scan{DPI: 75, Rotate: 1, Noise: 30, Format: "jpeg"}},
	}
}
