package formfill

import (
	"fmt"
	"math"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
)

func winAnsi(s string) ([]byte, error) {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("%q is not WinAnsi text: %w", s, err)
	}
	return b, nil
}

func helvetica(ctx *model.Context) types.Object {
	d := types.NewDict()
	d.InsertName("Type", "Font")
	d.InsertName("Subtype", "Type1")
	d.InsertName("BaseFont", "Helvetica")
	d.InsertName("Encoding", "WinAnsiEncoding")
	ir, _ := ctx.IndRefForNewObject(d)
	return *ir
}

// Box glyphs: ZapfDingbats draws a filled square (code 'n') and an empty
// one ('o'); the font's /ToUnicode says what they mean, as a PDF printer
// that knows the glyphs does.
const (
	tickedCode   = 'n'
	untickedCode = 'o'
)

func boxFont(ctx *model.Context) (types.Object, error) {
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"/CMapName /PCBoxes def /CMapType 2 def\n" +
		"1 begincodespacerange <00> <FF> endcodespacerange\n" +
		"2 beginbfchar <6E> <2612> <6F> <2610> endbfchar\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end\n"
	tu, err := stream(ctx, []byte(cmap), nil)
	if err != nil {
		return nil, err
	}
	d := types.NewDict()
	d.InsertName("Type", "Font")
	d.InsertName("Subtype", "Type1")
	d.InsertName("BaseFont", "ZapfDingbats")
	d.Insert("ToUnicode", tu)
	ir, err := ctx.IndRefForNewObject(d)
	if err != nil {
		return nil, err
	}
	return *ir, nil
}

// stream makes a Flate-encoded stream object with the entries of d.
func stream(ctx *model.Context, content []byte, d types.Dict) (types.IndirectRef, error) {
	sd, err := ctx.NewStreamDictForBuf(content)
	if err != nil {
		return types.IndirectRef{}, err
	}
	for k, v := range d {
		sd.Insert(k, v)
	}
	if err := sd.Encode(); err != nil {
		return types.IndirectRef{}, err
	}
	ir, err := ctx.IndRefForNewObject(*sd)
	if err != nil {
		return types.IndirectRef{}, err
	}
	return *ir, nil
}

// appendContent draws ops after a page's own content, with the page's
// graphics state restored first, and adds resources given as
// "Category/Name".
func appendContent(ctx *model.Context, page int, ops string, res map[string]types.Object) error {
	pd, _, inh, err := ctx.PageDict(page, false)
	if err != nil {
		return err
	}
	resources, err := ctx.DereferenceDict(pd["Resources"])
	if err != nil {
		return err
	}
	if resources == nil {
		resources = types.NewDict()
		if inh != nil && inh.Resources != nil {
			resources = inh.Resources.Clone().(types.Dict)
		}
	} else {
		resources = resources.Clone().(types.Dict)
	}
	for key, obj := range res {
		cat, n, _ := strings.Cut(key, "/")
		sub, err := ctx.DereferenceDict(resources[cat])
		if err != nil {
			return err
		}
		if sub == nil {
			sub = types.NewDict()
		} else {
			sub = sub.Clone().(types.Dict)
		}
		sub[n] = obj
		resources[cat] = sub
	}
	pd["Resources"] = resources
	before, err := stream(ctx, []byte("q\n"), nil)
	if err != nil {
		return err
	}
	after, err := stream(ctx, []byte("\nQ\n"+ops), nil)
	if err != nil {
		return err
	}
	contents := types.Array{before}
	o, err := ctx.Dereference(pd["Contents"])
	if err != nil {
		return err
	}
	switch c := o.(type) {
	case types.Array:
		contents = append(contents, c...)
	case nil:
	default:
		contents = append(contents, pd["Contents"])
	}
	pd["Contents"] = append(contents, after)
	return nil
}

// signatureImage is a grey image of a handwritten stroke, what a
// customer pastes as a signature: a few loops along a baseline.
func signatureImage(w, h int) []byte {
	px := make([]byte, w*h)
	for i := range px {
		px[i] = 255
	}
	for t := 0.0; t < 1; t += 0.0005 {
		x := t * float64(w-1)
		y := float64(h)/2 + float64(h)/3*math.Sin(t*6*2*math.Pi)*math.Cos(t*math.Pi)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				xi, yi := int(x)+dx, int(y)+dy
				if xi >= 0 && xi < w && yi >= 0 && yi < h {
					px[yi*w+xi] = 20
				}
			}
		}
	}
	return px
}

func imageObject(ctx *model.Context) (types.IndirectRef, error) {
	const w, h = 240, 80
	d := types.NewDict()
	d.InsertName("Type", "XObject")
	d.InsertName("Subtype", "Image")
	d.InsertInt("Width", w)
	d.InsertInt("Height", h)
	d.InsertName("ColorSpace", "DeviceGray")
	d.InsertInt("BitsPerComponent", 8)
	return stream(ctx, signatureImage(w, h), d)
}

// Stamp pastes a signature image over rect as a Stamp annotation, as
// viewers' "add signature" and "stamp" tools do.
func Stamp(pdf []byte, page int, r [4]float64) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("stamp: %w", err)
	}
	img, err := imageObject(ctx)
	if err != nil {
		return nil, fmt.Errorf("stamp: %w", err)
	}
	w, h := r[2]-r[0], r[3]-r[1]
	ap := types.NewDict()
	ap.InsertName("Type", "XObject")
	ap.InsertName("Subtype", "Form")
	ap.Insert("BBox", types.NewNumberArray(0, 0, w, h))
	ap.Insert("Resources", types.Dict{"XObject": types.Dict{"Im0": img}})
	apRef, err := stream(ctx, fmt.Appendf(nil, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h), ap)
	if err != nil {
		return nil, fmt.Errorf("stamp: %w", err)
	}
	a := annotation("Stamp", r, apRef)
	if err := addAnnot(ctx, page, a); err != nil {
		return nil, fmt.Errorf("stamp: %w", err)
	}
	return write(ctx)
}

// Ink draws a signature in ink over rect, as an Ink annotation with its
// strokes (a pen or a finger on a tablet).
func Ink(pdf []byte, page int, r [4]float64) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("ink: %w", err)
	}
	// A hand signs across part of the line, not all of it.
	w, h := min(r[2]-r[0], 220), r[3]-r[1]
	var ops strings.Builder
	var pts types.Array
	ops.WriteString("1 w 0 0 0.5 RG\n")
	// Viewers smooth a stroke into Bézier curves; the appearance draws
	// in form space, the rectangle's corner at 0.
	at := func(t float64) (float64, float64) {
		return t * w, h/2 + h/3*math.Sin(t*6*2*math.Pi)
	}
	const steps = 24
	for i := 0; i <= steps; i++ {
		x, y := at(float64(i) / steps)
		pts = append(pts, types.Float(r[0]+x), types.Float(r[1]+y))
		if i == 0 {
			fmt.Fprintf(&ops, "%.2f %.2f m\n", x, y)
			continue
		}
		x1, y1 := at((float64(i) - 2.0/3) / steps)
		x2, y2 := at((float64(i) - 1.0/3) / steps)
		fmt.Fprintf(&ops, "%.2f %.2f %.2f %.2f %.2f %.2f c\n", x1, y1, x2, y2, x, y)
	}
	ops.WriteString("S\n")
	ap := types.NewDict()
	ap.InsertName("Type", "XObject")
	ap.InsertName("Subtype", "Form")
	ap.Insert("BBox", types.NewNumberArray(0, 0, w, h))
	apRef, err := stream(ctx, []byte(ops.String()), ap)
	if err != nil {
		return nil, fmt.Errorf("ink: %w", err)
	}
	a := annotation("Ink", [4]float64{r[0], r[1], r[0] + w, r[3]}, apRef)
	a.Insert("InkList", types.Array{pts})
	if err := addAnnot(ctx, page, a); err != nil {
		return nil, fmt.Errorf("ink: %w", err)
	}
	return write(ctx)
}

// Sign puts a signature dictionary into a form's signature field, as
// signing it digitally does. Its contents are a placeholder: no
// certificate is needed to tell a signed field from an empty one.
func Sign(pdf []byte, field string) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	found := false
	for p := 1; p <= ctx.PageCount; p++ {
		err := eachAnnot(ctx, p, func(a types.Dict) error {
			if name(ctx, a["Subtype"]) != "Widget" || fieldType(ctx, a) != "Sig" || fieldName(ctx, a) != field {
				return nil
			}
			v := types.NewDict()
			v.InsertName("Type", "Sig")
			v.InsertName("Filter", "Adobe.PPKLite")
			v.InsertName("SubFilter", "adbe.pkcs7.detached")
			v.Insert("Contents", types.HexLiteral(strings.Repeat("00", 64)))
			v.Insert("ByteRange", types.NewIntegerArray(0, 0, 0, 0))
			a.Insert("V", v)
			found = true
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("sign: %w", err)
		}
	}
	if !found {
		return nil, fmt.Errorf("sign: no signature field %q", field)
	}
	out, err := write(ctx)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return out, nil
}

func annotation(subtype string, r [4]float64, ap types.IndirectRef) types.Dict {
	a := types.NewDict()
	a.InsertName("Type", "Annot")
	a.InsertName("Subtype", subtype)
	a.Insert("Rect", types.NewNumberArray(r[0], r[1], r[2], r[3]))
	a.InsertInt("F", 4) // Print
	if ap.ObjectNumber != 0 {
		a.Insert("AP", types.Dict{"N": ap})
	}
	return a
}

func addAnnot(ctx *model.Context, page int, a types.Dict) error {
	ir, err := ctx.IndRefForNewObject(a)
	if err != nil {
		return err
	}
	return addRef(ctx, page, *ir)
}

func addRef(ctx *model.Context, page int, ir types.IndirectRef) error {
	pd, pir, _, err := ctx.PageDict(page, false)
	if err != nil {
		return err
	}
	if a, err := ctx.DereferenceDict(ir); err == nil && a != nil {
		a.Insert("P", *pir)
	}
	annots, err := ctx.DereferenceArray(pd["Annots"])
	if err != nil {
		return err
	}
	pd["Annots"] = append(annots, ir)
	return nil
}

// FreeText adds a FreeText annotation (a text box typed onto the page)
// with no appearance stream, as some editors write it: a reader draws
// its /Contents in the font size of its /DA. flags is its /F.
func FreeText(pdf []byte, page int, r [4]float64, text string, flags int) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("free text: %w", err)
	}
	a := annotation("FreeText", r, types.IndirectRef{})
	a.Update("F", types.Integer(flags)) // Insert keeps an existing entry
	a.InsertString("Contents", text)
	a.InsertString("DA", "/Helv 11 Tf 0 g")
	if err := addAnnot(ctx, page, a); err != nil {
		return nil, fmt.Errorf("free text: %w", err)
	}
	out, err := write(ctx)
	if err != nil {
		return nil, fmt.Errorf("free text: %w", err)
	}
	return out, nil
}
