package extract

import (
	"github.com/ledongthuc/pdf"
)

// minCurves is how many Bézier segments make a cluster handwriting
// rather than a rounded box corner or a logo's outline.
const minCurves = 6

// pageMarks finds the non-text marks that can be a signature: clusters
// of curves (a signature drawn as vectors) and placed images (a scanned
// signature). Straight lines and rectangles (the signature line itself,
// table rules) are not marks. It tracks the current transformation
// matrix so boxes land in page coordinates; any parse failure yields no
// marks rather than an error, because marks only ever add evidence.
func pageMarks(pp pdf.Page, g geometry) (marks []Mark) {
	defer func() {
		if recover() != nil {
			marks = nil
		}
	}()
	strm := pp.V.Key("Contents")
	if strm.IsNull() {
		return nil
	}
	var w markWalker
	w.ctm = ident()
	w.g = g
	w.xobjects = pp.V.Key("Resources").Key("XObject")
	pdf.Interpret(strm, w.op)
	w.flushCurves()
	return w.marks
}

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
	g        geometry
	ctm      mat
	stack    []mat
	xobjects pdf.Value
	curves   int
	cbox     Box
	marks    []Mark
}

func (w *markWalker) op(stk *pdf.Stack, op string) {
	args := popArgs(stk)
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
	case "c", "v", "y":
		w.curve(args)
	case "Do":
		w.image(args)
	}
}

func (w *markWalker) curve(args []pdf.Value) {
	for i := 0; i+1 < len(args); i += 2 {
		x, y := w.ctm.apply(args[i].Float64(), args[i+1].Float64())
		b := w.g.box(x, y, x, y)
		if w.curves == 0 {
			w.cbox = b
		} else {
			w.cbox = union(w.cbox, b)
		}
	}
	w.curves++
}

// flushCurves turns the page's curves into one mark when there are
// enough of them in a signature-sized area.
func (w *markWalker) flushCurves() {
	if w.curves >= minCurves && w.cbox[2]-w.cbox[0] < 400 && w.cbox[3]-w.cbox[1] < 150 {
		w.marks = append(w.marks, Mark{Kind: MarkCurves, Box: w.cbox})
	}
	w.curves = 0
}

func (w *markWalker) image(args []pdf.Value) {
	if len(args) != 1 || w.xobjects.IsNull() {
		return
	}
	x := w.xobjects.Key(args[0].Name())
	if x.Key("Subtype").Name() != "Image" {
		return
	}
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
	w.marks = append(w.marks, Mark{Kind: MarkImage, Box: b})
}

// popArgs empties the operand stack, first operand first.
func popArgs(stk *pdf.Stack) []pdf.Value {
	args := make([]pdf.Value, stk.Len())
	for i := len(args) - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}
