package formfill

import (
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Flatten moves every visible annotation into its page's content and
// removes the annotations and the form, as printing a filled form to
// PDF does: each widget's and FreeText's appearance is drawn where the
// viewer drew it (PDF 32000-1 12.5.5), a check box or radio button as a
// box glyph filled or empty, a stamp's image into its rectangle, ink as
// the strokes of its appearance. Links stay.
func Flatten(pdf []byte) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("flatten: %w", err)
	}
	fl := &flattener{ctx: ctx}
	for p := 1; p <= ctx.PageCount; p++ {
		if err := fl.page(p); err != nil {
			return nil, fmt.Errorf("flatten: page %d: %w", p, err)
		}
	}
	cat, err := ctx.Catalog()
	if err != nil {
		return nil, fmt.Errorf("flatten: %w", err)
	}
	delete(cat, "AcroForm")
	out, err := write(ctx)
	if err != nil {
		return nil, fmt.Errorf("flatten: %w", err)
	}
	return out, nil
}

type flattener struct {
	ctx   *model.Context
	boxes types.Object // the box font, made once
	n     int          // resource names used
	ops   strings.Builder
	res   map[string]types.Object
}

func (fl *flattener) page(p int) error {
	fl.ops.Reset()
	fl.res = map[string]types.Object{}
	var keep types.Array
	err := eachAnnot(fl.ctx, p, func(a types.Dict) error {
		if name(fl.ctx, a["Subtype"]) == "Link" {
			keep = append(keep, a)
			return nil
		}
		return fl.annot(a)
	})
	if err != nil {
		return err
	}
	if fl.ops.Len() > 0 {
		if err := appendContent(fl.ctx, p, fl.ops.String(), fl.res); err != nil {
			return err
		}
	}
	pd, _, _, err := fl.ctx.PageDict(p, false)
	if err != nil {
		return err
	}
	delete(pd, "Annots")
	if len(keep) > 0 {
		pd["Annots"] = keep
	}
	return nil
}

func (fl *flattener) annot(a types.Dict) error {
	if flags := intEntry(fl.ctx, a, "F"); flags&(1<<1|1<<5) != 0 {
		return nil
	}
	r, ok := rect(fl.ctx, a["Rect"])
	if !ok {
		return nil
	}
	switch sub := name(fl.ctx, a["Subtype"]); {
	case sub == "Widget" && fieldType(fl.ctx, a) == "Btn" && inheritedInt(fl.ctx, a, "Ff")&(1<<16) == 0:
		return fl.box(a, r)
	case sub == "Widget" && fieldType(fl.ctx, a) == "Sig" && !hasValue(fl.ctx, a):
		return nil // an empty signature field prints nothing
	case sub == "Stamp":
		return fl.stampImages(a, r)
	case sub == "Ink":
		return fl.inline(a, r)
	case sub == "Widget", sub == "FreeText":
		return fl.appearance(a, r)
	}
	return nil
}

func (fl *flattener) name(prefix string) string {
	fl.n++
	return fmt.Sprintf("PC%s%d", prefix, fl.n)
}

// box draws a check box's state where the box stands.
func (fl *flattener) box(a types.Dict, r [4]float64) error {
	if fl.boxes == nil {
		f, err := boxFont(fl.ctx)
		if err != nil {
			return err
		}
		fl.boxes = f
	}
	fl.res["Font/PCBoxes"] = fl.boxes
	code := untickedCode
	if checked(fl.ctx, a) {
		code = tickedCode
	}
	w, h := r[2]-r[0], r[3]-r[1]
	size := 0.9 * min(w, h)
	x := r[0] + (w-0.8*size)/2
	base := r[1] + (h-size)/2 + 0.2*size
	fmt.Fprintf(&fl.ops, "BT /PCBoxes %.3f Tf %.3f %.3f Td <%02X> Tj ET\n", size, x, base, code)
	return nil
}

// checked reads a button's state as a viewer shows it: its /AS, or the
// field's value naming one of its own states.
func checked(ctx *model.Context, a types.Dict) bool {
	if as := name(ctx, a["AS"]); as != "" {
		return as != "Off"
	}
	v := ""
	for d, i := a, 0; d != nil && i < 32 && v == ""; i++ {
		v = name(ctx, d["V"])
		d, _ = ctx.DereferenceDict(d["Parent"])
	}
	if v == "" || v == "Off" {
		return false
	}
	ap, _ := ctx.DereferenceDict(a["AP"])
	n, _ := ctx.DereferenceDict(ap["N"])
	_, ok := n[v]
	return ok
}

// normal is an annotation's normal appearance stream, the one of its
// state when it has several, and the matrix that maps it onto r.
func (fl *flattener) normal(a types.Dict, r [4]float64) (types.Object, *types.StreamDict, [6]float64, bool) {
	ap, _ := fl.ctx.DereferenceDict(a["AP"])
	ref := ap["N"]
	if d, err := fl.ctx.DereferenceDict(ref); err == nil && d != nil {
		ref = d[name(fl.ctx, a["AS"])]
	}
	sd, _, err := fl.ctx.DereferenceStreamDict(ref)
	if err != nil || sd == nil {
		return nil, nil, [6]float64{}, false
	}
	bbox, ok := rect(fl.ctx, sd.Dict["BBox"])
	if !ok {
		return nil, nil, [6]float64{}, false
	}
	m := [6]float64{1, 0, 0, 1, 0, 0}
	if arr, err := fl.ctx.DereferenceArray(sd.Dict["Matrix"]); err == nil && len(arr) == 6 {
		for i := range m {
			m[i], _ = fl.ctx.DereferenceNumber(arr[i])
		}
	}
	// The form's bounding box, transformed by its matrix, is fitted to
	// the annotation's rectangle.
	xs, ys := []float64{}, []float64{}
	for _, c := range [][2]float64{{bbox[0], bbox[1]}, {bbox[2], bbox[1]}, {bbox[0], bbox[3]}, {bbox[2], bbox[3]}} {
		xs = append(xs, m[0]*c[0]+m[2]*c[1]+m[4])
		ys = append(ys, m[1]*c[0]+m[3]*c[1]+m[5])
	}
	x0, x1, y0, y1 := min(xs[0], xs[1], xs[2], xs[3]), max(xs[0], xs[1], xs[2], xs[3]), min(ys[0], ys[1], ys[2], ys[3]), max(ys[0], ys[1], ys[2], ys[3])
	if x1-x0 < 1e-6 || y1-y0 < 1e-6 {
		return nil, nil, [6]float64{}, false
	}
	sx, sy := (r[2]-r[0])/(x1-x0), (r[3]-r[1])/(y1-y0)
	fit := [6]float64{sx, 0, 0, sy, r[0] - x0*sx, r[1] - y0*sy}
	return ref, sd, mul(m, fit), true
}

// mul is m then n.
func mul(m, n [6]float64) [6]float64 {
	return [6]float64{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// appearance draws the annotation's appearance as a form XObject. The
// matrix given to cm is the fit alone: Do applies the form's own
// /Matrix.
func (fl *flattener) appearance(a types.Dict, r [4]float64) error {
	ref, sd, m, ok := fl.normal(a, r)
	if !ok {
		return nil
	}
	if sd.Dict["Type"] == nil {
		sd.Dict.InsertName("Type", "XObject")
	}
	if sd.Dict["Subtype"] == nil {
		sd.Dict.InsertName("Subtype", "Form")
	}
	fit := mul(inverse(formMatrix(fl.ctx, sd)), m)
	n := fl.name("Ap")
	fl.res["XObject/"+n] = ref
	fmt.Fprintf(&fl.ops, "q %.4f %.4f %.4f %.4f %.4f %.4f cm /%s Do Q\n", fit[0], fit[1], fit[2], fit[3], fit[4], fit[5], n)
	return nil
}

// stampImages draws the images of a stamp's appearance into its
// rectangle, as a printed page carries a pasted signature.
func (fl *flattener) stampImages(a types.Dict, r [4]float64) error {
	_, sd, _, ok := fl.normal(a, r)
	if !ok {
		return nil
	}
	res, _ := fl.ctx.DereferenceDict(sd.Dict["Resources"])
	xo, _ := fl.ctx.DereferenceDict(res["XObject"])
	for _, obj := range xo {
		img, _, err := fl.ctx.DereferenceStreamDict(obj)
		if err != nil || img == nil || name(fl.ctx, img.Dict["Subtype"]) != "Image" {
			continue
		}
		n := fl.name("Im")
		fl.res["XObject/"+n] = obj
		fmt.Fprintf(&fl.ops, "q %.3f 0 0 %.3f %.3f %.3f cm /%s Do Q\n", r[2]-r[0], r[3]-r[1], r[0], r[1], n)
	}
	return nil
}

// inline copies an appearance's operators into the page, for strokes
// (ink) that a reader of page content sees only there.
func (fl *flattener) inline(a types.Dict, r [4]float64) error {
	_, sd, m, ok := fl.normal(a, r)
	if !ok {
		return nil
	}
	if err := sd.Decode(); err != nil {
		return err
	}
	fmt.Fprintf(&fl.ops, "q %.4f %.4f %.4f %.4f %.4f %.4f cm\n%s\nQ\n", m[0], m[1], m[2], m[3], m[4], m[5], sd.Content)
	return nil
}

func formMatrix(ctx *model.Context, sd *types.StreamDict) [6]float64 {
	m := [6]float64{1, 0, 0, 1, 0, 0}
	if arr, err := ctx.DereferenceArray(sd.Dict["Matrix"]); err == nil && len(arr) == 6 {
		for i := range m {
			m[i], _ = ctx.DereferenceNumber(arr[i])
		}
	}
	return m
}

func inverse(m [6]float64) [6]float64 {
	det := m[0]*m[3] - m[1]*m[2]
	if det == 0 {
		return [6]float64{1, 0, 0, 1, 0, 0}
	}
	a, b, c, d := m[3]/det, -m[1]/det, -m[2]/det, m[0]/det
	return [6]float64{a, b, c, d, -(m[4]*a + m[5]*c), -(m[4]*b + m[5]*d)}
}

func intEntry(ctx *model.Context, d types.Dict, key string) int {
	i, err := ctx.DereferenceInteger(d[key])
	if err != nil || i == nil {
		return 0
	}
	return int(*i)
}

func inheritedInt(ctx *model.Context, a types.Dict, key string) int {
	for d, i := a, 0; d != nil && i < 32; i++ {
		if _, ok := d[key]; ok {
			return intEntry(ctx, d, key)
		}
		d, _ = ctx.DereferenceDict(d["Parent"])
	}
	return 0
}

func hasValue(ctx *model.Context, a types.Dict) bool {
	for d, i := a, 0; d != nil && i < 32; i++ {
		if v, _ := ctx.Dereference(d["V"]); v != nil {
			return true
		}
		d, _ = ctx.DereferenceDict(d["Parent"])
	}
	return false
}

// DropAppearances removes the appearance streams of text fields and
// sets NeedAppearances, as form tools that write only the values do: a
// reader must then draw each value from the field itself.
func DropAppearances(pdf []byte) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("drop appearances: %w", err)
	}
	for p := 1; p <= ctx.PageCount; p++ {
		err := eachAnnot(ctx, p, func(a types.Dict) error {
			if name(ctx, a["Subtype"]) == "Widget" && fieldType(ctx, a) == "Tx" {
				delete(a, "AP")
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("drop appearances: %w", err)
		}
	}
	cat, err := ctx.Catalog()
	if err != nil {
		return nil, fmt.Errorf("drop appearances: %w", err)
	}
	af, err := ctx.DereferenceDict(cat["AcroForm"])
	if err != nil || af == nil {
		return nil, fmt.Errorf("drop appearances: no form: %v", err)
	}
	af["NeedAppearances"] = types.Boolean(true)
	out, err := write(ctx)
	if err != nil {
		return nil, fmt.Errorf("drop appearances: %w", err)
	}
	return out, nil
}
