package fields

import (
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// LOA forms split the service address into cells, the way carriers'
// forms split it (DOMAIN.md): the street under "Service address", the
// unit under "Unit / suite" beside it, and city, state and ZIP under
// their own captions a row further down; a letter prints the street
// beside its label and the city line under it.

var (
	unitCaption = lazyRegexp(`(?i)^(?:unit|suite|apt|apartment|ste)(?: ?(?:/|or|#) ?(?:unit|suite|apt|apartment|ste|floor))?\s*(?:#|no\.?)?\s*:?$`)
	cityCaption = lazyRegexp(`(?i)\bcity\b`)
	// cityStateZIPOnly is a whole city line, with or without its comma.
	cityStateZIPOnly = lazyRegexp(`^[A-Za-z][A-Za-z .'-]*?,?\s+[A-Z]{2}\.?,?\s+\d{5}(?:-\d{4})?$`)
	poBox            = lazyRegexp(`(?i)\b(?:p\.?\s?o\.?\s?box|post office box|box \d)`)
)

// readLOAAddress reads the service address from the form's cells or
// the letter's lines; without a city line it leaves the reading to the
// block reader shared with bills.
func readLOAAddress(doc *extract.Document, pr proseSet) Value {
	for _, h := range loaLabels(doc, pr, serviceAddrLabel) {
		street := first(cellValues(doc, pr, []loaHit{h}, streetValue, cellRead{}))
		if !street.Found() {
			continue
		}
		city, box, ok := cityFor(doc, pr, h, street)
		if !ok {
			continue
		}
		text := street.Text
		if unit := unitBeside(doc, pr, h); unit != "" && !strings.Contains(text, unit) {
			text += " " + unit
		}
		return Value{Text: text + ", " + city, Page: street.Page, Box: union(street.Box, box), Label: h.label.text(), Confidence: street.Confidence}
	}
	return readAddress(doc, serviceAddrLabel)
}

// streetValue accepts a street line: a house number (or a PO Box) and
// a name, and not a whole address line with its city.
func streetValue(s span) (span, bool) {
	t := s.text()
	if !(startsWithNumber.MatchString(t) || poBox.MatchString(t)) || letters(t) < 2 || cityStateZIPOnly.MatchString(t) {
		return s, false
	}
	return s, true
}

// unitBeside is the value under a unit caption in the address label's
// row ("SERVICE ADDRESS    SUITE / UNIT").
func unitBeside(doc *extract.Document, pr proseSet, h loaHit) string {
	for _, u := range loaLabels(doc, pr, unitCaption) {
		if u.label.page != h.label.page || u.label.line != h.label.line || u.label.box()[0] <= h.label.box()[0] {
			continue
		}
		if s, ok := underCell(doc, pr, u, +1, nil); ok && !pr.has(s) && countDigits(s.text())+letters(s.text()) > 0 && len(s.words) <= 3 {
			return s.text()
		}
	}
	return ""
}

// cityFor finds the city line of the address: the line under the
// street that is a city line, or the row under a "City" caption within
// a few rows below the label.
func cityFor(doc *extract.Document, pr proseSet, h loaHit, street Value) (string, extract.Box, bool) {
	p := doc.Pages[h.label.page-1]
	lh := height(h.label.box())
	streetLine := h.label.line
	for li := h.label.line; li < len(p.Lines) && li <= h.label.line+2; li++ {
		if strings.Contains(p.Lines[li].Text, street.Text) {
			streetLine = li
			break
		}
	}
	for li := streetLine + 1; li < len(p.Lines) && li <= streetLine+2; li++ {
		l := p.Lines[li]
		if l.Box[1]-street.Box[3] > 2*lh {
			break
		}
		run := runAt(l.Words, min(street.Box[0], h.cellX)-lh, street.Box[0]+lh)
		if t := (span{words: run}).text(); len(run) > 0 && cityStateZIPOnly.MatchString(t) {
			return t, span{words: run}.box(), true
		}
	}
	for _, c := range loaLabels(doc, pr, cityCaption) {
		if c.label.page != h.label.page || c.label.line <= h.label.line || c.label.line > h.label.line+6 {
			continue
		}
		row := p.Lines[c.label.line]
		for li := c.label.line + 1; li < len(p.Lines) && li <= c.label.line+2; li++ {
			l := p.Lines[li]
			if l.Box[1]-row.Box[3] > 2.2*height(row.Box) {
				break
			}
			var ws []extract.Word
			for _, w := range l.Words {
				if w.Box[0] >= c.cellX-2*lh && w.Box[0] <= row.Box[2]+lh {
					ws = append(ws, w)
				}
			}
			if t := (span{words: ws}).text(); len(ws) > 0 && cityStateZIPOnly.MatchString(t) {
				return t, span{words: ws}.box(), true
			}
		}
	}
	return "", extract.Box{}, false
}
