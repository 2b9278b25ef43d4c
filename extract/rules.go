package extract

import (
	"bytes"
	"image"
	"image/draw"
	"math"
	"slices"

	"github.com/portcheck/portcheck/extract/ocr"
)

// Forms and tables frame their values with ruled lines: a box round
// each field, a grid round a list of numbers, a line under a blank.
// Tesseract's single-block mode (the mode portcheck reads pages in)
// takes a rule touching a word for part of it, so a number in a grid
// cell came back as "Coy ee | eo" and a boxed value as "|acme.example"
// on a printed-and-scanned carrier LOA form. Its page-level line finder
// would remove them, but that mode loses lines of ordinary print
// elsewhere, so the rules are cleared here, before OCR, and only them.
//
// A rule is a run of dark pixels far longer than any stroke of a letter
// (ruleInches) and thin across (ruleThickInches): a word's stroke that
// crosses a rule is thicker there and is kept. A box's short sides are
// cleared too, where a vertical stroke reaches from a cleared rule down
// to another one. Handwriting is not straight for ruleInches, so a
// signature over a line keeps its strokes.
const (
	ruleInches      = 0.5
	ruleThickInches = 0.04
	boxSideInches   = 0.06
	ruleEdgeInches  = 0.007
	darkLevel       = 128
	// ruleLevel: a rule is anything darker than this. A hairline rule
	// (a blank line of a form) scans as one or two pixels of grey 115
	// to 145, broken into short runs under darkLevel.
	ruleLevel = 176
)

// clean returns the page image to OCR with its frames painted white (as
// PGM, when it has any), and whether the page is blank (ocr.Inked: no
// pixels far darker than its paper). A blank scan's paper grain cost
// Tesseract most of a minute a reading under load, to find nothing.
// Images Go cannot decode go to OCR as uploaded.
func clean(s scanImage) (scanImage, bool) {
	dpi := float64(s.px) / (s.widthPt / 72)
	if s.data == nil || dpi <= 0 {
		return s, false
	}
	g, err := decodeGrey(s.data)
	if err != nil {
		return s, false
	}
	if !ocr.Inked(g) {
		return s, true
	}
	fine := !coarse(s)
	mask := ruleMask(g, dpi, fine)
	var strokes []int
	if fine {
		s.ink, strokes = inkStrokes(g, mask, dpi)
	}
	keepFrames(g, mask, dpi, fine)
	for _, i := range strokes {
		mask[i] |= inkStroke
	}
	if n := whiten(g, mask, max(1, int(math.Round(ruleEdgeInches*dpi)))); n > 0 {
		s.data = ocr.EncodePGM(g)
	}
	return s, false
}

// coarse: the page was scanned under 150 DPI and scaled up. Its pen
// strokes, hairlines and print are blurred alike, and telling them
// apart took letters with them (a city's "l" read as "d", a wrong value
// where there had been the right one): such a page is told illegible
// anyway, and has only its dark frames cleared, not its strokes,
// hairlines or blank lines.
func coarse(s scanImage) bool { return s.scannedDPI > 0 && s.scannedDPI < 150 }

// decodeGrey decodes a page image into a grey copy of its own (the
// binary PGM that pdftoppm and prepare write too: package ocr registers
// it).
func decodeGrey(data []byte) (*image.Gray, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) {
		return g, nil
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	return g, nil
}

// eraseRules whitens the frames of g in place and returns how many
// pixels it cleared.
func eraseRules(g *image.Gray, dpi float64) int {
	mask := ruleMask(g, dpi, true)
	keepFrames(g, mask, dpi, true)
	return whiten(g, mask, max(1, int(math.Round(ruleEdgeInches*dpi))))
}

// ruleMask marks every rule of g, framed or standing alone, and the
// short sides of boxes.
// With hairlines, a rule is anything under ruleLevel, else under
// darkLevel.
func ruleMask(g *image.Gray, dpi float64, hairlines bool) []uint8 {
	long := int(math.Round(ruleInches * dpi))
	thick := max(2, int(math.Round(ruleThickInches*dpi)))
	side := int(math.Round(boxSideInches * dpi))
	w, h := g.Rect.Dx(), g.Rect.Dy()
	level := uint8(darkLevel)
	if hairlines {
		level = ruleLevel
	}
	dark := func(x, y int) bool { return g.Pix[y*g.Stride+x] < level }
	cleared := make([]uint8, w*h) // ruleAlong and ruleAcross bits
	// across is the dark extent through (x, y) along (dx, dy), not
	// counting what is already cleared: where two rules cross, each is
	// thin once the other is gone.
	across := func(x, y, dx, dy int) int {
		n := 1
		for _, sign := range []int{1, -1} {
			for i := 1; i <= thick; i++ {
				xx, yy := x+sign*i*dx, y+sign*i*dy
				if xx < 0 || yy < 0 || xx >= w || yy >= h || !dark(xx, yy) || cleared[yy*w+xx] != 0 {
					break
				}
				n++
			}
		}
		return n
	}
	// Horizontal rules, vertical ones, then horizontal ones again for
	// the crossings the first pass kept.
	for _, dir := range [][2]int{{1, 0}, {0, 1}, {1, 0}} {
		bit := ruleAlong
		if dir[1] == 1 {
			bit = ruleAcross
		}
		runs(w, h, dir, dark, func(x0, y0, n int) {
			if n < long {
				return
			}
			for i := range n {
				x, y := x0+i*dir[0], y0+i*dir[1]
				if across(x, y, dir[1], dir[0]) <= thick {
					cleared[y*w+x] |= bit
				}
			}
		})
	}
	clearSteps(cleared, w, h, long, thick, steps{gap: max(1, int(math.Round(stepGapInches*dpi))), along: int(stepAlongInches * dpi)}, dark, across)
	// A box's short sides: a vertical run from one cleared rule to another.
	runs(w, h, [2]int{0, 1}, dark, func(x, y0, n int) {
		if n < side || n >= long {
			return
		}
		touches := func(y int) bool {
			for dx := -thick; dx <= thick; dx++ {
				for _, yy := range []int{y - 1, y, y + 1} {
					if xx := x + dx; xx >= 0 && xx < w && yy >= 0 && yy < h && cleared[yy*w+xx] != 0 {
						return true
					}
				}
			}
			return false
		}
		if !touches(y0) || !touches(y0+n-1) {
			return
		}
		for i := range n {
			cleared[(y0+i)*w+x] |= ruleAcross
		}
	})
	return cleared
}

// A rule scanned askew is a staircase: each row (or column) holds a
// run of it, and where the rule steps over, or the blur breaks it, a run
// is shorter than ruleInches and was left on the page beside the rule
// cleared round it. OCR read those ends as words: "as" after a form's
// caption, and a column of blank lines' ends as junk enough to turn the
// page. A short run is a step of a rule when a cleared rule ends at it
// and it carries the rule on: on its own row, past a gap of a pixel or
// two (stepGapInches) where noise lightened the hairline, or on the row
// beside it. On the row beside it, a run the rule lies along end to end
// is the rule's other edge only when longer than a letter's stroke
// (stepAlongInches): the foot of a letter resting on a rule stays.
// maxStepPasses bounds the steps cleared one from another.
const (
	maxStepPasses   = 4
	stepGapInches   = 0.007
	stepAlongInches = 0.2
)

// steps is how clearSteps tells a rule's step, in pixels.
type steps struct{ gap, along int }

func clearSteps(cleared []uint8, w, h, long, thick int, st steps, dark func(x, y int) bool, across func(x, y, dx, dy int) int) {
	for _, dir := range [][2]int{{1, 0}, {0, 1}} {
		bit := ruleAlong
		if dir[1] == 1 {
			bit = ruleAcross
		}
		on := func(x, y int) bool { return x >= 0 && y >= 0 && x < w && y < h && cleared[y*w+x]&bit != 0 }
		for range maxStepPasses {
			added := 0
			runs(w, h, dir, dark, func(x0, y0, n int) {
				if n >= long || on(x0, y0) || !st.carriesOn(x0, y0, n, dir, on) {
					return
				}
				for i := range n {
					x, y := x0+i*dir[0], y0+i*dir[1]
					if across(x, y, dir[1], dir[0]) <= thick {
						cleared[y*w+x] |= bit
						added++
					}
				}
			})
			if added == 0 {
				break
			}
		}
	}
}

// carriesOn: a cleared rule ends st.gap pixels or fewer before or after
// the run (x0, y0, n) along dir on its own row, or, on a row beside it,
// reaches past one of its ends and not the other (past both, the run
// lies along the rule: a letter's foot, unless st.along or longer).
func (st steps) carriesOn(x0, y0, n int, dir [2]int, on func(x, y int) bool) bool {
	for k := 1; k <= st.gap+1; k++ {
		if on(x0-k*dir[0], y0-k*dir[1]) || on(x0+(n-1+k)*dir[0], y0+(n-1+k)*dir[1]) {
			return true
		}
	}
	for _, side := range []int{-1, 1} {
		sx, sy := side*dir[1], side*dir[0]
		at := func(i int) bool { return on(x0+i*dir[0]+sx, y0+i*dir[1]+sy) }
		if before, after := at(-1), at(n); before != after || before && n >= st.along {
			return true
		}
	}
	return false
}

// blankInches: how far over and under a blank line nothing stands. The
// value typed on a line stands on it, a caption printed under it
// (a signature line's) hangs a few points below.
const blankInches = 0.12

// blankAround: nothing dark but rules within blankInches over and under
// the rule comp (its own blurred rim left out).
func blankAround(g *image.Gray, full []uint8, comp []int, dpi float64) bool {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	r := image.Rect(comp[0]%w, comp[0]/w, comp[0]%w+1, comp[0]/w+1)
	for _, i := range comp {
		r = r.Union(image.Rect(i%w, i/w, i%w+1, i/w+1))
	}
	band, rim := int(blankInches*dpi), max(2, int(math.Round(ruleThickInches*dpi)))
	specks := int(specksInches * specksInches * dpi * dpi)
	n := 0
	for _, rows := range [][2]int{{r.Min.Y - band, r.Min.Y - rim}, {r.Max.Y + rim, r.Max.Y + band}} {
		for y := max(0, rows[0]); y < min(h, rows[1]); y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if g.Pix[y*g.Stride+x] < ruleLevel && full[y*w+x] == 0 {
					if n++; n > specks {
						return false
					}
				}
			}
		}
	}
	return true
}

// specksInches: a scan's specks about a blank line are no more ink
// together than a square this wide; a letter alone is more.
const specksInches = 1.0 / 30

// Bits of eraseRules' mask: a pixel of a horizontal rule, of a vertical
// one (or a box's side).
const (
	ruleAlong  uint8 = 1
	ruleAcross uint8 = 2
	inkStroke  uint8 = 4 // handwriting, cleared too (inkStrokes)
)

// keepFrames keeps in the mask only the rules that join horizontal and
// vertical ones, boxes and grids, and the blank lines: a level rule with
// nothing over or under it for blankInches. A rule with print beside
// it, a signature line and its caption or a row separator, stays on the
// page: a form's caption and a letter's closing are read by the line
// they stand on, while a frame only ever cuts into the words inside it,
// and a blank line holds nothing to read. Left, a column of blank lines
// (a form's numbers list, empty) read as so many junk words that
// Tesseract's reading of the page was weak, and the page was read
// turned instead.
func keepFrames(g *image.Gray, mask []uint8, dpi float64, blanks bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	full := slices.Clone(mask)
	seen := make([]bool, len(mask))
	var stack, comp []int
	for start, m := range mask {
		if m == 0 || seen[start] {
			continue
		}
		stack, comp = append(stack[:0], start), comp[:0]
		seen[start] = true
		var bits uint8
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, i)
			bits |= mask[i]
			x, y := i%w, i/w
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx < 0 || yy < 0 || xx >= w || yy >= h {
						continue
					}
					if j := yy*w + xx; mask[j] != 0 && !seen[j] {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
		}
		if bits != ruleAlong|ruleAcross && (bits != ruleAlong || !blanks || !blankAround(g, full, comp, dpi)) {
			for _, i := range comp {
				mask[i] = 0
			}
		}
	}
}

// whiten paints the cleared pixels white with the grey rim that
// anti-aliasing and a scanner's blur leave either side of a rule (r
// pixels): left, the rim reads as a row of dashes. Dark pixels in the
// rim were judged print by eraseRules and stay.
func whiten(g *image.Gray, cleared []uint8, r int) int {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	n := 0
	for i, c := range cleared {
		if c == 0 {
			continue
		}
		x0, y0 := i%w, i/w
		for y := max(0, y0-r); y <= min(h-1, y0+r); y++ {
			for x := max(0, x0-r); x <= min(w-1, x0+r); x++ {
				if p := &g.Pix[y*g.Stride+x]; *p < 255 && (*p >= darkLevel || cleared[y*w+x] != 0) {
					*p = 255
					n++
				}
			}
		}
	}
	return n
}

// runs calls f with the start and length of every run of dark pixels
// along dir ({1,0}: rows, {0,1}: columns).
func runs(w, h int, dir [2]int, dark func(x, y int) bool, f func(x, y, n int)) {
	lines, length := h, w
	if dir[1] == 1 {
		lines, length = w, h
	}
	for l := range lines {
		start := -1
		for i := 0; i <= length; i++ {
			x, y := i, l
			if dir[1] == 1 {
				x, y = l, i
			}
			on := i < length && dark(x, y)
			switch {
			case on && start < 0:
				start = i
			case !on && start >= 0:
				if dir[1] == 1 {
					f(l, start, i-start)
				} else {
					f(start, l, i-start)
				}
				start = -1
			}
		}
	}
}

// MarkInk is handwriting on a scanned page: a stroke that runs on
// unbroken far longer than any letter of print (inkStrokes). OCR reads
// a signature as a few letters, or as nothing at all when it fills a
// box, so a reader needs the strokes themselves.
const MarkInk MarkKind = "ink"

// A pen stroke of a signature runs on, joined, for half an inch or more
// and stands taller than a rule; a letter of print, even a heading's,
// is a separate shape far narrower, and a rule is cleared first (so an
// underlined word is letters again, and a signature on its line is
// strokes alone). Handwriting is thin: ink covers a small part of its
// box, where a logo or a filled shape covers much of it.
const (
	inkMinInches     = 0.5
	inkMinTallInches = 0.08
	inkMaxTallInches = 1.5
	inkMaxCover      = 0.2
)

// inkStrokes finds the strokes of handwriting on g, rules (mask) left
// out: their boxes, and their pixels (indices into mask). The strokes
// are painted out before OCR with the frames: Tesseract reads a scrawl
// as a run of junk letters as tall as the scrawl, and the caption
// printed beside it was lost with the junk (the whole row "Authorizing
// signature:" on a scanned carrier form), while the reader judges the
// signature by the strokes themselves (MarkInk).
func inkStrokes(g *image.Gray, mask []uint8, dpi float64) ([]image.Rectangle, []int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	seen := make([]bool, w*h)
	ink := func(i int) bool { return !seen[i] && mask[i] == 0 && g.Pix[(i/w)*g.Stride+i%w] < darkLevel }
	minW, minH, maxH := int(inkMinInches*dpi), int(inkMinTallInches*dpi), int(inkMaxTallInches*dpi)
	var out []image.Rectangle
	var pixels, stack, comp []int
	for start := range seen {
		if !ink(start) {
			continue
		}
		seen[start] = true
		stack, comp = append(stack[:0], start), comp[:0]
		r := image.Rect(start%w, start/w, start%w+1, start/w+1)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, i)
			x, y := i%w, i/w
			r = r.Union(image.Rect(x, y, x+1, y+1))
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx < 0 || yy < 0 || xx >= w || yy >= h {
						continue
					}
					if j := yy*w + xx; ink(j) {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
		}
		if r.Dx() >= minW && r.Dy() >= minH && r.Dy() <= maxH && float64(len(comp)) <= inkMaxCover*float64(r.Dx()*r.Dy()) && !straight(comp, r, w, dpi) {
			out = append(out, r)
			pixels = append(pixels, comp...)
		}
	}
	return out, pixels
}

// straight: the shape is a straight line or what is left of a frame.
// A rule scanned askew (a signature line a degree or more off level) is
// a run of short steps, none long enough to clear as a rule, and a
// box's side drawn a little askew joins the ends of its top and bottom;
// a pen's stroke bends. Straight is a side across nearly the shape's
// whole height or width, or a middle that keeps to one straight line
// (lineInches) from end to end.
func straight(comp []int, r image.Rectangle, w int, dpi float64) bool {
	cols, rows := make([]int, r.Dx()), make([]int, r.Dy())
	sumY := make([]float64, r.Dx())
	for _, i := range comp {
		x, y := i%w-r.Min.X, i/w-r.Min.Y
		cols[x]++
		rows[y]++
		sumY[x] += float64(y)
	}
	if slices.Max(cols) >= r.Dy()*4/5 || slices.Max(rows) >= r.Dx()*4/5 {
		return true
	}
	// least squares of each column's middle against x
	var n, sx, sy, sxx, sxy float64
	for x, c := range cols {
		if c == 0 {
			continue
		}
		y := sumY[x] / float64(c)
		n, sx, sy, sxx, sxy = n+1, sx+float64(x), sy+y, sxx+float64(x*x), sxy+float64(x)*y
	}
	d := n*sxx - sx*sx
	if n < 2 || d == 0 {
		return true
	}
	b := (n*sxy - sx*sy) / d
	a := (sy - b*sx) / n
	var res float64
	for x, c := range cols {
		if c > 0 {
			e := sumY[x]/float64(c) - (a + b*float64(x))
			res += e * e
		}
	}
	return math.Sqrt(res/n) <= lineInches*dpi
}

// lineInches: how far the middle of a scanned rule strays from its
// straight line (a pixel or two of blur and noise), a small part of a
// signature's waver.
const lineInches = 0.006
