package formfill

import (
	"fmt"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Field is a form field of a kind the corpus forms lack, added with one
// widget: a text field of comb cells, a widget turned by /MK /R, a
// drop-down or list box.
type Field struct {
	Name  string
	Type  string     // "Tx" (text) or "Ch" (choice)
	Rect  [4]float64 // the widget's rectangle on the page
	Value string     // /V: the typed text, or the chosen option's export value
	// Options is a choice field's /Opt: each option's export value and
	// the text a viewer shows for it (the same when both are one).
	Options [][2]string
	List    bool // a list box; else a drop-down (combo) box
	// Comb, when over 0, makes a text field of that many cells
	// (/MaxLen), one character in each.
	Comb   int
	Rotate int // /MK /R: 0, 90, 180 or 270 degrees counter-clockwise
	// Appearance writes the appearance a viewer writes once the value
	// is typed; without it the field has its value alone, and a viewer
	// draws it (as it does under NeedAppearances).
	Appearance bool
	Size       float64 // font size in /DA; 10 when 0
}

// Field flags (PDF 32000-1 12.7.4.3, 12.7.4.4).
const (
	ffCombo = 1 << 17
	ffComb  = 1 << 24
)

// AddField adds f to the form of a PDF (making the form when the PDF
// has none) with its widget on page.
func AddField(pdf []byte, page int, f Field) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("add field %s: %w", f.Name, err)
	}
	if err := addField(ctx, page, f); err != nil {
		return nil, fmt.Errorf("add field %s: %w", f.Name, err)
	}
	out, err := write(ctx)
	if err != nil {
		return nil, fmt.Errorf("add field %s: %w", f.Name, err)
	}
	return out, nil
}

func addField(ctx *model.Context, page int, f Field) error {
	if f.Size == 0 {
		f.Size = 10
	}
	if f.Rotate%90 != 0 {
		return fmt.Errorf("rotation %d is not a multiple of 90", f.Rotate)
	}
	af, helv, err := acroForm(ctx)
	if err != nil {
		return err
	}
	a := annotation("Widget", f.Rect, types.IndirectRef{})
	a.InsertName("FT", f.Type)
	a.InsertString("T", f.Name)
	a.InsertString("V", f.Value)
	a.InsertString("DA", fmt.Sprintf("/Helv %g Tf 0 g", f.Size))
	ff := 0
	switch {
	case f.Type == "Ch" && !f.List:
		ff |= ffCombo
	case f.Type == "Tx" && f.Comb > 0:
		ff |= ffComb
		a.InsertInt("MaxLen", f.Comb)
	}
	a.InsertInt("Ff", ff)
	if len(f.Options) > 0 {
		var opt types.Array
		for _, o := range f.Options {
			opt = append(opt, types.Array{types.StringLiteral(o[0]), types.StringLiteral(o[1])})
		}
		a.Insert("Opt", opt)
	}
	if f.Rotate != 0 {
		a.Insert("MK", types.Dict{"R": types.Integer(f.Rotate)})
	}
	if f.Appearance {
		ap, err := fieldAppearance(ctx, f, helv)
		if err != nil {
			return err
		}
		a.Insert("AP", types.Dict{"N": ap})
	}
	ir, err := ctx.IndRefForNewObject(a)
	if err != nil {
		return err
	}
	if err := addRef(ctx, page, *ir); err != nil {
		return err
	}
	fields, err := ctx.DereferenceArray(af["Fields"])
	if err != nil {
		return err
	}
	af["Fields"] = append(fields, *ir)
	return nil
}

// acroForm is the document's interactive form, made when it has none, with
// Helv among its default resources (the font /DA names).
func acroForm(ctx *model.Context) (types.Dict, types.Object, error) {
	cat, err := ctx.Catalog()
	if err != nil {
		return nil, nil, err
	}
	af, err := ctx.DereferenceDict(cat["AcroForm"])
	if err != nil {
		return nil, nil, err
	}
	if af == nil {
		af = types.NewDict()
		cat["AcroForm"] = af
	}
	dr, _ := ctx.DereferenceDict(af["DR"])
	if dr == nil {
		dr = types.NewDict()
	}
	fonts, _ := ctx.DereferenceDict(dr["Font"])
	if fonts == nil {
		fonts = types.NewDict()
	}
	helv, ok := fonts["Helv"]
	if !ok {
		helv = helvetica(ctx)
		fonts["Helv"] = helv
	}
	dr["Font"] = fonts
	af["DR"] = dr
	if _, ok := af["DA"]; !ok {
		af.InsertString("DA", "/Helv 0 Tf 0 g")
	}
	return af, helv, nil
}

// fieldAppearance draws the field as a viewer does: its box in the
// widget's own turned frame (/Matrix turns it onto the page), the text
// 2 points in and centred across the box, a comb's characters each
// centred in its cell, a choice field's shown text.
func fieldAppearance(ctx *model.Context, f Field, helv types.Object) (types.IndirectRef, error) {
	w, h := f.Rect[2]-f.Rect[0], f.Rect[3]-f.Rect[1]
	if f.Rotate%180 != 0 {
		w, h = h, w
	}
	text := f.Value
	for _, o := range f.Options {
		if o[0] == f.Value {
			text = o[1]
		}
	}
	var ops strings.Builder
	ops.WriteString("/Tx BMC q BT /Helv ")
	fmt.Fprintf(&ops, "%g Tf 0 g\n", f.Size)
	base := (h-f.Size)/2 + 0.2*f.Size
	x := 2.0
	cell := 0.0
	if f.Comb > 0 {
		cell = w / float64(f.Comb)
	}
	for _, r := range text {
		cw := 556.0
		if v, err := font.CharWidth("Helvetica", r); err == nil && v > 0 {
			cw = float64(v)
		}
		cw *= f.Size / 1000
		s, err := winAnsi(string(r))
		if err != nil {
			return types.IndirectRef{}, err
		}
		at := x
		if cell > 0 {
			at = x - 2 + (cell-cw)/2
			x += cell
		} else {
			x += cw
		}
		fmt.Fprintf(&ops, "1 0 0 1 %.3f %.3f Tm (%s) Tj\n", at, base, escape(s))
	}
	ops.WriteString("ET Q EMC\n")
	d := types.NewDict()
	d.InsertName("Type", "XObject")
	d.InsertName("Subtype", "Form")
	d.Insert("BBox", types.NewNumberArray(0, 0, w, h))
	if m, ok := rotation[f.Rotate%360]; ok {
		d.Insert("Matrix", types.NewNumberArray(m[0], m[1], m[2], m[3], 0, 0))
	}
	d.Insert("Resources", types.Dict{"Font": types.Dict{"Helv": helv}})
	return stream(ctx, []byte(ops.String()), d)
}

// rotation is the /Matrix of an appearance turned by /MK /R (12.5.6.19).
var rotation = map[int][4]float64{90: {0, 1, -1, 0}, 180: {-1, 0, 0, -1}, 270: {0, -1, 1, 0}}

func escape(b []byte) string {
	return strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(string(b))
}
