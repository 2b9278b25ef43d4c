package fields

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/portcheck/portcheck/extract"
)

// A value typed into a form (a filled field, or text set on the line by
// hand) sits on the fill-in line right of its caption, a little over the
// caption's baseline, so the text layer makes it a line of its own just
// above the caption's: "Jane Q Doe    Office Manager    11/20/26" over
// "Signatory name: ____  Signatory title: ____  Date: ____". Each value
// belongs to the caption whose blank it stands over: from the caption's
// end to where the row's next caption starts.

// overBlank is the run of words over the label's fill-in line, on the
// line just above the label's, when that line holds only values: no
// caption of its own, no word over the label itself (the previous
// row's value of a stacked form starts there), and no prose.
func overBlank(doc *extract.Document, pr proseSet, h loaHit) (span, bool) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	lh := height(lb)
	x0, x1 := lb[2]-lh, slotEnd(h, p.Width)
	for li := h.label.line - 1; li >= 0; li-- {
		l := p.Lines[li]
		if l.Box[1] >= lb[1] {
			continue // the same row, set a little lower
		}
		if lb[1]-l.Box[3] > 0.8*lh || pr[lineKey{h.label.page, li}] || valueLineHasCaption(l, lb[0]-2*lh, x0) {
			return span{}, false
		}
		run := runAt(l.Words, x0, x1-1)
		run = clipAt(run, x1)
		if len(run) == 0 {
			return span{}, false
		}
		return span{page: h.label.page, line: li, words: run}, true
	}
	return span{}, false
}

// valueLineHasCaption: a word over the label itself, or a caption
// starting one of the line's runs: the line is a row of its own.
func valueLineHasCaption(l extract.Line, labelX0, labelX1 float64) bool {
	for _, run := range columnRuns(l.Words) {
		if run[0].Box[0] >= labelX0 && run[0].Box[0] < labelX1 {
			return true
		}
		if runStartsWithLabel(span{words: run}.text()) {
			return true
		}
	}
	return false
}

func runStartsWithLabel(t string) bool {
	for _, re := range loaLabelSet {
		if loc := re.FindStringIndex(t); loc != nil && loc[0] == 0 {
			return true
		}
	}
	return false
}

// slotEnd is where the label's fill-in line ends: the start of the next
// printed word of its row that is not a blank; inside a word that joins
// a blank to the next caption ("______Date:"), where the caption's
// letters start.
func slotEnd(h loaHit, pageWidth float64) float64 {
	for _, w := range h.after {
		t := w.Text
		rest := strings.TrimLeft(t, "_")
		if rest == "" {
			continue
		}
		if len(rest) == len(t) {
			return w.Box[0]
		}
		n, cut := utf8.RuneCountInString(t), utf8.RuneCountInString(t)-utf8.RuneCountInString(rest)
		return w.Box[0] + (w.Box[2]-w.Box[0])*float64(cut)/float64(n)
	}
	if pageWidth > 0 {
		return pageWidth
	}
	return lb2(h) + 400
}

func lb2(h loaHit) float64 { return h.label.box()[2] }

// isBlank: a word that is a fill-in line, all underscores.
func isBlank(t string) bool { return len(t) >= 2 && strings.Trim(t, "_") == "" }

// splitBlanks splits a word that joins a fill-in line to the next
// caption ("______Date:", "Zip:______") into the blank and the caption,
// each with its share of the box, so the caption is matched as a word
// of its own.
func splitBlanks(ws []extract.Word) []extract.Word {
	var out []extract.Word
	for _, w := range ws {
		t := w.Text
		lead := len(t) - len(strings.TrimLeft(t, "_"))
		trail := len(t) - len(strings.TrimRight(t, "_"))
		switch {
		case lead >= 2 && lead < len(t):
			a, b := cutWord(w, lead)
			out = append(out, a, b)
		case trail >= 2 && trail < len(t):
			a, b := cutWord(w, len(t)-trail)
			out = append(out, a, b)
		default:
			out = append(out, w)
		}
	}
	return out
}

// cutWord cuts w at byte i, sharing its box by runes.
func cutWord(w extract.Word, i int) (extract.Word, extract.Word) {
	n := float64(utf8.RuneCountInString(w.Text))
	x := w.Box[0] + (w.Box[2]-w.Box[0])*float64(utf8.RuneCountInString(w.Text[:i]))/n
	a, b := w, w
	a.Text, b.Text = w.Text[:i], w.Text[i:]
	a.Box[2], b.Box[0] = x, x
	return a, b
}

// apartFromInk takes the words of a signature out of a caption's run:
// a name signed in a handwriting face across its caption ("X Mei
// Signature Yamamoto of authorized person") shares the caption's line
// in the text layer, but is no word of the caption.
func apartFromInk(run []extract.Word) (print, ink []extract.Word) {
	hs := make([]float64, 0, len(run))
	for _, w := range run {
		hs = append(hs, height(w.Box))
	}
	slices.Sort(hs)
	median := 0.0
	if len(hs) > 0 {
		median = hs[len(hs)/2]
	}
	for _, w := range run {
		if w.Script && letters(w.Text) >= 2 || median > 0 && height(w.Box) >= 2.5*median && letters(w.Text) >= 2 {
			ink = append(ink, w)
		} else {
			print = append(print, w)
		}
	}
	if len(ink) == 0 {
		return run, nil
	}
	return print, ink
}

// withInk puts back, in reading order, the ink words over or right of
// the label among the words after it: a signature written across its
// caption stands where the signer signs.
func withInk(after, ink []extract.Word, labelStart float64) []extract.Word {
	out := append([]extract.Word(nil), after...)
	for _, w := range ink {
		if w.Box[2] > labelStart {
			out = append(out, w)
		}
	}
	slices.SortStableFunc(out, func(a, b extract.Word) int { return cmp.Compare(a.Box[0], b.Box[0]) })
	return out
}

// notOver drops from before the words that overlap the label: a value
// written over its caption is no word before it.
func notOver(before []extract.Word, label extract.Word) []extract.Word {
	for len(before) > 0 && before[len(before)-1].Box[2] > label.Box[0]+1 {
		before = before[:len(before)-1]
	}
	return before
}

// overlapRuns splits words at column gaps as columnRuns does, measuring
// a gap from the rightmost edge so far: words written over each other
// (a value over its caption) overlap, and the next word's gap is from
// the longer of them.
func overlapRuns(ws []extract.Word) [][]extract.Word {
	var out [][]extract.Word
	right := 0.0
	for i, w := range ws {
		if i == 0 || w.Box[0]-right > columnGap*height(w.Box) {
			out = append(out, nil)
			right = w.Box[2]
		}
		out[len(out)-1] = append(out[len(out)-1], w)
		right = max(right, w.Box[2])
	}
	return out
}
