package extract

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Annotations: what a customer types into a PDF form, stamps or draws
// on it lives in the page's annotations, not in its content stream.
// Their words are placed on the page as printed text is, so a value
// typed into a form reads the same as the value printed on a paper
// form, and the same as the form once flattened (values moved into the
// content).
//
// Each annotation's normal appearance is a form XObject drawn into the
// annotation's /Rect (PDF 32000-1 12.5.5); its text is read by the
// same interpreter as page content. Fields whose appearance is missing
// or that the viewer is told to redraw (NeedAppearances) are read from
// their value, /V, placed in the widget's rectangle the way a viewer
// would. Check boxes and radio buttons become a word, "☒" ticked or
// "☐" not, where the box stands, so the state stands beside its printed
// caption: their appearances draw a dingbat whose code means nothing as
// text.

// Annotation flags (12.5.3) and field flags (12.7.4).
const (
	annotHidden  = 1 << 1
	annotNoView  = 1 << 5
	ffMultiline  = 1 << 12
	ffPassword   = 1 << 13
	ffPushbutton = 1 << 16
	ffComb       = 1 << 24
)

// Words standing for a check box's or radio button's state.
const (
	Ticked   = "☒"
	Unticked = "☐"
)

// maxAnnots bounds the annotations read on one page; a hostile file can
// list millions.
const maxAnnots = 5000

// acroForm is what a document's interactive form sets for every field.
type acroForm struct {
	needAppearances bool
	da              string // default appearance: the font and size of variable text
	q               int64  // default alignment
	dr              pdf.Value
}

func readAcroForm(r *pdf.Reader) acroForm {
	af := r.Trailer().Key("Root").Key("AcroForm")
	return acroForm{
		needAppearances: af.Key("NeedAppearances").Bool(),
		da:              af.Key("DA").RawString(),
		q:               af.Key("Q").Int64(),
		dr:              af.Key("DR"),
	}
}

// annotScan collects one page's annotation glyphs and marks.
type annotScan struct {
	g       geometry
	form    acroForm
	content *contentBudget
	budget  int
	texts   []placedText
	marks   []Mark
}

// pageAnnots reads what a page's visible annotations draw: their glyphs
// in user space, for the page's lines, and their marks. A malformed
// annotation is skipped, as marks only add evidence; a content bomb in
// an appearance stream is an error, as it is in the page content.
func pageAnnots(pp pdf.Page, g geometry, form acroForm, content *contentBudget) ([]placedText, []Mark, error) {
	s := &annotScan{g: g, form: form, content: content, budget: 500_000}
	annots := pp.V.Key("Annots")
	for i := 0; i < annots.Len() && i < maxAnnots && s.budget > 0; i++ {
		s.annotation(annots.Index(i))
	}
	if content.err != nil {
		return nil, nil, content.err
	}
	return s.texts, s.marks, nil
}

func (s *annotScan) annotation(a pdf.Value) {
	nt, nm := len(s.texts), len(s.marks)
	defer func() {
		if recover() != nil {
			s.texts, s.marks = s.texts[:nt], s.marks[:nm]
		}
	}()
	if a.Key("F").Int64()&(annotHidden|annotNoView) != 0 {
		return
	}
	rect, ok := rectOf(a.Key("Rect"))
	if !ok {
		return
	}
	switch a.Key("Subtype").Name() {
	case "Widget":
		s.widget(a, rect)
	case "FreeText":
		if !s.appearance(a, rect) {
			s.place(a, rect, []string{a.Key("Contents").Text()}, true)
		}
	case "Stamp":
		// A stamp (a signature image pasted on, "APPROVED") is an image
		// mark whatever its appearance is drawn with.
		s.marks = append(s.marks, Mark{Kind: MarkImage, Box: s.g.box(rect[0], rect[1], rect[2], rect[3])})
		s.appearanceText(a, rect)
	case "Ink":
		s.marks = append(s.marks, Mark{Kind: MarkCurves, Box: s.inkBox(a, rect)})
	}
}

// widget reads a form field's widget by the field's type; field
// attributes are inherited from the field's ancestors.
func (s *annotScan) widget(a pdf.Value, rect [4]float64) {
	ft := inherited(a, "FT").Name()
	ff := inherited(a, "Ff").Int64()
	switch {
	case ft == "Sig":
		// A signature field holds a signature dictionary once signed; an
		// empty one only shows where to sign.
		if v := inherited(a, "V"); v.Kind() == pdf.Dict {
			s.marks = append(s.marks, Mark{Kind: MarkSignatureField, Box: s.g.box(rect[0], rect[1], rect[2], rect[3])})
			s.appearance(a, rect)
		}
	case ft == "Btn" && ff&ffPushbutton == 0:
		s.checkBox(a, rect)
	case ft == "Ch":
		s.place(a, rect, shownChoices(inherited(a, "V"), inherited(a, "Opt")), false)
	case ft == "Tx" && ff&ffPassword != 0:
		// A password field shows bullets, never its value.
	case ft == "Tx":
		// An empty field's appearance is its border; most fields of a
		// long form are empty, and reading every appearance would cost
		// more than the rest of the page.
		v := inherited(a, "V").Text()
		if strings.TrimSpace(v) == "" {
			return
		}
		if s.form.needAppearances || !s.appearanceText(a, rect) {
			s.place(a, rect, []string{v}, ff&ffMultiline != 0)
		}
	default:
		s.appearance(a, rect) // a push button: its caption or icon
	}
}

// checkBox places the state of a check box or radio button as a word.
// A radio button without /AS is ticked when the group's value names its
// own on state.
func (s *annotScan) checkBox(a pdf.Value, rect [4]float64) {
	state := a.Key("AS").Name()
	if state == "" {
		if v := inherited(a, "V").Name(); v != "" && !a.Key("AP").Key("N").Key(v).IsNull() {
			state = v
		}
	}
	word := Unticked
	if state != "" && state != "Off" {
		word = Ticked
	}
	w, h := rect[2]-rect[0], rect[3]-rect[1]
	size := 0.9 * min(w, h)
	if size < 1 {
		return
	}
	x := rect[0] + (w-0.8*size)/2
	base := rect[1] + (h-size)/2 + descent*size
	s.emit(placedText{Text: pdf.Text{Font: "ZapfDingbats", FontSize: size, X: x, Y: base, W: 0.8 * size, S: word}, dx: 1})
}

func (s *annotScan) emit(t placedText) {
	if s.budget > 0 {
		s.budget--
		s.texts = append(s.texts, t)
	}
}

// appearanceText draws an annotation's normal appearance for its text
// alone: a text or choice field's appearance is its value and a border.
func (s *annotScan) appearanceText(a pdf.Value, rect [4]float64) bool {
	ap, m, ok := s.normalAppearance(a, rect)
	return ok && s.drawText(ap, m)
}

func (s *annotScan) drawText(ap pdf.Value, m mat) bool {
	n := len(s.texts)
	res := ap.Key("Resources")
	if res.IsNull() {
		res = s.form.dr
	}
	w := &textWalker{res: res, fonts: map[string]*fontInfo{}, out: &s.texts, budget: &s.budget, content: s.content}
	w.st = textState{ctm: m, tm: ident(), tlm: ident(), th: 1}
	w.run(ap)
	return len(s.texts) > n
}

// appearance draws an annotation's normal appearance: its text, and
// its images and drawn curves as marks. It reports whether any text was
// drawn.
func (s *annotScan) appearance(a pdf.Value, rect [4]float64) bool {
	ap, m, ok := s.normalAppearance(a, rect)
	if !ok {
		return false
	}
	drew := s.drawText(ap, m)
	s.marks = append(s.marks, s.formMarks(ap, m, 0)...)
	return drew
}

// normalAppearance finds the stream drawn for an annotation (the one
// of its appearance state, for those that have states) and the matrix
// that places it: the form's /Matrix, then the map of its transformed
// /BBox onto the annotation's /Rect (12.5.5).
func (s *annotScan) normalAppearance(a pdf.Value, rect [4]float64) (pdf.Value, mat, bool) {
	ap := a.Key("AP").Key("N")
	if ap.Kind() == pdf.Dict {
		ap = ap.Key(a.Key("AS").Name())
	}
	if ap.Kind() != pdf.Stream {
		return pdf.Value{}, mat{}, false
	}
	bbox, ok := rectOf(ap.Key("BBox"))
	if !ok {
		return pdf.Value{}, mat{}, false
	}
	m := ident()
	if fm, ok := matrixOf(arrayValues(ap.Key("Matrix"))); ok {
		m = fm
	}
	tb := transformedBox(bbox, m)
	bw, bh := tb[2]-tb[0], tb[3]-tb[1]
	if bw < 1e-6 || bh < 1e-6 {
		return pdf.Value{}, mat{}, false
	}
	sx, sy := (rect[2]-rect[0])/bw, (rect[3]-rect[1])/bh
	fit := mat{sx, 0, 0, sy, rect[0] - tb[0]*sx, rect[1] - tb[1]*sy}
	return ap, m.mul(fit), true
}

// formMarks finds the marks a form XObject draws, following the forms
// it draws in turn (an image field's icon is a form inside the
// appearance).
func (s *annotScan) formMarks(x pdf.Value, ctm mat, depth int) []Mark {
	// Charged like text (markWalker.run takes it from the budget): a
	// form drawing a form many times over, nested, would otherwise
	// multiply without bound.
	w := &markWalker{ctm: ctm, g: s.g, res: x.Key("Resources"), depth: depth, content: s.content}
	w.run(x)
	return append(clusterPaths(w.paths), w.images...)
}

// inkBox is the box of an Ink annotation's strokes, tighter than its
// /Rect, which viewers pad.
func (s *annotScan) inkBox(a pdf.Value, rect [4]float64) Box {
	ink := a.Key("InkList")
	b, seen := Box{}, false
	for i := 0; i < ink.Len() && i < 1000; i++ {
		path := ink.Index(i)
		for j := 0; j+1 < path.Len() && j < 20000; j += 2 {
			pb := s.g.box(path.Index(j).Float64(), path.Index(j+1).Float64(), path.Index(j).Float64(), path.Index(j+1).Float64())
			if !seen {
				b, seen = pb, true
			} else {
				b = union(b, pb)
			}
		}
	}
	if !seen {
		return s.g.box(rect[0], rect[1], rect[2], rect[3])
	}
	return b
}

// rectOf reads a rectangle, normalised so x0 < x1 and y0 < y1.
func rectOf(v pdf.Value) ([4]float64, bool) {
	if v.Len() != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i := range r {
		r[i] = v.Index(i).Float64()
		if math.IsNaN(r[i]) || math.IsInf(r[i], 0) {
			return [4]float64{}, false
		}
	}
	r = [4]float64{min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3])}
	return r, r[2]-r[0] > 0 && r[3]-r[1] > 0
}

func transformedBox(r [4]float64, m mat) [4]float64 {
	out := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, c := range [][2]float64{{r[0], r[1]}, {r[2], r[1]}, {r[0], r[3]}, {r[2], r[3]}} {
		x, y := m.apply(c[0], c[1])
		out = [4]float64{min(out[0], x), min(out[1], y), max(out[2], x), max(out[3], y)}
	}
	return out
}
