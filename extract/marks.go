package extract

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// minCurves is how many Bézier segments make a mark handwriting rather
// than a rounded box corner, a bullet or a check box.
const minCurves = 6

// Two stroked paths are one mark when they come within touchGap points
// of each other, or within nearGap of the smaller one's height: the pen
// strokes of one signature touch or cross, and the gap between its words
// is narrower than a letter is tall, while a separate scribble stands
// further apart.
const (
	touchGap = 2.0
	nearGap  = 0.4
)

// A polyline is a pen stroke when its segments turn through more than
// minPenTurning degrees in all, two and a half full turns: a signature
// loops and reverses at every letter, while a box turns once, a circle
// once, a pentagram twice and a chart's line far less. A path that turns
// under minTurning is not kept at all (a rule, a box, a table's grid),
// nor is a filled one of straight lines: a pen strokes, and a form's
// frames are filled polygons.
const (
	minPenTurning = 900.0
	minTurning    = 180.0
)

// minMarkSize: a mark whose longer side is under this many points is a
// dot, a bullet or a radio button, never a signature.
const minMarkSize = 6.0

// maxPaths bounds the painted paths one page may make the walker keep (a
// chart or a hostile stream can paint millions).
const maxPaths = 20_000

type mat [6]float64 // a b c d e f

func ident() mat { return mat{1, 0, 0, 1, 0, 0} }

// mul returns m × n (apply m, then n), PDF's order for "cm".
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m mat) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

type markWalker struct {
	g      geometry
	ctm    mat
	stack  []mat
	res    pdf.Value
	depth  int
	path   Mark // the path being built
	points bool // path has a box yet
	pen    pen  // where the current subpath's pen is, for its turning
	paths  []Mark
	images []Mark
	// content bounds the walk as it does the text walker's.
	content *contentBudget
}

func (w *markWalker) run(strm pdf.Value) {
	w.content.walk(strm, w.op)
}

func (w *markWalker) op(stk *pdf.Stack, op string) { w.apply(op, popArgs(stk)) }

func (w *markWalker) apply(op string, args []pdf.Value) {
	switch op {
	case "q":
		w.stack = append(w.stack, w.ctm)
	case "Q":
		if n := len(w.stack); n > 0 {
			w.ctm, w.stack = w.stack[n-1], w.stack[:n-1]
		}
	case "cm":
		if m, ok := matrixOf(args); ok {
			w.ctm = m.mul(w.ctm)
		}
	case "Do":
		if len(args) == 1 {
			w.xobject(args[0].Name())
		}
	default:
		w.pathOp(op, args)
	}
}

// pathOp builds and paints paths (PDF 32000-1, 8.5).
func (w *markWalker) pathOp(op string, args []pdf.Value) {
	switch op {
	case "m":
		w.points0(args)
		w.pen = w.penAt(args)
	case "l":
		w.path.Lines++
		w.points0(args)
		w.pen = w.pen.lineTo(w.penAt(args))
		w.path.Turning += w.pen.turned
	case "c", "v", "y":
		w.path.Curves++
		w.points0(args)
		w.pen = w.penAt(args)
	case "re":
		if len(args) == 4 {
			x, y, dx, dy := args[0].Float64(), args[1].Float64(), args[2].Float64(), args[3].Float64()
			w.point(x, y)
			w.point(x+dx, y+dy)
			w.path.Lines += 4
			w.path.Closed++
		}
	case "h":
		w.path.Closed++
		w.pen = pen{}
	case "S":
		w.paint(false, true, false)
	case "s":
		w.paint(false, true, true)
	case "f", "F", "f*":
		w.paint(true, false, false)
	case "B", "B*":
		w.paint(true, true, false)
	case "b", "b*":
		w.paint(true, true, true)
	case "n":
		w.path, w.points = Mark{}, false // a clipping path paints nothing
	}
}

// pen follows a subpath's straight segments: its point, the direction
// of its last segment, and how far the segment just drawn turned from
// the one before, in degrees. A pen stroke recorded as points (a
// signature pad's) is a polyline that keeps turning; a rule, a box or a
// table's lines barely do.
type pen struct {
	x, y, dir, turned float64
	at, heading       bool
}

// penAt is the pen at a segment's last point, in page space.
func (w *markWalker) penAt(args []pdf.Value) pen {
	if len(args) < 2 {
		return pen{}
	}
	x, y := w.ctm.apply(args[len(args)-2].Float64(), args[len(args)-1].Float64())
	return pen{x: x, y: y, at: true}
}

func (p pen) lineTo(next pen) pen {
	if !p.at || !next.at || next.x == p.x && next.y == p.y {
		next.dir, next.heading = p.dir, p.heading
		return next
	}
	next.dir, next.heading = math.Atan2(next.y-p.y, next.x-p.x)*180/math.Pi, true
	if p.heading {
		d := math.Abs(next.dir - p.dir)
		next.turned = min(d, 360-d)
	}
	return next
}

func (w *markWalker) points0(args []pdf.Value) {
	for i := 0; i+1 < len(args); i += 2 {
		w.point(args[i].Float64(), args[i+1].Float64())
	}
}

func (w *markWalker) point(x, y float64) {
	px, py := w.ctm.apply(x, y)
	b := w.g.box(px, py, px, py)
	if !w.points {
		w.path.Box, w.points = b, true
		return
	}
	w.path.Box = union(w.path.Box, b)
}

// paint ends the current path; one with curves is kept as a mark.
func (w *markWalker) paint(fill, stroke, closes bool) {
	p := w.path
	w.path, w.points = Mark{}, false
	w.pen = pen{}
	if p.Curves == 0 && (fill || p.Turning < minTurning) || len(w.paths) >= maxPaths {
		return
	}
	if closes {
		p.Closed++
	}
	p.Turning = math.Round(p.Turning)
	p.Kind, p.Paths, p.Filled, p.Stroked = MarkCurves, 1, fill, stroke
	w.paths = append(w.paths, p)
}

// xobject places an image, or walks a form in its matrix and resources.
func (w *markWalker) xobject(name string) {
	x := w.res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		w.image()
	case "Form":
		if w.depth >= maxFormDepth || !w.content.drawForm() {
			return
		}
		leave := w.enter(x)
		w.run(x)
		leave()
	}
}

// enter sets w to draw form x's content, and returns what sets it back.
func (w *markWalker) enter(x pdf.Value) (leave func()) {
	saved, savedRes, savedStack := w.ctm, w.res, w.stack
	if m, ok := matrixOf(arrayValues(x.Key("Matrix"))); ok {
		w.ctm = m.mul(w.ctm)
	}
	if r := x.Key("Resources"); !r.IsNull() {
		w.res = r
	}
	w.depth++
	w.stack = nil
	return func() {
		w.depth--
		w.ctm, w.res, w.stack = saved, savedRes, savedStack
	}
}

func (w *markWalker) image() {
	// An image is drawn into the unit square mapped by the CTM.
	var b Box
	for i, c := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		px, py := w.ctm.apply(c[0], c[1])
		pb := w.g.box(px, py, px, py)
		if i == 0 {
			b = pb
		} else {
			b = union(b, pb)
		}
	}
	// A page-sized image is the page itself (a scan), not a mark on it.
	if area := (b[2] - b[0]) * (b[3] - b[1]); area > 0.5*w.g.width()*w.g.height() {
		return
	}
	w.images = append(w.images, Mark{Kind: MarkImage, Box: b})
}

// clusterPaths merges stroked paths that touch into one mark and keeps
// the marks with enough curves to be handwriting, in a signature-sized
// area. Filled paths (a logo's shapes, a bullet) are never merged: a
// signature beside a logo stays apart from it.
func clusterPaths(paths []Mark) []Mark {
	merged := true
	for merged {
		merged = false
		for i := 0; i < len(paths); i++ {
			for j := i + 1; j < len(paths); j++ {
				if !mergeable(paths[i], paths[j]) {
					continue
				}
				paths[i] = joined(paths[i], paths[j])
				paths = append(paths[:j], paths[j+1:]...)
				j--
				merged = true
			}
		}
	}
	var out []Mark
	for _, p := range paths {
		w, h := p.Box[2]-p.Box[0], p.Box[3]-p.Box[1]
		if (p.Curves >= minCurves || openStroke(p) || !p.Filled && p.Turning >= minPenTurning) && w < 400 && h < 150 && max(w, h) >= minMarkSize {
			out = append(out, p)
		}
	}
	return out
}

// openStroke is a pen's stroke smoothed into a few Bézier curves, as a
// drawing tool leaves a quick signature: stroked, open (a rounded box is
// closed), and as wide as a written name; a bracket or a bullet is
// narrower.
func openStroke(p Mark) bool {
	return p.Curves >= minOpenCurves && p.Stroked && !p.Filled && p.Closed == 0 && p.Box[2]-p.Box[0] >= minStrokeWidth
}

const (
	minOpenCurves  = 4
	minStrokeWidth = 40.0
)

func mergeable(a, b Mark) bool {
	if a.Filled || b.Filled {
		return false
	}
	gap := max(touchGap, nearGap*min(a.Box[3]-a.Box[1], b.Box[3]-b.Box[1]))
	return a.Box[0] <= b.Box[2]+gap && b.Box[0] <= a.Box[2]+gap &&
		a.Box[1] <= b.Box[3]+gap && b.Box[1] <= a.Box[3]+gap
}

func joined(a, b Mark) Mark {
	return Mark{Kind: MarkCurves, Box: union(a.Box, b.Box), Paths: a.Paths + b.Paths,
		Curves: a.Curves + b.Curves, Lines: a.Lines + b.Lines, Closed: a.Closed + b.Closed, Turning: a.Turning + b.Turning,
		Stroked: a.Stroked || b.Stroked}
}

// popArgs empties the operand stack, first operand first.
func popArgs(stk *pdf.Stack) []pdf.Value {
	args := make([]pdf.Value, stk.Len())
	for i := len(args) - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}
