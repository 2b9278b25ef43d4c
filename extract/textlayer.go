package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/font"
)

// The text interpreter: ledongthuc/pdf parses the file and the content
// stream, but its own Content() places glyphs with widths it can only
// read from a simple font's /Widths array. Fonts without one (the 14
// standard fonts many invoice generators use) and two-byte CID fonts
// (what Chromium and Word embed) then come out with every glyph of a
// string at one x, and sorting by x scrambles the words. This
// interpreter takes widths from /Widths, from a CID font's /W array, or
// from the standard fonts' metrics, and follows form XObjects.

// maxFormDepth bounds nested form XObjects (a hostile file can nest them
// in a cycle).
const maxFormDepth = 8

type fontInfo struct {
	base    string
	enc     pdf.TextEncoding
	uni     toUnicode // the font's /ToUnicode, read before enc
	twoByte bool
	first   int
	widths  []float64       // simple fonts, from FirstChar
	cid     map[int]float64 // CID fonts
	dw      float64         // default width, glyph units
	// glyph maps glyph space to text space in thousandths: the identity
	// but for a Type 3 font, whose /FontMatrix sets its own units.
	glyph  mat
	script bool // the font looks handwritten (see script.go)
}

func loadFont(v pdf.Value, b *contentBudget) *fontInfo {
	f := pdf.Font{V: v}
	fi := &fontInfo{base: fontName(v), enc: f.Encoder(), uni: readToUnicode(v.Key("ToUnicode")), dw: 500, glyph: ident()}
	if fi.enc == nil {
		fi.enc = nopEncoding{}
	}
	if v.Key("Subtype").Name() == "Type0" {
		fi.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		fi.cid, fi.dw = cidWidths(d)
		fd := d.Key("FontDescriptor")
		fi.script = b.judged(fontKey(v, fd, fd.Key("FontFile2")), func() bool {
			return judgeScript(fd, trueTypeGlyphs(d, fi, b))
		})
		return fi
	}
	fi.first = f.FirstChar()
	fi.widths = f.Widths()
	fd := v.Key("FontDescriptor")
	if v.Key("Subtype").Name() != "Type3" {
		fi.script = judgeScript(fd, nil)
		return fi
	}
	if m, ok := matrixOf(arrayValues(v.Key("FontMatrix"))); ok && m[0] != 0 && m[3] != 0 {
		fi.glyph = mat{m[0] * 1000, m[1] * 1000, m[2] * 1000, m[3] * 1000, 0, 0}
	}
	fi.script = b.judged(fontKey(v, fd, pdf.Value{})+"|"+fmt.Sprint(fi.widths), func() bool {
		return judgeScript(fd, type3Glyphs(v, fi, b))
	})
	return fi
}

// fontName is the font's PostScript name without a subset prefix: its
// /BaseFont, or for a Type 3 font (which has none) its descriptor's
// /FontName, else its /Name.
func fontName(v pdf.Value) string {
	name := v.Key("BaseFont").Name()
	if name == "" {
		name = v.Key("FontDescriptor").Key("FontName").Name()
	}
	if name == "" {
		name = v.Key("Name").Name()
	}
	if i := strings.IndexByte(name, '+'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// decode is the text of one character code.
func (fi *fontInfo) decode(bytes string, code int) string {
	if s, ok := fi.uni[code]; ok {
		return s
	}
	return normalizeText(fi.enc.Decode(bytes))
}

type nopEncoding struct{}

func (nopEncoding) Decode(raw string) string { return raw }

// cidWidths reads a CID font's /W array: [c [w1 w2 ...]] or [c1 c2 w].
func cidWidths(d pdf.Value) (map[int]float64, float64) {
	out := map[int]float64{}
	dw := 1000.0
	if x := d.Key("DW"); x.Kind() == pdf.Integer || x.Kind() == pdf.Real {
		dw = x.Float64()
	}
	w := d.Key("W")
	for i := 0; i < w.Len() && len(out) < 1<<16; {
		first := int(w.Index(i).Int64())
		if i+1 < w.Len() && w.Index(i+1).Kind() == pdf.Array {
			arr := w.Index(i + 1)
			for j := 0; j < arr.Len() && j < 1<<16; j++ {
				out[first+j] = arr.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
		for c := first; c <= last && c-first < 1<<16; c++ {
			out[c] = width
		}
		i += 3
	}
	return out, dw
}

// width is a code's advance in glyph units (thousandths of the size).
func (fi *fontInfo) width(code int) float64 {
	if fi.twoByte {
		if w, ok := fi.cid[code]; ok {
			return w
		}
		return fi.dw
	}
	if i := code - fi.first; i >= 0 && i < len(fi.widths) && fi.widths[i] > 0 {
		return fi.widths[i]
	}
	if font.IsCoreFont(fi.base) {
		if w, err := font.CharWidth(fi.base, rune(code)); err == nil && w > 0 {
			return float64(w)
		}
	}
	return fi.dw
}

// textState is the part of the graphics state text placement needs.
type textState struct {
	ctm, tm, tlm               mat
	tc, tw, th, tl, tfs, trise float64
	font                       *fontInfo
}

type textWalker struct {
	res     pdf.Value
	fonts   map[string]*fontInfo
	st      textState
	stack   []textState
	out     *[]placedText
	depth   int
	budget  *int // glyphs left: bounds a hostile stream's output
	content *contentBudget
}

// placedText is a glyph in user space and the direction its baseline
// runs, a unit vector: text can be drawn turned on the page.
type placedText struct {
	pdf.Text
	dx, dy float64
	script bool
}

func (w *textWalker) run(strm pdf.Value) {
	w.content.walk(strm, w.op)
}

// maxContentBytes bounds the decoded content streams one document may
// make the interpreter read, forms counted each time they are drawn. A
// few KB of nested Flate inflate to gigabytes; memory stays flat (the
// streams are read, not held) but time would not. Real bills and LOAs
// decode to well under 1 MiB a page.
const maxContentBytes = 256 << 20

// contentBudget is what is left of maxContentBytes for one document:
// content streams, and the font programs and glyph procedures read to
// judge a font's hand. It keeps those judgements too, so a font shared
// by every page is measured once. It also carries the document's time
// bound and context, checked at every operator, so a walk abandoned by
// guard stops itself rather than burning CPU until the process exits.
type contentBudget struct {
	left     int64
	forms    int // form XObjects drawn so far
	ops      int
	err      error // why the walk stopped; nil while within bounds
	scripts  map[string]bool
	fonts    map[string]*fontInfo // by their dictionary (font)
	texts    int                  // texts the last page walked placed
	deadline time.Time
	limit    time.Duration
	ctx      context.Context
}

// maxFormsDrawn bounds the form XObjects one document may draw, each
// time drawn: forms drawing forms eight deep multiply a few KB into
// millions of walks. A bill draws a handful per page.
const maxFormsDrawn = 20_000

func newContentBudget(ctx context.Context, b bound) *contentBudget {
	return &contentBudget{left: maxContentBytes, deadline: b.deadline, limit: b.limit, ctx: ctx}
}

func (b *contentBudget) fail(reason string, kind error) {
	if b.err == nil {
		b.err = unreadable("", kind, reason, nil)
	}
}

// step is called at every operator a walker sees; past a bound it ends
// the walk by panicking out of pdf.Interpret (recovered by the walker's
// caller, which returns b.err).
func (b *contentBudget) step() {
	b.ops++
	if b.ops%256 == 0 {
		b.checkTime()
	}
	if b.err != nil {
		panic(errStopped)
	}
}

func (b *contentBudget) checkTime() {
	switch {
	case b.ctx != nil && b.ctx.Err() != nil:
		b.fail("reading it was cancelled", ErrTimeout)
	case !b.deadline.IsZero() && time.Now().After(b.deadline):
		b.fail(fmt.Sprintf("reading it took longer than %s", b.limit), ErrTimeout)
	}
}

// drawForm counts a form drawn; false once past maxFormsDrawn.
func (b *contentBudget) drawForm() bool {
	b.forms++
	if b.forms > maxFormsDrawn {
		b.fail(fmt.Sprintf("the PDF draws more than %d forms (forms nested and repeated past the reader's bound)", maxFormsDrawn), ErrCorrupt)
	}
	return b.err == nil
}

// judged returns the judgement of the font named by key, made once.
func (b *contentBudget) judged(key string, judge func() bool) bool {
	if v, ok := b.scripts[key]; ok {
		return v
	}
	if b.scripts == nil {
		b.scripts = map[string]bool{}
	}
	v := judge()
	b.scripts[key] = v
	return v
}

// read reads a stream up to limit bytes, charged to the budget; nil
// once the budget is spent.
func (b *contentBudget) read(strm pdf.Value, limit int64) []byte {
	if b.err != nil || strm.Kind() != pdf.Stream {
		return nil
	}
	rc := strm.Reader()
	data, _ := io.ReadAll(io.LimitReader(rc, min(limit, b.left+1)))
	rc.Close()
	b.left -= int64(len(data))
	if b.left < 0 {
		b.bomb()
		return nil
	}
	return data
}

func (b *contentBudget) bomb() {
	b.fail(fmt.Sprintf("the PDF's page content inflates past %d MiB (a decompression bomb)", maxContentBytes>>20), ErrCorrupt)
}

// fontKey names a font program for the judgement cache: a shared font
// object has the same name, descriptor and program length on every page.
func fontKey(v, fd, program pdf.Value) string {
	return fontName(v) + "|" + fd.Key("FontName").Name() + "|" + program.Key("Length").String()
}

// take measures a content stream (or array of streams) by decoding it
// once, stopping one byte past what is left, and charges it. The bytes
// go through operandScan, so a stream Interpret could not read within
// bounded memory is refused before Interpret sees it.
func (b *contentBudget) take(strm pdf.Value) bool {
	if b.err != nil {
		return false
	}
	parts := []pdf.Value{strm}
	if strm.Kind() == pdf.Array {
		parts = arrayValues(strm)
	}
	scan := &operandScan{deadline: b.deadline, ctx: b.ctx}
	for _, p := range parts {
		rc := p.Reader()
		n, _ := io.Copy(scan, io.LimitReader(rc, b.left+1))
		rc.Close()
		b.left -= n
		switch {
		case errors.Is(scan.err, errTimeUp) || errors.Is(scan.err, context.Canceled) || errors.Is(scan.err, context.DeadlineExceeded):
			b.checkTime()
			b.fail(fmt.Sprintf("reading it took longer than %s", b.limit), ErrTimeout)
		case scan.err != nil:
			b.fail("the PDF's page content has "+scan.err.Error()+" (past the reader's bound)", ErrCorrupt)
		case b.left < 0:
			b.bomb()
		}
		if b.err != nil {
			return false
		}
	}
	return true
}

// walk runs pdf.Interpret on a stream taken from the budget, and ends
// quietly when step stops it; any other panic is the caller's.
func (b *contentBudget) walk(strm pdf.Value, do func(*pdf.Stack, string)) {
	if strm.IsNull() || !b.take(strm) {
		return
	}
	defer func() {
		if r := recover(); r != nil && r != errStopped {
			panic(r)
		}
	}()
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		b.step()
		do(stk, op)
	})
}

func (w *textWalker) op(stk *pdf.Stack, op string) { w.apply(op, popArgs(stk)) }

func (w *textWalker) apply(op string, args []pdf.Value) {
	if w.graphics(op, args) || w.textPosition(op, args) {
		return
	}
	w.textShow(op, args)
}

func (w *textWalker) graphics(op string, args []pdf.Value) bool {
	switch op {
	case "q":
		w.stack = append(w.stack, w.st)
	case "Q":
		if n := len(w.stack); n > 0 {
			w.st, w.stack = w.stack[n-1], w.stack[:n-1]
		}
	case "cm":
		if m, ok := matrixOf(args); ok {
			w.st.ctm = m.mul(w.st.ctm)
		}
	case "Do":
		if len(args) == 1 {
			w.form(args[0].Name())
		}
	default:
		return false
	}
	return true
}

func (w *textWalker) textPosition(op string, args []pdf.Value) bool {
	st := &w.st
	switch op {
	case "BT":
		st.tm, st.tlm = ident(), ident()
	case "Tf":
		if len(args) == 2 {
			st.font = w.font(args[0].Name())
			st.tfs = args[1].Float64()
		}
	case "Tc", "Tw", "Tz", "TL", "Ts":
		if len(args) == 1 {
			w.setParam(op, args[0].Float64())
		}
	case "Td", "TD":
		if len(args) == 2 {
			if op == "TD" {
				st.tl = -args[1].Float64()
			}
			st.tlm = mat{1, 0, 0, 1, args[0].Float64(), args[1].Float64()}.mul(st.tlm)
			st.tm = st.tlm
		}
	case "Tm":
		if m, ok := matrixOf(args); ok {
			st.tm, st.tlm = m, m
		}
	case "T*":
		w.nextLine()
	default:
		return false
	}
	return true
}

func (w *textWalker) setParam(op string, v float64) {
	switch op {
	case "Tc":
		w.st.tc = v
	case "Tw":
		w.st.tw = v
	case "Tz":
		w.st.th = v / 100
	case "TL":
		w.st.tl = v
	case "Ts":
		w.st.trise = v
	}
}

func (w *textWalker) nextLine() {
	w.st.tlm = mat{1, 0, 0, 1, 0, -w.st.tl}.mul(w.st.tlm)
	w.st.tm = w.st.tlm
}

func (w *textWalker) textShow(op string, args []pdf.Value) {
	switch op {
	case "Tj":
		if len(args) == 1 {
			w.show(args[0].RawString())
		}
	case "'":
		if len(args) == 1 {
			w.nextLine()
			w.show(args[0].RawString())
		}
	case "\"":
		if len(args) == 3 {
			w.st.tw, w.st.tc = args[0].Float64(), args[1].Float64()
			w.nextLine()
			w.show(args[2].RawString())
		}
	case "TJ":
		if len(args) == 1 {
			w.showArray(args[0])
		}
	}
}

func (w *textWalker) showArray(v pdf.Value) {
	for i := 0; i < v.Len(); i++ {
		x := v.Index(i)
		if x.Kind() == pdf.String {
			w.show(x.RawString())
			continue
		}
		tx := -x.Float64() / 1000 * w.st.tfs * w.st.th
		w.st.tm = mat{1, 0, 0, 1, tx, 0}.mul(w.st.tm)
	}
}

// show places each character code of a string and advances the text
// matrix by its width (PDF 32000-1, 9.4.4).
func (w *textWalker) show(raw string) {
	st := &w.st
	if st.font == nil {
		st.font = &fontInfo{enc: nopEncoding{}, dw: 500}
	}
	step := 1
	if st.font.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(raw) && *w.budget > 0; i += step {
		code := int(raw[i])
		if step == 2 {
			code = code<<8 | int(raw[i+1])
		}
		w.emit(raw[i:i+step], code)
	}
}

func (w *textWalker) emit(bytes string, code int) {
	st := &w.st
	*w.budget--
	// A glyph's advance is in glyph space: thousandths of the size, or
	// for a Type 3 font its FontMatrix's units.
	w0 := st.font.width(code) / 1000 * st.font.glyph[0]
	trm := mat{st.tfs * st.th, 0, 0, st.tfs, 0, st.trise}.mul(st.tm).mul(st.ctm)
	em := st.font.glyph.mul(trm)
	scaleX := math.Hypot(trm[0], trm[1])
	size := math.Hypot(em[2], em[3])
	if s := st.font.decode(bytes, code); s != "" {
		t := placedText{Text: pdf.Text{Font: st.font.base, FontSize: size, X: trm[4], Y: trm[5], W: w0 * scaleX, S: s}, dx: 1, script: st.font.script}
		if scaleX > 0 {
			t.dx, t.dy = trm[0]/scaleX, trm[1]/scaleX
		}
		*w.out = append(*w.out, t)
	}
	tx := w0*st.tfs + st.tc
	if code == 32 && !st.font.twoByte {
		tx += st.tw
	}
	st.tm = mat{1, 0, 0, 1, tx * st.th, 0}.mul(st.tm)
}

func (w *textWalker) font(name string) *fontInfo {
	if f, ok := w.fonts[name]; ok {
		return f
	}
	f := w.content.font(w.res.Key("Font").Key(name))
	w.fonts[name] = f
	return f
}

// maxFontsKept bounds the fonts a document's budget keeps loaded.
const maxFontsKept = 4096

// font is the font of dictionary v, loaded once a document: a bill's
// pages share their fonts, and loading one (its encoding, its ToUnicode
// map, the key its judgement is kept under, each resolving objects
// afresh) was a tenth of a text-layer check's CPU when every page did it
// again (pprof over the reference orders). The key is the dictionary as
// written, its references by object number, so within one document it
// names the same font and nothing else.
func (b *contentBudget) font(v pdf.Value) *fontInfo {
	key := v.String()
	if f, ok := b.fonts[key]; ok {
		return f
	}
	f := loadFont(v, b)
	if b.fonts == nil {
		b.fonts = map[string]*fontInfo{}
	}
	if len(b.fonts) < maxFontsKept {
		b.fonts[key] = f
	}
	return f
}

// form follows a form XObject: its content draws in its own matrix and
// with its own resources.
func (w *textWalker) form(name string) {
	x := w.res.Key("XObject").Key(name)
	if x.Key("Subtype").Name() != "Form" || w.depth >= maxFormDepth || !w.content.drawForm() {
		return
	}
	w.enter(x).run(x)
}

// enter is the walker of form x's content, drawn from w's state.
func (w *textWalker) enter(x pdf.Value) *textWalker {
	sub := &textWalker{res: x.Key("Resources"), fonts: map[string]*fontInfo{}, out: w.out, depth: w.depth + 1, budget: w.budget, content: w.content}
	if sub.res.IsNull() {
		sub.res = w.res
	}
	sub.st = textState{ctm: w.st.ctm, tm: ident(), tlm: ident(), th: 1}
	if m, ok := matrixOf(arrayValues(x.Key("Matrix"))); ok {
		sub.st.ctm = m.mul(w.st.ctm)
	}
	return sub
}

func arrayValues(v pdf.Value) []pdf.Value {
	out := make([]pdf.Value, v.Len())
	for i := range out {
		out[i] = v.Index(i)
	}
	return out
}

func matrixOf(args []pdf.Value) (mat, bool) {
	if len(args) != 6 {
		return mat{}, false
	}
	var m mat
	for i := range m {
		m[i] = args[i].Float64()
	}
	return m, true
}
