package fields

import (
	"math"
	"regexp"
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// Value is one field as a document prints it, with where it stands.
type Value struct {
	Text       string      `json:"text"`
	Page       int         `json:"page"`
	Box        extract.Box `json:"box"`
	Label      string      `json:"label,omitempty"` // the label it was read beside; empty when found otherwise
	Confidence float64     `json:"confidence"`
}

// Found reports whether the value was read at all.
func (v Value) Found() bool { return v.Text != "" }

// span is a run of words on one line.
type span struct {
	page  int
	line  int // index into the page's Lines
	words []extract.Word
}

func (s span) text() string {
	parts := make([]string, len(s.words))
	for i, w := range s.words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

func (s span) box() extract.Box {
	if len(s.words) == 0 {
		return extract.Box{}
	}
	b := s.words[0].Box
	for _, w := range s.words[1:] {
		b = union(b, w.Box)
	}
	return b
}

func union(a, b extract.Box) extract.Box {
	return extract.Box{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}

func (s span) value(label string, conf float64) Value {
	return Value{Text: s.text(), Page: s.page, Box: s.box(), Label: label, Confidence: conf}
}

// labelHit is a label found on a line: the words it covers and the
// words after it on the same line.
type labelHit struct {
	label span
	after []extract.Word // the rest of the line, left to right
}

// findLabels returns every place re matches a line, matched on the
// line's words joined by single spaces so a match maps back to words.
func findLabels(doc *extract.Document, re *regexp.Regexp) []labelHit {
	var hits []labelHit
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			joined, starts := joinWords(l.Words)
			for _, m := range re.FindAllStringIndex(joined, -1) {
				for m[0] < m[1] && joined[m[0]] == ' ' {
					m[0]++ // a pattern that starts at a space starts at the next word
				}
				from, to := wordRange(starts, m[0], m[1])
				if from >= to {
					continue
				}
				hits = append(hits, splitGlued(pi+1, li, l.Words, from, to, m[1]-starts[to-1]))
			}
		}
	}
	return hits
}

// splitGlued makes the hit of a label that ends inside a word, as in
// "Social:LA SEGUNDA": the word's tail is the first word after the label.
func splitGlued(page, line int, ws []extract.Word, from, to, cut int) labelHit {
	label := append([]extract.Word(nil), ws[from:to]...)
	after := ws[to:]
	last := label[len(label)-1]
	runes := []rune(last.Text)
	head := len([]rune(last.Text[:min(cut, len(last.Text))]))
	if cut > 0 && head < len(runes) && strings.TrimSpace(string(runes[head:])) != "" {
		w := last.Box[2] - last.Box[0]
		x := last.Box[0] + w*float64(head)/float64(len(runes))
		headWord, tailWord := last, last
		headWord.Text, headWord.Box[2] = string(runes[:head]), x
		tailWord.Text, tailWord.Box[0] = string(runes[head:]), x
		label[len(label)-1] = headWord
		after = append([]extract.Word{tailWord}, after...)
	}
	return labelHit{label: span{page: page, line: line, words: label}, after: after}
}

func joinWords(ws []extract.Word) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(ws))
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(w.Text)
	}
	return b.String(), starts
}

// wordRange maps a byte range of the joined line to the words it touches;
// a match that ends inside a word takes that word whole (a label glued to
// its value, "Acct#482", is split later by the value reader).
func wordRange(starts []int, from, to int) (int, int) {
	first, last := -1, -1
	for i, s := range starts {
		if s <= from {
			first = i
		}
		if s < to {
			last = i
		}
	}
	return max(first, 0), last + 1
}

// columnGap: a gap between words wider than this many line heights
// (about two characters) separates columns, not words of one value.
const columnGap = 2.5

// height is a typical line height, used to scale gaps.
func height(b extract.Box) float64 {
	h := b[3] - b[1]
	if h <= 0 {
		return 10
	}
	return h
}

// rightOf returns the words after a label up to the first column gap: a
// gap wider than about two characters ends the value, which keeps a
// two-column header ("Account Number 482-99117-03   Service Address ...")
// from reading the next column as part of the value.
func rightOf(h labelHit) span {
	s := span{page: h.label.page, line: h.label.line}
	prev := h.label.box()
	gapMax := columnGap * height(prev)
	for i, w := range h.after {
		if i == 0 && w.Box[0]-prev[2] > 12*height(prev) && (len(columnRuns(h.after)) > 1 || w.Box[0]-prev[2] > 20*height(prev)) {
			break // the "value" is across the page: not this label's, unless it ends a right-aligned row
		}
		if i > 0 && w.Box[0]-prev[2] > gapMax {
			break
		}
		s.words = append(s.words, w)
		prev = w.Box
	}
	return s
}

// below returns the run of words on the first line under the label that
// starts within the label's horizontal extent: tables and boxed headers
// put the value under its label.
func below(doc *extract.Document, h labelHit, maxLines int) []span {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	var out []span
	for li := h.label.line + 1; li < len(p.Lines) && len(out) < maxLines; li++ {
		l := p.Lines[li]
		if l.Box[1]-lb[3] > float64(len(out)+2)*1.8*height(lb) {
			break
		}
		run := clipAt(runAt(l.Words, lb[0]-2*height(lb), lb[2]), nextColumn(h))
		if note(run) {
			continue // "(Not to be used for payment remittance)" qualifies the label
		}
		if len(run) == 0 {
			if len(out) > 0 {
				break
			}
			continue
		}
		out = append(out, span{page: h.label.page, line: li, words: run})
	}
	return out
}

// nextColumn is where the next column of a label's row begins: in a
// table header ("Klant  Order  Factuur datum"), the value under one
// label ends where the next label's column starts.
func nextColumn(h labelHit) float64 {
	prev := h.label.box()[2]
	for _, w := range h.after {
		if w.Box[0]-prev > columnGap*height(w.Box) {
			return w.Box[0]
		}
		prev = w.Box[2]
	}
	return math.Inf(1)
}

// clipAt drops the words of run that start at or right of x.
func clipAt(run []extract.Word, x float64) []extract.Word {
	for i, w := range run {
		if i > 0 && w.Box[0] >= x-1 {
			return run[:i]
		}
	}
	return run
}

// note: a run in parentheses, a remark on the label above it.
func note(run []extract.Word) bool {
	if len(run) == 0 {
		return false
	}
	t := span{words: run}.text()
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")")
}

// runAt returns the column run of words whose first word starts between
// x0 and x1, ending at the first column gap.
func runAt(ws []extract.Word, x0, x1 float64) []extract.Word {
	for i, w := range ws {
		if w.Box[0] < x0 || w.Box[0] > x1 {
			continue
		}
		run := []extract.Word{w}
		for _, n := range ws[i+1:] {
			if n.Box[0]-run[len(run)-1].Box[2] > columnGap*height(w.Box) {
				break
			}
			run = append(run, n)
		}
		return run
	}
	return nil
}

// trimLeadingPunct drops separators between a label and its value
// (":", "#", "-") that the text layer kept as words of their own.
func trimLeadingPunct(s span) span {
	for len(s.words) > 0 && strings.Trim(s.words[0].Text, ":#-–.") == "" {
		s.words = s.words[1:]
	}
	if len(s.words) > 0 {
		w := s.words[0]
		w.Text = strings.TrimLeft(w.Text, ":#")
		s.words = append([]extract.Word{w}, s.words[1:]...)
	}
	return s
}
