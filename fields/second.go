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
		return loaMisses(readLOA(doc, "US"))
	}
	return false
}

// loaMisses: an LOA lacks a field a check compares or dates by.
func loaMisses(l *LOA) bool {
	return !usable(l.AccountName) || !usable(l.AccountNumber) || !usable(l.ServiceAddress) ||
		!usable(l.SignedDate) || !usable(l.Statement)
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

// rereadings are a scan's readings after its first: the second, then
// its regions read alone.
func rereadings(doc *extract.Document) []*extract.Document {
	if doc == nil {
		return nil
	}
	var out []*extract.Document
	for _, r := range []*extract.Document{doc.Second, doc.Regions} {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// Regions lists the parts of a scan to read alone, where no reading
// found a field the checks need: for a bill, the block under each of
// its service address's labels (addressRegions); for an LOA, each line
// Tesseract joined from a caption and a value at another height
// (joinedRegions).
func Regions(doc *extract.Document, kind string) []extract.Region {
	if doc == nil || doc.Regions != nil || len(doc.OCRPages()) == 0 {
		return nil
	}
	switch kind {
	case "bill", "csr":
		return addressRegions(doc)
	case "loa":
		return joinedRegions(doc)
	}
	return nil
}

// addressRegions: where no reading found the service address, the
// block under each of its labels, from the label's left to the next
// column (or the page's edge), about six lines down. Cut out of the
// page, the block loses what garbled it there (a rule drawn under the
// heading, the rows of the next column at other heights).
func addressRegions(doc *extract.Document) []extract.Region {
	if usable(ReadBill(doc, "US").ServiceAddress) {
		return nil
	}
	var out []extract.Region
	for _, r := range append([]*extract.Document{doc}, rereadings(doc)...) {
		for _, h := range findLabels(relined(r), serviceAddrLabel) {
			if r.Pages[h.label.page-1].TextSource == extract.SourceOCR {
				out = addRegion(out, extract.Region{Page: h.label.page, Box: blockUnder(r.Pages[h.label.page-1], h)})
			}
		}
	}
	return out
}

// blockLines is how far under its label an address block is read: a
// name, two street lines, a city line and room for a wrapped line.
const blockLines = 7

func blockUnder(p extract.Page, h labelHit) extract.Box {
	lb := h.label.box()
	lh := height(lb)
	right := p.Width - lh
	prev := lb[2]
	for _, w := range h.after {
		if w.Box[0]-prev > columnGap*lh {
			right = w.Box[0] - lh
			break
		}
		prev = w.Box[2]
	}
	return extract.Box{max(0, lb[0]-lh), max(0, lb[1]-lh/2), max(lb[2], right), min(p.Height, lb[3]+blockLines*lh*1.4)}
}

// addRegion adds r, merged with a region of the same page it overlaps.
func addRegion(rs []extract.Region, r extract.Region) []extract.Region {
	for i, o := range rs {
		if o.Page == r.Page && o.Box[0] < r.Box[2] && r.Box[0] < o.Box[2] && o.Box[1] < r.Box[3] && r.Box[1] < o.Box[3] {
			rs[i].Box = union(o.Box, r.Box)
			return rs
		}
	}
	return append(rs, r)
}
