package extract

import (
	"slices"

	"github.com/ledongthuc/pdf"
)

// pageContent reads a page's text and marks in one walk of its content:
// each operator goes to the text walker and to the mark walker, and a
// form XObject is entered by both. Walking it once for each (as before)
// decoded and tokenized every content stream twice, a fifth of a
// text-layer check's CPU (pprof over the reference orders). The content
// is charged once, to the text's budget.
//
// The marks are the non-text marks that can be a signature: painted
// paths with curves, each its own mark, strokes that touch merged into
// one (a signature drawn as vectors), and placed images (a scanned
// signature). Straight lines and rectangles alone (the signature line,
// table rules) are not marks. Form XObjects are walked in their own
// matrix and resources. A failure of the mark walker yields no marks for
// the page rather than an error, because marks only ever add evidence;
// the text walker's failures are the page's, as they always were.
func pageContent(pp pdf.Page, g geometry, content *contentBudget) ([]placedText, []Mark, error) {
	// A page's texts are about as many as its previous page's: sized so,
	// they are allocated once, where appending one by one grew and
	// copied them a dozen times (a tenth of extraction's allocation).
	out := make([]placedText, 0, content.texts)
	defer func() { content.texts = len(out) }()
	glyphs := 2_000_000
	res := inherited(pp.V, "Resources")
	tw := &textWalker{res: res, fonts: map[string]*fontInfo{}, out: &out, budget: &glyphs, content: content}
	tw.st = textState{ctm: ident(), tm: ident(), tlm: ident(), th: 1}
	w := &pageWalker{text: tw, marks: &markWalker{g: g, ctm: ident(), res: res, content: content}}
	strm := pp.V.Key("Contents")
	w.run(strm)
	if content.err != nil {
		return nil, nil, content.err
	}
	if strm.IsNull() {
		return out, nil, nil
	}
	return out, w.found(), nil
}

// pageWalker is the text and the mark walker of one content stream.
type pageWalker struct {
	text   *textWalker
	marks  *markWalker
	broken *bool       // the mark walker failed: the page has no marks
	args   []pdf.Value // the operands of the operator at hand, reused: neither walker keeps them
}

func (w *pageWalker) run(strm pdf.Value) {
	if w.broken == nil {
		w.broken = new(bool)
	}
	w.text.content.walk(strm, w.op)
}

func (w *pageWalker) op(stk *pdf.Stack, op string) {
	args := w.popArgs(stk)
	if op == "Do" {
		if len(args) == 1 {
			w.draw(args[0].Name())
		}
		return
	}
	w.text.apply(op, args)
	w.mark(func() { w.marks.apply(op, args) })
}

// popArgs is popArgs into the walker's own slice, which an operator's
// operands reuse: made afresh for every operator, they were a tenth of
// extraction's allocation.
func (w *pageWalker) popArgs(stk *pdf.Stack) []pdf.Value {
	n := stk.Len()
	args := slices.Grow(w.args[:0], n)[:n]
	for i := n - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	w.args = args
	return args
}

// draw places an image (a mark) or walks a form (text and marks), as
// textWalker.form and markWalker.xobject do each alone.
func (w *pageWalker) draw(name string) {
	x := w.text.res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		w.mark(w.marks.image)
	case "Form":
		if w.text.depth >= maxFormDepth || !w.text.content.drawForm() {
			return
		}
		leave := func() {}
		w.mark(func() { leave = w.marks.enter(x) })
		(&pageWalker{text: w.text.enter(x), marks: w.marks, broken: w.broken}).run(x)
		leave()
	}
}

// mark runs a step of the mark walker, unless it failed before; a panic
// in it (a malformed operand) ends the page's marks, not its text.
func (w *pageWalker) mark(step func()) {
	if *w.broken {
		return
	}
	defer func() {
		if recover() != nil {
			*w.broken = true
		}
	}()
	step()
}

// found is the page's marks: nil when the mark walker failed.
func (w *pageWalker) found() (marks []Mark) {
	if *w.broken {
		return nil
	}
	defer func() {
		if recover() != nil {
			marks = nil
		}
	}()
	return append(clusterPaths(w.marks.paths), w.marks.images...)
}
