package fields

import (
	"regexp"
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// Many bills and invoices print no label over the customer: the name
// and address stand in a block where a window envelope shows them, and
// the issuer's own block (letterhead) sits above or beside it. A block
// is a column of two to six lines starting at one x, the last lines a
// postal code with a city, or a country.

// postalLine is a line that ends an address in the forms the corpus
// languages use: "69100 Villeurbanne", "75371 Paris Cedex 08", "(2300) -
// RAFAELA - Santa Fe", "1025 RX Amsterdam", "Wien 1060", "Lucknow 226010",
// "D-63571 Gelnhausen", and US city-state-ZIP. A US street line ("4557 De
// Silva St") has the same shape as a postal line and is told apart by
// its street suffix.
var (
	postalForms = []*regexp.Regexp{
		regexp.MustCompile(`^(?:[A-Z]-)?\(?\d{4,5}\)?\s*[-–]?\s*\p{L}[\p{L} '.,-]*(?:\s\d{1,2})?$`),
		regexp.MustCompile(`^\d{4}\s?[A-Z]{2}\s+\p{L}[\p{L} '.-]*$`),
		regexp.MustCompile(`^\p{L}[\p{L} .'-]*\s\d{4,6}$`),
	}
	streetSuffix = regexp.MustCompile(`(?i)\b(?:st|street|ave|avenue|road|rd|blvd|boulevard|drive|dr|lane|ln|way|court|ct|place|pl|hwy|highway|pkwy|parkway|suite|ste|floor)\.?$`)
)

func postalLine(text string) bool {
	text = strings.TrimSpace(text)
	if streetSuffix.MatchString(text) {
		return false
	}
	for _, re := range postalForms {
		if re.MatchString(text) {
			return true
		}
	}
	return cityStateZIP.MatchString(text)
}

// countryLine is a line that names only a country.
var countryLine = regexp.MustCompile(`(?i)^(?:france|nederland|the netherlands|netherlands|deutschland|germany|österreich|osterreich|austria|españa|spain|argentina|belgique|belgië|belgium|schweiz|suisse|switzerland|united states(?: of america)?|usa|u\.s\.a\.|united kingdom|uk|india|hong kong|hk|italia|italy|luxembourg)$`)

// notName is a first line that is not a party's name: a heading, a
// label or a document title.
var notName = regexp.MustCompile(`(?i)^(?:invoice|facture|factura|rechnung|factuur|bill|statement|page|date|total|tel|phone|fax|e-?mail|www\.|http|iban|bic|vat|tva|btw|cuit|siret|kvk)\b|:\s*$|@`)

// block is an address block: its lines, top to bottom.
type block struct {
	page  int
	lines []span
}

func (b block) top() float64 { return b.lines[0].box()[1] }
func (b block) x() float64   { return b.lines[0].box()[0] }

// name is the block's first line; address the lines after it.
func (b block) name() span { return b.lines[0] }

func (b block) address() []span { return b.lines[1:] }

// addressBlocks finds the address blocks on the first page of doc, in
// reading order (top to bottom, then left to right).
func addressBlocks(doc *extract.Document) []block {
	if len(doc.Pages) == 0 {
		return nil
	}
	p := doc.Pages[0]
	type col struct {
		lines []span
		open  bool
	}
	var cols []*col
	for li, l := range p.Lines {
		for _, run := range columnRuns(l.Words) {
			s := span{page: 1, line: li, words: run}
			placed := false
			for _, c := range cols {
				last := c.lines[len(c.lines)-1]
				h := height(last.box())
				if c.open && abs(s.box()[0]-last.box()[0]) < h && s.box()[1]-last.box()[3] < 1.2*h && s.box()[1] > last.box()[1] {
					c.lines = append(c.lines, s)
					placed = true
					break
				}
			}
			if !placed {
				cols = append(cols, &col{lines: []span{s}, open: true})
			}
		}
		// a column whose last line is far above this one is closed
		for _, c := range cols {
			last := c.lines[len(c.lines)-1]
			if l.Box[1]-last.box()[3] > 2*height(last.box()) {
				c.open = false
			}
		}
	}
	var out []block
	for _, c := range cols {
		if b, ok := trimBlock(c.lines); ok {
			out = append(out, b)
		}
	}
	return out
}

// trimBlock keeps the address part of a column: up to the postal line
// (and a country line after it), and at most four lines above it.
func trimBlock(lines []span) (block, bool) {
	end := -1
	for i, s := range lines {
		if postalLine(s.text()) {
			end = i
			break
		}
	}
	if end < 1 {
		return block{}, false
	}
	if end+1 < len(lines) && countryLine.MatchString(strings.TrimSpace(lines[end+1].text())) {
		end++
	}
	start := max(0, end-4)
	if countryLine.MatchString(strings.TrimSpace(lines[end].text())) {
		start = max(0, end-5)
	}
	ls := lines[start : end+1]
	// the name line is the last line above the street that is not a
	// heading
	for len(ls) > 2 && (notName.MatchString(ls[0].text()) || isLabelLine(ls[0].text()) || countDigits(ls[0].text()) > 0 && !startsWithNumber.MatchString(ls[1].text())) {
		ls = ls[1:]
	}
	if notName.MatchString(ls[0].text()) || countDigits(ls[0].text()) > len(ls[0].text())/3 || len(ls) < 2 {
		return block{}, false
	}
	return block{page: ls[0].page, lines: ls}, true
}

// isLabelLine: the line is a heading that labels the block under it.
func isLabelLine(text string) bool {
	for _, re := range []*regexp.Regexp{serviceAddrLabel, mailingAddrLabel, customerBlockLabel, accountNameLabel, sellerLabel} {
		if loc := re.FindStringIndex(text); loc != nil && loc[0] == 0 {
			return true
		}
	}
	return false
}

// columnRuns splits a line's words at column gaps.
func columnRuns(ws []extract.Word) [][]extract.Word {
	var out [][]extract.Word
	for i, w := range ws {
		if i == 0 || w.Box[0]-ws[i-1].Box[2] > 2.5*height(w.Box) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], w)
	}
	return out
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// parties reads the recipient and the issuer from the address blocks
// of the first page: with two blocks, the one printed higher is the
// letterhead (the issuer) and the other the recipient; a block whose
// name is the issuer's found elsewhere is the issuer's. A single block
// is the recipient's only when the issuer is known and is not it.
func parties(doc *extract.Document, issuer string) (recipient, sender *block) {
	bs := addressBlocks(doc)
	var cands []block
	for _, b := range bs {
		if b.top() > doc.Pages[0].Height*0.5 && doc.Pages[0].Height > 0 {
			continue // the lower half holds remittance stubs and footers
		}
		cands = append(cands, b)
	}
	if len(cands) == 0 {
		return nil, nil
	}
	for i := range cands {
		if issuer != "" && sameName(cands[i].name().text(), issuer) {
			s := cands[i]
			for j := range cands {
				if j != i {
					r := cands[j]
					return &r, &s
				}
			}
			return nil, &s
		}
	}
	if len(cands) == 1 {
		if issuer == "" {
			return nil, nil
		}
		r := cands[0]
		return &r, nil
	}
	s, r := cands[0], cands[1]
	if r.top() < s.top() {
		s, r = r, s
	}
	return &r, &s
}

// sameName compares two printed names by their letters and digits.
func sameName(a, b string) bool {
	return squash(a) != "" && squash(a) == squash(b)
}

func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
