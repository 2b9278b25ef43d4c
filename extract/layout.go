package extract

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
)

// glyph is one positioned character in the coordinates of its reading
// frame: x along its line, baseline across it, growing downward.
type glyph struct {
	s        string
	x0, x1   float64
	baseline float64
	// row is the baseline's offset measured across the glyph's own
	// direction: the same for every glyph of a line drawn turned by a
	// few degrees (a signature Chromium draws tilted), whose baselines in
	// the frame drift along the line.
	row    float64
	size   float64
	font   string
	script bool
	seq    int // drawing order within its frame
}

// Proportions of a glyph's box to its font size: ascenders reach about
// 0.8 em above the baseline, descenders 0.2 em below.
const (
	ascent  = 0.8
	descent = 0.2
	// wordGap: a gap wider than this share of the font size between two
	// glyphs starts a new word, for PDFs that position words instead of
	// printing spaces.
	wordGap = 0.15
	// minSpaceGap: a printed space that leaves less than this share of
	// the font size between its neighbours does not split them.
	minSpaceGap = 0.08
	// lineTolerance: glyphs whose baselines differ by less than this
	// share of the larger font size stand on one line (a small caption
	// beside a larger value is one row, as pdftotext -layout shows it).
	lineTolerance = 0.45
)

// frame is a direction text runs on the page as shown, a unit vector
// along one axis of top-left page coordinates. Text turned on the page
// (a side note up the margin, or a portrait page shown with /Rotate 90)
// is laid out in its own frame, where it reads left to right, so its
// lines are not cut into one glyph per line.
type frame struct{ dx, dy float64 }

var (
	upright = frame{1, 0}
	frames  = []frame{upright, {0, 1}, {-1, 0}, {0, -1}} // reading order of the frames
)

// toFrame maps page coordinates to the frame's: x along the text, y
// from the text's top toward its bottom.
func (f frame) toFrame(x, y float64) (float64, float64) {
	return x*f.dx + y*f.dy, y*f.dx - x*f.dy
}

// box maps a box of the frame back to page coordinates.
func (f frame) box(b Box) Box {
	ax, ay := b[0]*f.dx-b[1]*f.dy, b[0]*f.dy+b[1]*f.dx
	bx, by := b[2]*f.dx-b[3]*f.dy, b[2]*f.dy+b[3]*f.dx
	return Box{min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)}
}

// frameOf is the frame nearest a user-space direction once the page is
// turned by /Rotate.
func frameOf(t placedText, g geometry) frame {
	ax, ay := g.topLeft(t.X, t.Y)
	bx, by := g.topLeft(t.X+t.dx, t.Y+t.dy)
	dx, dy := bx-ax, by-ay
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx >= 0, math.IsNaN(dx) || math.IsNaN(dy):
		return upright
	case math.Abs(dx) >= math.Abs(dy):
		return frame{-1, 0}
	case dy > 0:
		return frame{0, 1}
	}
	return frame{0, -1}
}

// rowOf is the offset of a glyph's baseline across its own direction
// on the page; base (its frame baseline) when the direction is unknown.
func rowOf(t placedText, g geometry, px, py, base float64) float64 {
	bx, by := g.topLeft(t.X+t.dx, t.Y+t.dy)
	ux, uy := bx-px, by-py
	n := math.Hypot(ux, uy)
	if n == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
		return base
	}
	ux, uy = ux/n, uy/n
	return py*ux - px*uy
}

// toGlyphs places texts in their frames. A frame's glyphs are allocated
// once, for all the texts left to place: nearly every page has one
// frame, and a page's glyphs grown by appending were the largest of its
// allocations.
func toGlyphs(texts []placedText, g geometry) map[frame][]glyph {
	out := map[frame][]glyph{}
	for i, t := range texts {
		if t.S == "" || t.S == "\n" || t.S == "\r" {
			continue
		}
		size := math.Abs(t.FontSize)
		if size < 0.5 || math.IsNaN(size) || math.IsInf(size, 0) {
			size = 10
		}
		w := t.W
		if w <= 0 || math.IsNaN(w) {
			w = 0.5 * size
		}
		f := frameOf(t, g)
		px, py := g.topLeft(t.X, t.Y)
		x, base := f.toFrame(px, py)
		if out[f] == nil {
			out[f] = make([]glyph, 0, len(texts)-i)
		}
		out[f] = append(out[f], glyph{s: t.S, x0: x, x1: x + w, baseline: base, row: rowOf(t, g, px, py, base), size: size, font: t.Font, script: t.script, seq: len(out[f])})
	}
	return out
}

// buildLines groups glyphs into lines and words in reading order: the
// upright lines top to bottom, then those of each turned frame.
func buildLines(texts []placedText, g geometry) []Line {
	byFrame := toGlyphs(texts, g)
	var lines []Line
	for _, f := range frames {
		glyphs := byFrame[f]
		slices.SortStableFunc(glyphs, func(a, b glyph) int {
			return cmp.Or(cmp.Compare(a.row, b.row), cmp.Compare(a.x0, b.x0))
		})
		for _, row := range groupRows(glyphs) {
			if l, ok := lineOf(row); ok {
				lines = append(lines, f.onPage(l))
			}
		}
	}
	return lines
}

// onPage maps a line built in the frame back to page coordinates.
func (f frame) onPage(l Line) Line {
	if f == upright {
		return l
	}
	l.Box = f.box(l.Box)
	for i := range l.Words {
		l.Words[i].Box = f.box(l.Words[i].Box)
	}
	return l
}

// groupRows splits glyphs sorted by row into rows of one baseline, each
// sorted by x in place: a row is glyphs' own (capped, so appending to
// one never writes into the next), and glyphs is not read again.
func groupRows(glyphs []glyph) [][]glyph {
	var rows [][]glyph
	start := 0
	for i := 1; i <= len(glyphs); i++ {
		if i < len(glyphs) && glyphs[i].row-glyphs[start].row < lineTolerance*max(glyphs[i].size, glyphs[start].size) {
			continue
		}
		row := glyphs[start:i:i]
		slices.SortStableFunc(row, func(a, b glyph) int { return cmp.Compare(a.x0, b.x0) })
		rows = append(rows, row)
		start = i
	}
	return rows
}

// lineOf builds the words of one row: a space or a wide gap ends a word;
// a glyph printed twice at the same place (fake bold) counts once. Text
// drawn over other text (a value typed onto a fill-in line of
// underscores) is another layer: its words are built apart, so letters
// and underscores do not interleave, and a fill-in line under a value
// is dropped.
func lineOf(row []glyph) (Line, bool) {
	row = dedupe(row)
	layers := layersOf(row)
	var words []Word
	for i, layer := range layers {
		lw := layerWords(layer)
		if i == 0 && len(layers) > 1 {
			lw = dropCoveredRules(lw, layers[1:])
		}
		words = append(words, lw...)
	}
	if len(words) == 0 {
		return Line{}, false
	}
	slices.SortStableFunc(words, func(a, b Word) int { return cmp.Compare(a.Box[0], b.Box[0]) })
	l := Line{Words: words, Box: words[0].Box}
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.Text
		l.Box = union(l.Box, w.Box)
	}
	l.Text = strings.Join(texts, " ")
	return l, true
}

// dedupe drops a glyph printed again at (nearly) the same place, the
// way fake bold is drawn. row is sorted by x.
func dedupe(row []glyph) []glyph {
	out := make([]glyph, 0, len(row))
	for _, gl := range row {
		dup := false
		for j := len(out) - 1; j >= 0 && gl.x0-out[j].x0 < 0.3; j-- {
			if out[j].s == gl.s && math.Abs(out[j].baseline-gl.baseline) < 0.3 {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, gl)
		}
	}
	return out
}

// maxRuns bounds the layering work on one row; a row drawn glyph by
// glyph out of order stays one layer.
const maxRuns = 200

// layersOf splits a row (sorted by x) into layers: runs of glyphs drawn
// one after another are placed, in drawing order, in the first layer
// they do not overlap. Text that overlaps nothing is all in the first
// layer, so most rows are one layer, as before layers existed.
func layersOf(row []glyph) [][]glyph {
	bySeq := row // most rows are drawn left to right: sorted by seq already
	if !slices.IsSortedFunc(row, bySeqOrder) {
		bySeq = slices.Clone(row)
		slices.SortStableFunc(bySeq, bySeqOrder)
	}
	var runs [][]glyph // subslices of bySeq
	start := 0
	for i := 1; i <= len(bySeq); i++ {
		// A run also ends where the pen goes back left or changes its
		// baseline: a value written over its caption ("November 5, 2026"
		// set over "Date") may be drawn right after it.
		if i == len(bySeq) || bySeq[i].seq != bySeq[i-1].seq+1 || newRun(bySeq[i-1], bySeq[i]) {
			if start < i {
				runs = append(runs, bySeq[start:i])
			}
			start = i
		}
	}
	if len(runs) <= 1 || len(runs) > maxRuns {
		return [][]glyph{row}
	}
	type span struct{ x0, x1 float64 }
	var spans [][]span
	layerOf := map[int]int{} // seq to layer
	for _, run := range runs {
		sp := span{run[0].x0, run[0].x1}
		size := run[0].size
		for _, gl := range run {
			sp = span{min(sp.x0, gl.x0), max(sp.x1, gl.x1)}
			size = min(size, gl.size)
		}
		tol := 0.3 * size
		li := 0
		for ; li < len(spans); li++ {
			if !slices.ContainsFunc(spans[li], func(o span) bool { return min(o.x1, sp.x1)-max(o.x0, sp.x0) > tol }) {
				break
			}
		}
		if li == len(spans) {
			spans = append(spans, nil)
		}
		spans[li] = append(spans[li], sp)
		for _, gl := range run {
			layerOf[gl.seq] = li
		}
	}
	layers := make([][]glyph, len(spans))
	for _, gl := range row {
		layers[layerOf[gl.seq]] = append(layers[layerOf[gl.seq]], gl)
	}
	return layers
}

func bySeqOrder(a, b glyph) int { return cmp.Compare(a.seq, b.seq) }

// newRun: gl, drawn right after prev, does not continue its text: it
// starts left of it, or on another baseline or in another size.
func newRun(prev, gl glyph) bool {
	size := min(prev.size, gl.size)
	return gl.x0 < prev.x0-0.3*size || math.Abs(gl.baseline-prev.baseline) > 0.25*size || math.Abs(gl.size-prev.size) > 0.25*size
}

// layerWords builds the words of one layer, sorted by x. The groups
// are runs of one buffer: a glyph only ever joins the last group.
func layerWords(row []glyph) []Word {
	buf := make([]glyph, 0, len(row))
	var groups [][]glyph
	var spacedBefore []bool
	spaced := false
	for _, gl := range row {
		if strings.TrimFunc(gl.s, unicode.IsSpace) == "" {
			spaced = true
			continue
		}
		if n := len(groups); n > 0 {
			cur := groups[n-1]
			last := cur[len(cur)-1]
			// A space character ends a word only where it leaves a gap:
			// some PDFs print one between a capital and the rest of its
			// word and kern it away ("F actuur" shown as "Factuur").
			gap := gl.x0 - last.x1
			if gap <= wordGap*min(gl.size, last.size) && (!spaced || gap <= minSpaceGap*min(gl.size, last.size)) {
				buf = append(buf, gl)
				groups[n-1] = cur[:len(cur)+1]
				spaced = false
				continue
			}
		}
		buf = append(buf, gl)
		groups = append(groups, buf[len(buf)-1:])
		spacedBefore = append(spacedBefore, spaced)
		spaced = false
	}
	for i, g := range groups {
		groups[i] = g[:len(g):len(g)] // joinCombs may append to a group
	}
	groups = joinCombs(groups, spacedBefore)
	words := make([]Word, len(groups))
	for i, g := range groups {
		words[i] = wordOf(g)
	}
	return words
}

// Comb cells: a value typed into a comb field (one character a cell, an
// account number or PIN), or a word set letter-spaced, draws each
// character alone at an even pitch, wider than a word's gap. Such a run
// is one word, as its reader sees it. A printed space between two of
// the characters is a word break its writer meant; a pitch that changes
// ends the run, as a space typed into a comb leaves two cells' pitch.
const (
	minCombRun   = 4    // characters: shorter runs are too likely columns
	maxCombPitch = 3.0  // font sizes from one character's start to the next
	combPitchTol = 0.08 // the pitch may vary by this share
)

// joinCombs joins each run of single characters at one even pitch.
func joinCombs(groups [][]glyph, spacedBefore []bool) [][]glyph {
	out := groups[:0:0]
	for i := 0; i < len(groups); {
		j := combRunEnd(groups, spacedBefore, i)
		if j-i < minCombRun {
			out = append(out, groups[i])
			i++
			continue
		}
		var joined []glyph
		for _, g := range groups[i:j] {
			joined = append(joined, g...)
		}
		out = append(out, joined)
		i = j
	}
	return out
}

// combRunEnd is the end of the run of evenly pitched single characters
// that starts at group i (i+1 when there is none). Cells are even by
// their characters' centres (a comb centres each in its cell) or by the
// gaps between them (letter-spacing adds the same space after each).
func combRunEnd(groups [][]glyph, spacedBefore []bool, i int) int {
	if !combCell(groups[i]) || i+1 >= len(groups) || !combCell(groups[i+1]) || spacedBefore[i+1] {
		return i + 1
	}
	a, b := groups[i][0], groups[i+1][0]
	size := a.size
	pitch, gap := centre(b)-centre(a), b.x0-a.x1
	if pitch <= 0 || pitch > maxCombPitch*size || math.Abs(b.size-size) > 0.05*size {
		return i + 1
	}
	byCentre, byGap := true, true
	j := i + 2
	for ; j < len(groups); j++ {
		prev, g := groups[j-1][0], groups[j]
		if !combCell(g) || spacedBefore[j] || math.Abs(g[0].size-size) > 0.05*size {
			break
		}
		byCentre = byCentre && math.Abs(centre(g[0])-centre(prev)-pitch) <= combPitchTol*pitch
		byGap = byGap && math.Abs(g[0].x0-prev.x1-gap) <= combPitchTol*size
		if !byCentre && !byGap {
			break
		}
	}
	return j
}

func centre(g glyph) float64 { return (g.x0 + g.x1) / 2 }

// combCell: a group of one letter or digit.
func combCell(g []glyph) bool {
	if len(g) != 1 {
		return false
	}
	r := []rune(g[0].s)
	return len(r) == 1 && (unicode.IsLetter(r[0]) || unicode.IsDigit(r[0]))
}

// dropCoveredRules drops the fill-in lines (words of underscores) that
// text of another layer is written over: the rule under a typed value
// is not part of it.
func dropCoveredRules(words []Word, over [][]glyph) []Word {
	return slices.DeleteFunc(words, func(w Word) bool {
		if strings.Trim(w.Text, "_.") != "" {
			return false
		}
		for _, layer := range over {
			for _, gl := range layer {
				if strings.TrimSpace(gl.s) != "" && gl.x1 > w.Box[0] && gl.x0 < w.Box[2] {
					return true
				}
			}
		}
		return false
	})
}

func wordOf(gs []glyph) Word {
	var b strings.Builder
	box := Box{gs[0].x0, math.Inf(1), gs[0].x1, math.Inf(-1)}
	script := 0
	for _, g := range gs {
		if g.script {
			script++
		}
		b.WriteString(g.s)
		box[0], box[2] = min(box[0], g.x0), max(box[2], g.x1)
		box[1] = min(box[1], g.baseline-ascent*g.size)
		box[3] = max(box[3], g.baseline+descent*g.size)
	}
	// A word is in a handwriting font when most of its glyphs are: a
	// printed initial or digit beside a signature does not unmake it.
	return Word{Text: b.String(), Box: box, Font: gs[0].font, Script: 2*script > len(gs)}
}

func union(a, b Box) Box {
	return Box{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}
