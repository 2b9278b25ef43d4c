package fields

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// Tesseract's lines on a turned scan follow the page's slope only so
// far: where two columns print rows at different pitches (a sidebar of
// label/value pairs beside an address block), one of its lines takes a
// value from one column and words a row higher from the next, and the
// value then sorts above its own label. The readers look for a value
// on the lines under its label, so such a line is split into its rows,
// measured across the page's slope, and the lines are ordered by their
// tops along that slope. Lines are only split, never merged:
// Tesseract's own grouping of a row is kept.

// maxSlope bounds the slope taken for a scan's turn (about 3 degrees);
// a pair of words steeper than that stands on two rows.
const maxSlope = 0.05

// minOverlap: words whose boxes, the slope taken out, overlap by more
// than this share of a word's height stand on one row.
const minOverlap = 0.25

// relined is doc with the lines of each OCR'd page split by row and
// ordered along the page's slope; text-layer pages are left as they are.
func relined(doc *extract.Document) *extract.Document {
	if doc == nil {
		return doc
	}
	var out *extract.Document
	for i, p := range doc.Pages {
		if p.TextSource != extract.SourceOCR || len(p.Words) == 0 {
			continue
		}
		if out == nil {
			cp := *doc
			cp.Pages = slices.Clone(doc.Pages)
			out = &cp
		}
		out.Pages[i].Lines = resplit(p.Lines, pageSlope(p.Lines))
	}
	if out == nil {
		return doc
	}
	return out
}

// descends: letters that reach below the baseline, so a box's bottom
// is not where the word stands.
const descends = "gjpqyQ,;()[]{}|$@"

// pageSlope is the median slope (dy per dx) between the bottoms of
// words well apart on one of Tesseract's lines, words whose bottoms are
// their baselines and of one size.
func pageSlope(lines []extract.Line) float64 {
	var slopes []float64
	for _, l := range lines {
		for i, a := range l.Words {
			if strings.ContainsAny(a.Text, descends) {
				continue
			}
			for _, b := range l.Words[i+1:] {
				dx := b.Box[0] - a.Box[0]
				if dx < 8*height(a.Box) || strings.ContainsAny(b.Text, descends) || math.Abs(height(a.Box)-height(b.Box)) > 0.3*height(a.Box) {
					continue
				}
				if s := (b.Box[3] - a.Box[3]) / dx; math.Abs(s) < maxSlope {
					slopes = append(slopes, s)
				}
			}
		}
	}
	if len(slopes) < 5 {
		return 0
	}
	slices.Sort(slopes)
	return slopes[len(slopes)/2]
}

// resplit splits each of Tesseract's lines that holds words of two rows
// (its words, the slope taken out, in bands that do not overlap) into
// one line a row, and orders the lines by their tops. A word much taller
// than the line's others (a smudge read as "ee", a word OCR boxed with
// a speck) says nothing of rows and goes with the row of the word
// nearest it across.
func resplit(lines []extract.Line, slope float64) []extract.Line {
	type row struct {
		at   float64
		line extract.Line
	}
	var out []row
	for _, l := range lines {
		for _, part := range splitRows(l.Words, slope) {
			out = append(out, row{topOf(part, slope), lineOfWords(part)})
		}
	}
	slices.SortStableFunc(out, func(a, b row) int { return cmp.Compare(a.at, b.at) })
	res := make([]extract.Line, len(out))
	for i, r := range out {
		res[i] = r.line
	}
	return res
}

// topAt is the top of a word with the page's slope taken out.
func topAt(w extract.Word, slope float64) float64 {
	return w.Box[1] - slope*(w.Box[0]+w.Box[2])/2
}

// topOf is where a line starts, as extract orders lines by their tops.
func topOf(ws []extract.Word, slope float64) float64 {
	t := math.Inf(1)
	for _, w := range ws {
		t = min(t, topAt(w, slope))
	}
	return t
}

// splitRows groups a line's words by row; a line of one row comes back
// whole.
func splitRows(ws []extract.Word, slope float64) [][]extract.Word {
	hs := make([]float64, len(ws))
	for i, w := range ws {
		hs[i] = height(w.Box)
	}
	slices.Sort(hs)
	typical := hs[len(hs)/2]
	var normal, tall []extract.Word
	for _, w := range ws {
		if height(w.Box) > 1.6*typical {
			tall = append(tall, w)
		} else {
			normal = append(normal, w)
		}
	}
	// words of one row overlap in height once the slope is out; rows
	// of a column never do, and a mere touch is noise of the scan
	top := func(w extract.Word) float64 { return topAt(w, slope) }
	slices.SortStableFunc(normal, func(a, b extract.Word) int { return cmp.Compare(top(a), top(b)) })
	var groups [][]extract.Word
	var bottom float64
	for _, w := range normal {
		t, b := top(w), top(w)+height(w.Box)
		if n := len(groups); n > 0 && min(bottom, b)-t > minOverlap*height(w.Box) {
			groups[n-1] = append(groups[n-1], w)
			bottom = max(bottom, b)
			continue
		}
		groups = append(groups, []extract.Word{w})
		bottom = b
	}
	if len(groups) <= 1 {
		return [][]extract.Word{ws}
	}
	for _, w := range tall {
		best, dist := 0, math.Inf(1)
		for gi, g := range groups {
			for _, n := range g {
				if d := max(n.Box[0]-w.Box[2], w.Box[0]-n.Box[2]); d < dist {
					best, dist = gi, d
				}
			}
		}
		groups[best] = append(groups[best], w)
	}
	return groups
}

func lineOfWords(ws []extract.Word) extract.Line {
	ws = slices.Clone(ws)
	slices.SortStableFunc(ws, func(a, b extract.Word) int { return cmp.Compare(a.Box[0], b.Box[0]) })
	l := extract.Line{Words: ws, Box: ws[0].Box}
	texts := make([]string, len(ws))
	for i, w := range ws {
		texts[i] = w.Text
		l.Box = union(l.Box, w.Box)
	}
	l.Text = strings.Join(texts, " ")
	return l
}
