// Package formfill does to a fillable PDF form what a customer does in
// a PDF viewer, for tests: types values into its fields (pdfcpu's form
// filling, which writes each field's appearance), pastes a signature
// image or draws one in ink over the signature line, and flattens the
// result the way "print to PDF" or a viewer's flatten does (every
// appearance moved into the page content, the form removed). A form
// with no fields is filled by drawing text on the page.
//
// Coordinates are PDF user space (points, origin bottom-left), as in
// the form's own /Rect entries.
package formfill

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() { api.DisableConfigDir() }

func config() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return conf
}

// Values are what a customer types, by field name (a field's /T).
type Values struct {
	Text   map[string]string
	Checks map[string]bool
	Radios map[string]string // a radio group's chosen option
	// Choices: a combo box's or list box's chosen option.
	Choices map[string]string
}

// Fill types values into a blank form's fields through pdfcpu. A name
// the form does not have is an error, so a test cannot fill nothing.
func Fill(blank []byte, v Values) ([]byte, error) {
	group, err := api.ExportForm(bytes.NewReader(blank), "blank", config())
	if err != nil {
		return nil, fmt.Errorf("fill form: export: %w", err)
	}
	if len(group.Forms) != 1 {
		return nil, fmt.Errorf("fill form: %d forms exported, want 1", len(group.Forms))
	}
	f := group.Forms[0]
	seen := map[string]bool{}
	for _, tf := range f.TextFields {
		if s, ok := v.Text[tf.Name]; ok {
			tf.Value, seen[tf.Name] = s, true
		}
	}
	for _, cb := range f.CheckBoxes {
		if b, ok := v.Checks[cb.Name]; ok {
			cb.Value, seen[cb.Name] = b, true
		}
	}
	for _, rb := range f.RadioButtonGroups {
		if s, ok := v.Radios[rb.Name]; ok {
			rb.Value, seen[rb.Name] = s, true
		}
	}
	for _, cb := range f.ComboBoxes {
		if s, ok := v.Choices[cb.Name]; ok {
			cb.Value, seen[cb.Name] = s, true
		}
	}
	for _, lb := range f.ListBoxes {
		if s, ok := v.Choices[lb.Name]; ok {
			lb.Values, seen[lb.Name] = []string{s}, true
		}
	}
	for _, names := range []map[string]string{v.Text, v.Radios, v.Choices} {
		for n := range names {
			if !seen[n] {
				return nil, fmt.Errorf("fill form: no field %q", n)
			}
		}
	}
	for n := range v.Checks {
		if !seen[n] {
			return nil, fmt.Errorf("fill form: no check box %q", n)
		}
	}
	js, err := json.Marshal(&form.FormGroup{Header: group.Header, Forms: []form.Form{f}})
	if err != nil {
		return nil, fmt.Errorf("fill form: %w", err)
	}
	var out bytes.Buffer
	if err := api.FillForm(bytes.NewReader(blank), bytes.NewReader(js), &out, config()); err != nil {
		return nil, fmt.Errorf("fill form: %w", err)
	}
	return out.Bytes(), nil
}

// Widget is one field widget: the field's name, its page and rectangle.
type Widget struct {
	Name string
	Type string // the field's /FT: Tx, Btn, Ch, Sig
	Page int
	Rect [4]float64
}

// Widgets lists a form's field widgets page by page.
func Widgets(pdf []byte) ([]Widget, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("widgets: %w", err)
	}
	var out []Widget
	for p := 1; p <= ctx.PageCount; p++ {
		err := eachAnnot(ctx, p, func(a types.Dict) error {
			if name(ctx, a["Subtype"]) != "Widget" {
				return nil
			}
			r, ok := rect(ctx, a["Rect"])
			if !ok {
				return nil
			}
			out = append(out, Widget{Name: fieldName(ctx, a), Type: fieldType(ctx, a), Page: p, Rect: r})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("widgets: %w", err)
		}
	}
	return out, nil
}

// Find returns the first widget of a field.
func Find(ws []Widget, name string) (Widget, bool) {
	i := slices.IndexFunc(ws, func(w Widget) bool { return w.Name == name })
	if i < 0 {
		return Widget{}, false
	}
	return ws[i], true
}

func open(pdf []byte) (*model.Context, error) {
	ctx, err := api.ReadContext(bytes.NewReader(pdf), config())
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
}

func write(ctx *model.Context) ([]byte, error) {
	var out bytes.Buffer
	if err := api.WriteContext(ctx, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// eachAnnot calls fn with each annotation dictionary of a page.
func eachAnnot(ctx *model.Context, page int, fn func(types.Dict) error) error {
	pd, _, _, err := ctx.PageDict(page, false)
	if err != nil {
		return err
	}
	annots, err := ctx.DereferenceArray(pd["Annots"])
	if err != nil {
		return err
	}
	for _, o := range annots {
		a, err := ctx.DereferenceDict(o)
		if err != nil || a == nil {
			continue
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// fieldName is the name of the field a widget belongs to: its own /T or
// the nearest ancestor's (a radio button's kids have none).
func fieldName(ctx *model.Context, a types.Dict) string {
	for d, i := a, 0; d != nil && i < 32; i++ {
		if s, err := ctx.DereferenceStringOrHexLiteral(d["T"], model.V10, nil); err == nil && s != "" {
			return s
		}
		d, _ = ctx.DereferenceDict(d["Parent"])
	}
	return ""
}

func fieldType(ctx *model.Context, a types.Dict) string {
	for d, i := a, 0; d != nil && i < 32; i++ {
		if n := name(ctx, d["FT"]); n != "" {
			return n
		}
		d, _ = ctx.DereferenceDict(d["Parent"])
	}
	return ""
}

func name(ctx *model.Context, o types.Object) string {
	o, _ = ctx.Dereference(o)
	if n, ok := o.(types.Name); ok {
		return string(n)
	}
	return ""
}

func rect(ctx *model.Context, o types.Object) ([4]float64, bool) {
	arr, err := ctx.DereferenceArray(o)
	if err != nil || len(arr) != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i := range r {
		if r[i], err = ctx.DereferenceNumber(arr[i]); err != nil {
			return [4]float64{}, false
		}
	}
	return [4]float64{min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3])}, true
}

// Text is a string drawn on a page in Helvetica, its baseline at Y.
type Text struct {
	Page    int
	X, Y    float64
	Size    float64
	S       string
	Comment string // what the value is, for a test's messages
}

// DrawText draws text into the pages' content, the way a form without
// fields is filled (typed in a PDF editor, or printed and typed on).
func DrawText(pdf []byte, texts []Text) ([]byte, error) {
	ctx, err := open(pdf)
	if err != nil {
		return nil, fmt.Errorf("draw text: %w", err)
	}
	byPage := map[int][]Text{}
	for _, t := range texts {
		byPage[t.Page] = append(byPage[t.Page], t)
	}
	for p, ts := range byPage {
		var b strings.Builder
		for _, t := range ts {
			s, err := winAnsi(t.S)
			if err != nil {
				return nil, fmt.Errorf("draw text: %w", err)
			}
			fmt.Fprintf(&b, "BT /PCHelv %.2f Tf %.2f %.2f Td <%x> Tj ET\n", t.Size, t.X, t.Y, s)
		}
		if err := appendContent(ctx, p, b.String(), map[string]types.Object{"Font/PCHelv": helvetica(ctx)}); err != nil {
			return nil, fmt.Errorf("draw text: %w", err)
		}
	}
	out, err := write(ctx)
	if err != nil {
		return nil, fmt.Errorf("draw text: %w", err)
	}
	return out, nil
}
