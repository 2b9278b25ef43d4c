package fields

import (
	"math"
	"strings"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// An LOA form puts a label in a cell and its value beside it, under it,
// or (a signing date, a signer's name) over the caption line the value
// was written on. The readers here find labels only where they stand as
// labels, at the start of a cell on a line that is not prose, and each
// cell of a row apart: "AUTHORIZED SIGNATURE    DATE SIGNED" holds two
// captions, never a "SIGNATURE DATE".

// loaHit is a label standing as a label, with the left edge of its cell.
type loaHit struct {
	labelHit
	cellX float64
}

// loaLabels finds re within each column run of the lines that are not
// prose, where it starts the run (after a section number, a bullet, a
// label ending in a colon, or a few words of the label's own caption).
func loaLabels(doc *extract.Document, pr proseSet, re *pattern) []loaHit {
	var hits []loaHit
	need := needOf(re)
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if pr[lineKey{pi + 1, li}] || !need.mayMatch(foldText(undotLeaders(l.Text))) {
				continue // prose, or a line without the pattern's words
			}
			ws := splitBlanks(l.Words)
			next := 0
			for _, run := range columnRuns(ws) {
				next += len(run)
				rest := ws[next:]
				run, ink := apartFromInk(run)
				if len(run) == 0 {
					continue
				}
				joined, starts := extract.JoinWords(run)
				joined = undotLeaders(joined)
				for _, m := range re.FindAllStringIndex(joined, -1) {
					for m[0] < m[1] && joined[m[0]] == ' ' {
						m[0]++
					}
					from, to := wordRange(starts, m[0], m[1])
					if from >= to || !cellStart(notOver(run[:from], run[from]), run[to:], joined[m[0]:m[1]]) {
						continue
					}
					h := splitGlued(pi+1, li, run, from, to, m[1]-starts[to-1])
					h.after = append(withInk(h.after, ink, h.label.box()[0]), rest...)
					hits = append(hits, loaHit{labelHit: h, cellX: run[0].Box[0]})
				}
			}
		}
	}
	return hits
}

// numbering is what may stand before a label in its cell: a section
// number, a bullet, a check box, the "X" forms print at a signature line.
var numbering = lazyRegexp(`^(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|[IVX]{1,4}\.|[•·▪☐☒☑□■\-–*xX])$`)

// cellStart: the words before a label in its run leave it the cell's
// label: none, a section number or bullet, a label ending in a colon
// ("Re: Customer Name:"), or up to three capitalised words of one
// caption ("CUSTOMER / BUSINESS NAME") when the caption ends with the
// label, its colon or its qualifier ("KEYSTONE TITLE GROUP" is a name,
// not a "TITLE" caption).
func cellStart(before, after []extract.Word, label string) bool {
	if len(before) == 0 {
		return true
	}
	if len(before) == 1 && numbering.MatchString(before[0].Text) {
		return true
	}
	if last := before[len(before)-1].Text; strings.HasSuffix(last, ":") || isBlank(last) {
		return true // "Account Number: ____ Current Provider: ____": a fill-in line ends its cell
	}
	captionEnds := strings.HasSuffix(strings.TrimSpace(label), ":") || len(after) == 0 || strings.HasPrefix(after[0].Text, "(")
	if len(before) > 3 || !captionEnds {
		return false
	}
	for _, w := range before {
		r := []rune(w.Text)
		if !unicode.IsUpper(r[0]) && w.Text != "/" && w.Text != "&" {
			return false
		}
	}
	return true
}

// cellRead says where a field's value may stand relative to its label.
type cellRead struct {
	above bool // forms print a signature's date and the signer's name over their caption
	// aboveFirst: the form prints every caption under its fill-in line
	// (captionsUnder), so the value over a caption is its own and the
	// one under it the next row's.
	aboveFirst bool
	allow      *pattern // a value that reads as a label but is this field's ("Account Holder" as a title)
}

// cellValues is every value the hits give, each place tried in turn for
// every hit: right of the label in its cell, under it, then (when
// allowed) over it. A value is never prose and never another label.
func cellValues(doc *extract.Document, pr proseSet, hits []loaHit, accept valueFn, where cellRead) []Value {
	ok := func(s span, h loaHit) (span, bool) {
		s = dropQualifier(trimLeadingPunct(trimSemicolon(dropBlanks(dropFlat(s, height(h.label.box()))))))
		if len(s.words) == 0 || pr.has(s) || isAnyLabel(s.text()) && (where.allow == nil || !where.allow.MatchString(s.text())) {
			return s, false
		}
		return accept(s)
	}
	var out []Value
	for _, h := range hits {
		if v, good := ok(rightOf(h.labelHit), h); good {
			out = append(out, v.value(h.label.text(), confRight))
		}
	}
	for _, h := range hits {
		if s, found := overBlank(doc, pr, h); found {
			if v, good := ok(s, h); good {
				out = append(out, v.value(h.label.text(), confRight))
			}
		}
	}
	dirs := []int{+1}
	switch {
	case where.aboveFirst:
		dirs = []int{-1}
	case where.above:
		dirs = []int{+1, -1}
	}
	for _, dir := range dirs {
		for _, h := range hits {
			if s, found := underCell(doc, pr, h, dir, where.allow); found {
				if v, good := ok(s, h); good {
					out = append(out, v.value(h.label.text(), confBelow))
				}
			}
		}
	}
	for _, h := range hits {
		if s, found := inSlot(doc, pr, h, where.allow); found {
			if v, good := ok(s, h); good {
				out = append(out, v.value(h.label.text(), confBelow))
			}
		}
	}
	return out
}

// captionsUnder: the form prints its captions under the lines they
// caption ("LONE OAK LANDSCAPING INC" over "Business name"): each
// caption stands close under one value and further over the next row's,
// and at least two captions say so, against none or few the other way.
// The captions judged are the account fields' (name, number, address,
// carrier, BTN: the caller's hits); a signature block's stand under
// their lines on every form and tell nothing.
func captionsUnder(doc *extract.Document, pr proseSet, captions ...[]loaHit) bool {
	under, over := 0, 0
	for _, hits := range captions {
		for _, h := range hits {
			if r := rightOf(h.labelHit); len(r.words) > 0 && !captionRow(r.text()) {
				over++ // a value beside its caption: not a form of lines
				continue
			}
			lb := h.label.box()
			a, okA := underCell(doc, pr, h, -1, nil)
			b, okB := underCell(doc, pr, h, +1, nil)
			gapA, gapB := math.Inf(1), math.Inf(1)
			if okA {
				gapA = lb[1] - a.box()[3]
			}
			if okB {
				gapB = b.box()[1] - lb[3]
			}
			switch {
			case okA && gapA < 0.6*gapB: // the next row's value, if any, is far under it
				under++
			case okB && gapB < 0.6*gapA:
				over++
			}
		}
	}
	return under >= 2 && under > 2*over
}

// inSlot is the value written in the box under a caption (a form of
// stacked caption-over-box fields), further under it than a row's
// spacing: a box is as tall as the form makes it, and OCR's line boxes
// are tighter than a text layer's, so no multiple of the caption's
// height says where the box ends. The page's own spacing does: the
// value is the first run in the caption's column, nearer the caption
// than whatever follows it in the column (the next caption, the next
// line of the same block) and, when nothing follows, nearer than the
// line over the caption is. A line that stands nearer what follows it
// belongs with that, not with the caption.
func inSlot(doc *extract.Document, pr proseSet, h loaHit, allow *pattern) (span, bool) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	s, found := underCellWithin(doc, pr, h, +1, allow, math.Inf(1))
	if !found || s.line >= len(p.Lines) {
		return span{}, false
	}
	gap := s.box()[1] - lb[3]
	if gap <= rowGap*height(lb) {
		return span{}, false // a row's value: underCell's
	}
	if next, ok := nextInColumn(p, s, h); ok {
		return s, gap < next.box()[1]-s.box()[3]
	}
	if h.label.line == 0 {
		return span{}, false
	}
	return s, gap < lb[1]-p.Lines[h.label.line-1].Box[3]
}

// nextInColumn is the first run under s in the caption's column.
func nextInColumn(p extract.Page, s span, h loaHit) (span, bool) {
	lh := height(h.label.box())
	x0, x1 := h.cellX-2*lh, max(h.label.box()[2], h.cellX+4*lh)
	for li := s.line + 1; li < len(p.Lines); li++ {
		if run := runAt(p.Lines[li].Words, x0, x1); len(run) > 0 {
			return span{page: s.page, line: li, words: run}, true
		}
	}
	return span{}, false
}

// dropFlat drops the words far flatter than the label's print (under
// flatShare of its height): OCR reads what is left of a box's edge as a
// "word" a point tall ("Mie" beside a caption on a scanned form), and
// it is not a value.
func dropFlat(s span, labelH float64) span {
	var keep []extract.Word
	for _, w := range s.words {
		if w.Box[3]-w.Box[1] >= flatShare*labelH {
			keep = append(keep, w)
		}
	}
	s.words = keep
	return s
}

const flatShare = 0.4

// underCell returns the first run of words in the label's column on the
// lines under it (dir +1) or over it (dir -1), within two line heights.
// A label found there first is the next row's caption: no value.
func underCell(doc *extract.Document, pr proseSet, h loaHit, dir int, allow *pattern) (span, bool) {
	return underCellWithin(doc, pr, h, dir, allow, rowGap)
}

// rowGap is how far under a caption its value stands in a row.
const rowGap = 2.2

func underCellWithin(doc *extract.Document, pr proseSet, h loaHit, dir int, allow *pattern, gap float64) (span, bool) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	lh := height(lb)
	x0, x1 := h.cellX-2*lh, max(lb[2], h.cellX+4*lh)
	stop := nextColumn(h.labelHit)
	for li := h.label.line + dir; li >= 0 && li < len(p.Lines); li += dir {
		l := p.Lines[li]
		if dir > 0 && l.Box[1]-lb[3] > gap*lh || dir < 0 && lb[1]-l.Box[3] > gap*lh {
			return span{}, false
		}
		run := clipAt(runAt(l.Words, x0, x1), stop)
		if len(run) == 0 || note(run) {
			continue
		}
		s := span{page: h.label.page, line: li, words: run}
		if pr.has(s) || captionRow(s.text()) && (allow == nil || !allow.MatchString(s.text())) {
			return span{}, false
		}
		return s, true
	}
	return span{}, false
}

// dropQualifier drops a label's parenthetical remark that the text layer
// put before its value: "(AS SHOWN ON BILL) Foster & Finch".
func dropQualifier(s span) span {
	if len(s.words) == 0 || !strings.HasPrefix(s.words[0].Text, "(") {
		return s
	}
	for i, w := range s.words {
		if strings.HasSuffix(w.Text, ")") {
			s.words = s.words[i+1:]
			return s
		}
	}
	return s
}

// loaLabelSet is every label an LOA or a bill prints: a value is never
// one of them.
var loaLabelSet = []*pattern{signerLabel, titleLabel, signatureLabel, signedLabel, carrierLabel, loaNameLabel,
	accountNumberLabel, loaAccountLabel, serviceAddrLabel, mailingAddrLabel, btnLabel, billDateLabel, otherLOALabel}

// otherLOALabel: captions LOA forms print beside the fields portcheck
// reads (contact, port details), so they are not read as values.
var otherLOALabel = lazyRegexp(`(?i)^(?:e-?mail|phone|contact phone|telephone|fax|port type|requested port date|port date|due date|city|state|zip(?: code)?|unit|suite|unit / suite|suite / unit|pin|account pin|passcode|new btn|service type|address|printed name|print name|name|title)\b`)

// isAnyLabel: the whole text is a label (with its colon, if any).
func isAnyLabel(text string) bool {
	t := strings.TrimSpace(strings.TrimRight(text, ": "))
	folded := foldText(t)
	for _, re := range loaLabelSet {
		if !needOf(re).mayMatch(folded) {
			continue // the pattern's words are not in the text (the prefilter's table)
		}
		if loc := re.FindStringIndex(t); loc != nil && loc[0] == 0 && strings.TrimSpace(strings.Trim(t[loc[1]:], ":#()")) == "" {
			return true
		}
	}
	return false
}

// captionRow: the run is a caption row: a label, followed by
// nothing, by another label, or by a qualifier in parentheses.
func captionRow(text string) bool {
	text = strings.TrimSpace(blank.ReplaceAllString(text, " "))
	if isAnyLabel(text) {
		return true
	}
	folded := foldText(text)
	for _, re := range loaLabelSet {
		if !needOf(re).mayMatch(folded) {
			continue
		}
		if loc := re.FindStringIndex(text); loc != nil && loc[0] == 0 {
			rest := strings.TrimSpace(text[loc[1]:])
			if strings.HasPrefix(rest, "(") || isAnyLabel(rest) {
				return true
			}
		}
	}
	return false
}

// trimSemicolon drops the ";" OCR reads for a label's colon.
func trimSemicolon(s span) span {
	if len(s.words) > 0 && strings.HasPrefix(s.words[0].Text, ";") {
		w := s.words[0]
		w.Text = strings.TrimLeft(w.Text, ";")
		s.words = append([]extract.Word{w}, s.words[1:]...)
		if w.Text == "" {
			s.words = s.words[1:]
		}
	}
	return s
}

// blank is a form's fill-in line printed as underscores.
var blank = lazyRegexp(`_{2,}`)

// dropBlanks removes the fill-in lines from a run: a blank is no value,
// and a caption followed by its blank is still a caption.
func dropBlanks(s span) span {
	var keep []extract.Word
	for _, w := range s.words {
		w.Text = strings.TrimSpace(blank.ReplaceAllString(w.Text, ""))
		if w.Text != "" {
			keep = append(keep, w)
		}
	}
	s.words = keep
	return s
}
