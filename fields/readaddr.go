package fields

import (
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// cityStateZIP ends a US address block: "SPRINGFIELD, IL 62702-1234".
var cityStateZIP = lazyRegexp(`(?i)\b[A-Z][A-Za-z .'-]*,?\s+[A-Z]{2}\.?,?\s+\d{5}(?:-\d{4})?\b`)

var startsWithNumber = lazyRegexp(`^\s*(?:\d|one\b|two\b)`)

// readAddress reads the address block beside or under an address label:
// up to four lines, a street line and then the city line (with state
// and ZIP in the US). A first line without a house number under a
// "Service For" label is the account's name, not part of the address.
// Where the label's right holds a value across a column gap (another
// column's amount), the block under the label is tried first.
func readAddress(doc *extract.Document, label *pattern) Value {
	for _, h := range findLabels(doc, label) {
		for _, lines := range addressCandidates(doc, h) {
			for len(lines) > 1 && !startsWithNumber.MatchString(lines[0].text()) && !strings.Contains(strings.ToUpper(lines[0].text()), "BOX") && !streetLike(lines[0].text()) {
				lines = lines[1:]
			}
			if isAddress(lines) {
				return joinSpans(lines, h.label.text())
			}
		}
		if v, ok := formAddress(doc, h); ok {
			return v
		}
	}
	return Value{}
}

// Cell labels of a boxed form that prints an address in parts.
var (
	unitCellLabel  = lazyRegexp(`(?i)^(?:unit|suite|ste|apt|apartment)(?:\s*/\s*(?:unit|suite|ste|apt))?\b`)
	cityCellLabel  = lazyRegexp(`(?i)^(?:city|town)\b`)
	stateCellLabel = lazyRegexp(`(?i)^(?:state|province)\b`)
	zipCellLabel   = lazyRegexp(`(?i)^(?:zip(?:\s*code)?|postal code)\b`)
)

// formAddress reads an address a boxed form prints in cells: the street
// under the address label, a unit cell beside it, and City, State and
// ZIP cells on the rows below, each value under its caption. Every part
// but the unit must be there.
func formAddress(doc *extract.Document, h labelHit) (Value, bool) {
	street := below(doc, h, 1)
	if len(street) == 0 || !startsWithNumber.MatchString(street[0].text()) && !strings.Contains(strings.ToUpper(street[0].text()), "BOX") {
		return Value{}, false
	}
	lines := []span{street[0]}
	if unit, ok := cellUnder(doc, h, unitCellLabel, 0); ok {
		lines = append(lines, unit)
	}
	var parts []span
	for _, re := range []*pattern{cityCellLabel, stateCellLabel, zipCellLabel} {
		v, ok := cellUnder(doc, h, re, 6)
		if !ok {
			return Value{}, false
		}
		parts = append(parts, v)
	}
	city := span{page: h.label.page, line: parts[0].line, words: append(append(append([]extract.Word(nil), parts[0].words...), parts[1].words...), parts[2].words...)}
	cityLine := parts[0].text() + ", " + parts[1].text() + " " + parts[2].text()
	if !cityStateZIP.MatchString(cityLine) {
		return Value{}, false
	}
	v := joinSpans(append(lines, city), h.label.text())
	texts := []string{}
	for _, l := range lines {
		texts = append(texts, l.text())
	}
	v.Text = strings.Join(append(texts, cityLine), ", ")
	v.Confidence = confBelow
	return v, true
}

// cellUnder is the value under a form caption found on the address
// label's row (rows = 0) or on one of the rows rows below it.
func cellUnder(doc *extract.Document, h labelHit, caption *pattern, rows int) (span, bool) {
	p := doc.Pages[h.label.page-1]
	for li := h.label.line; li <= h.label.line+rows && li < len(p.Lines); li++ {
		for _, run := range columnRuns(p.Lines[li].Words) {
			t := strings.TrimSpace(span{words: run}.text())
			if run[0].Box[0] < h.label.box()[2] && li == h.label.line || !caption.MatchString(t) || len(strings.Fields(t)) > 3 {
				continue
			}
			c := labelHit{label: span{page: h.label.page, line: li, words: run}, after: afterRun(p.Lines[li].Words, run), cell: run[0].Box[0]}
			for _, s := range below(doc, c, 1) {
				if !isLabel(s.text()) && !note(s.words) {
					return s, true
				}
			}
		}
	}
	return span{}, false
}

// afterRun is the words of a line right of one of its runs.
func afterRun(ws, run []extract.Word) []extract.Word {
	last := run[len(run)-1].Box
	for i, w := range ws {
		if w.Box[0] > last[0] && w.Box != last {
			return ws[i:]
		}
	}
	return nil
}

// addressCandidates are the blocks an address label may head: the
// value right of it continued under that value or under the label (a
// hanging indent), and the block under the label itself.
func addressCandidates(doc *extract.Document, h labelHit) [][]span {
	first, across := rightOfGap(h)
	first = trimLeadingPunct(first)
	under := addressLines(doc, h, span{}, h.cell)
	if len(first.words) == 0 {
		return [][]span{under}
	}
	beside := [][]span{addressLines(doc, h, first, first.box()[0]), addressLines(doc, h, first, h.cell)}
	if across {
		return append([][]span{under}, beside...)
	}
	return append(beside, under)
}

// isAddress: a city line, and a street line before it or on it (a
// house number, a P.O. box, a European street and number).
func isAddress(lines []span) bool {
	for i, l := range lines {
		if !postalLine(l.text()) {
			continue
		}
		for _, s := range lines[:i+1] {
			t := strings.TrimSpace(s.text())
			if startsWithNumber.MatchString(t) || strings.Contains(strings.ToUpper(t), "BOX") || streetLike(t) || streetFirst.MatchString(t) {
				return true
			}
		}
		return false
	}
	return false
}

// streetFirst: a one-line address whose first part is a street with its
// number ("Meravigliagasse 4/1, Wien 1060").
var streetFirst = lazyRegexp(`^\p{L}[\p{L}.' -]*\s\d+[a-zA-Z]?(?:[/-]\d+)?,`)

// addressLines collects a block: the first line (if given) and the
// lines under it whose column run starts at x.
func addressLines(doc *extract.Document, h labelHit, first span, x0 float64) []span {
	var lines []span
	if len(first.words) > 0 {
		lines = append(lines, first)
	}
	p := doc.Pages[h.label.page-1]
	lh := height(h.label.box())
	prevBottom := h.label.box()[3]
	for li := h.label.line + 1; li < len(p.Lines) && len(lines) < 6; li++ {
		if cityDone(lines) {
			break
		}
		l := p.Lines[li]
		if l.Box[1]-prevBottom > 1.6*lh {
			break
		}
		hi := x0 + lh
		if len(lines) == 0 {
			hi = x0 + 2.5*lh // a block under its label may be indented
		}
		run := runStartAt(l.Words, x0-lh, hi)
		if len(run) == 0 {
			continue
		}
		if len(lines) == 0 {
			x0 = run[0].Box[0]
		}
		if note(run) {
			prevBottom = l.Box[3]
			continue // "(E911 ADDRESS)" under the label qualifies it
		}
		if isLabel(span{words: run}.text()) {
			break // the next label's row: the block has ended
		}
		if len(lines) > 0 && postalLine(lines[len(lines)-1].text()) && !countryLine.MatchString(strings.TrimSpace(span{words: run}.text())) {
			break
		}
		lines = append(lines, span{page: h.label.page, line: li, words: run})
		prevBottom = l.Box[3]
	}
	return lines
}

// runStartAt is the run of ws that starts between x0 and x1 after more
// than a word space: a word inside a line ("CA" of "San Francisco, CA
// 94110" under a value that starts at its x) is no start of a line of
// the block, while tight table columns still are.
func runStartAt(ws []extract.Word, x0, x1 float64) []extract.Word {
	for i, w := range ws {
		if w.Box[0] < x0 || w.Box[0] > x1 {
			continue
		}
		if i > 0 && w.Box[0]-ws[i-1].Box[2] < 0.8*height(w.Box) {
			return nil
		}
		return runAt(ws[i:], x0, x1)
	}
	return nil
}

// streetLike: a European street line, the house number after the
// name ("Fakestreet 46", "Kundenstraße 15").
var streetAfterName = lazyRegexp(`^\p{L}[\p{L}.' -]*\s\d+[a-zA-Z]?(?:[/-]\d+)?,?$`)

func streetLike(text string) bool {
	t := strings.TrimSpace(text)
	return streetAfterName.MatchString(t) && !postalLine(t) && !unitLine.MatchString(t)
}

// cityDone: the block has ended at the country line after its city
// line (addressLines stops at a city line with no country after it).
func cityDone(lines []span) bool {
	if len(lines) == 0 {
		return false
	}
	last := strings.TrimSpace(lines[len(lines)-1].text())
	return countryLine.MatchString(last) && hasCityLine(lines[:len(lines)-1])
}

func hasCityLine(lines []span) bool {
	for _, l := range lines {
		if postalLine(l.text()) {
			return true
		}
	}
	return false
}

func joinSpans(lines []span, label string) Value {
	texts := make([]string, len(lines))
	b := lines[0].box()
	for i, l := range lines {
		texts[i] = l.text()
		b = union(b, l.box())
	}
	conf := confBelow
	if len(lines[0].words) > 0 && lines[0].line == lines[len(lines)-1].line {
		conf = confRight
	}
	return Value{Text: strings.Join(texts, ", "), Page: lines[0].page, Box: b, Label: label, Confidence: conf}
}

// nameAbove reads an account name printed as the first line of a
// service block ("Service For" / NAME / street / city) when no label
// names it.
func nameAbove(doc *extract.Document, label *pattern) Value {
	for _, h := range findLabels(doc, label) {
		first, x0 := trimLeadingPunct(rightOf(h)), h.label.box()[0]
		if len(first.words) > 0 {
			x0 = first.box()[0]
		}
		lines := addressLines(doc, h, first, x0)
		if len(lines) < 2 || startsWithNumber.MatchString(lines[0].text()) || !hasCityLine(lines) {
			continue
		}
		if v, ok := nameValue(lines[0]); ok {
			return v.value(h.label.text(), confBelow)
		}
	}
	return Value{}
}

// accountNumbers returns the account's own lines: every valid number in
// the document that is not the issuer's (customer service, payments,
// fax) and not a number called in a call-detail row.
func accountNumbers(doc *extract.Document, region string) []Value {
	var out []Value
	seen := map[string]bool{}
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			// The number first: most lines hold none, and the row's
			// patterns cost more than finding one.
			phones := phonesIn(span{page: pi + 1, line: li, words: l.Words}, region)
			if len(phones) == 0 || isCallRow(l.Text) || issuerLine(p, li) {
				continue
			}
			for _, ph := range phones {
				if seen[ph.e164] || isTollFree(ph.e164) && (issuerNear(p, li) || namesCarrier(l.Text)) {
					continue
				}
				seen[ph.e164] = true
				v := ph.span.value("", confSearch)
				v.Text = ph.e164
				out = append(out, v)
			}
		}
	}
	return out
}

// isCallRow: two of a date, a time of day and a duration make a call
// record (OCR may lose any one of them).
func isCallRow(text string) bool {
	n := 0
	for _, re := range []*pattern{timeOfDay, duration, shortDate} {
		if re.MatchString(text) {
			n++
		}
	}
	return n >= 2
}

// issuerLine: the line itself says the number is the issuer's.
func issuerLine(p extract.Page, li int) bool {
	return issuerContext(p.Lines[li].Text)
}

// faxProduct is a fax line the customer is billed for, the account's own
// number, not the issuer's fax.
var faxProduct = lazyRegexp(`(?i)\bfax (?:lines?|service|number line)\b`)

// issuerContext: words that put a number in the issuer's mouth ("Call
// us", "Questions?"), but not a call-detail heading, which names the
// account's own line.
func issuerContext(text string) bool {
	text = faxProduct.ReplaceAllString(text, "")
	if issuerNumberContext.MatchString(text) {
		return true
	}
	return callWord.MatchString(text) && !callDetail.MatchString(text)
}

// issuerNear: a toll-free number under a "Questions? Call us" heading is
// the issuer's even when its own line says nothing.
func issuerNear(p extract.Page, li int) bool {
	for i := max(0, li-2); i <= li; i++ {
		if issuerContext(p.Lines[i].Text) {
			return true
		}
	}
	return false
}

// namesCarrier: the line names a carrier ("T-Mobile USA, Inc. ·
// 1-888-555-0150", "Add AT&T Office@Hand ... 1-866-555-0102"): a
// toll-free number on it is the carrier's own, not one of the
// account's lines.
func namesCarrier(text string) bool {
	printed, _ := findCarrier(text)
	return printed != ""
}
