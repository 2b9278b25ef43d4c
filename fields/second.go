package fields

import "github.com/portcheck/portcheck/extract"

// A scan may be read twice (extract.ReadAgain): first as one block of
// text, then with Tesseract's own layout analysis, which reads each
// column apart. Each reading garbles rows the other reads whole (a
// label run into a large figure of the next column in the first, a
// form's date row or a signature's ink in the second), so a field the
// first reading missed is taken from the second. A value the first
// reading found is never replaced: a wrong value is worse than none,
// and two readings that disagree are no reason to trust the later one.

// WantsSecondReading reports whether a scanned document, read as kind
// ("bill", "csr" or "loa"), misses a field a check compares or dates
// by, so that reading its pages again may find it. Text-layer
// documents and documents read twice already never want one.
func WantsSecondReading(doc *extract.Document, kind string) bool {
	if doc == nil || doc.Second != nil || len(doc.OCRPages()) == 0 {
		return false
	}
	switch kind {
	case "bill", "csr":
		b := readBill(doc, "US")
		return !usable(b.AccountName) || !usable(b.AccountNumber) || !usable(b.BillDate) ||
			!usable(b.ServiceAddress) && !usable(b.MailingAddress)
	case "loa":
		l := readLOA(doc, "US")
		return !usable(l.AccountName) || !usable(l.AccountNumber) || !usable(l.ServiceAddress) ||
			!usable(l.SignedDate) || !usable(l.Statement)
	}
	return false
}

// usable: a value read with the confidence to report and compare it.
func usable(v Value) bool { return v.Found() && v.Confidence >= MinConfidence }

// fill takes the second reading's value where the first has none.
func fill(dst *Value, second Value) bool {
	if usable(*dst) || !usable(second) {
		return false
	}
	*dst = second
	return true
}

func fillBill(b, s *Bill) {
	fill(&b.AccountName, s.AccountName)
	fill(&b.AccountNumber, s.AccountNumber)
	fill(&b.BTN, s.BTN)
	if fill(&b.BillDate, s.BillDate) {
		b.Date = s.Date
	}
	if !usable(b.ServiceAddress) && fill(&b.ServiceAddress, s.ServiceAddress) {
		b.MailingAddress = Value{} // only read when no service address is
	} else if !usable(b.ServiceAddress) {
		fill(&b.MailingAddress, s.MailingAddress)
	}
	if fill(&b.Carrier, s.Carrier) {
		b.CarrierBrand = s.CarrierBrand
	}
	if len(b.Numbers) == 0 {
		b.Numbers = s.Numbers
	}
}

// fillLOA leaves the signature as the first reading judged it: ink is
// told from print by where it stands against the words around it, and a
// second reading's stray marks are no reason to call an LOA signed.
func fillLOA(l, s *LOA) {
	fill(&l.AccountName, s.AccountName)
	fill(&l.AccountNumber, s.AccountNumber)
	fill(&l.ServiceAddress, s.ServiceAddress)
	fill(&l.Statement, s.Statement)
	fill(&l.SignerName, s.SignerName)
	fill(&l.SignerTitle, s.SignerTitle)
	if fill(&l.Carrier, s.Carrier) {
		l.CarrierBrand = s.CarrierBrand
	}
	if fill(&l.SignedDate, s.SignedDate) {
		l.Date = s.Date
	}
	if len(l.Numbers) == 0 {
		l.Numbers = s.Numbers
	}
}
