package extract_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/portcheck/portcheck/internal/formfill"
)

// TestTurnedFieldReadsItsValue: a field whose widget turns its content
// (/MK /R: a field set up the margin of a form) is drawn from its value
// turned as a viewer draws it, and reads as its value inside its box.
// pdfcpu writes appearances upright whatever /R says, so the value is
// drawn from /V with the appearances dropped, as a viewer redraws it.
func TestTurnedFieldReadsItsValue(t *testing.T) {
	for _, rot := range []int{0, 90, 180, 270} {
		t.Run(fmt.Sprint(rot), func(t *testing.T) {
			ef := editedForm(t, "Current Service Provider", func(d types.Dict) {
				r, _ := d["Rect"].(types.Array)
				x0, y0 := num(r[0]), num(r[1])
				w, h := num(r[2])-x0, num(r[3])-y0
				if rot == 90 || rot == 270 {
					w, h = h, w // a tall field along the margin
				}
				d["Rect"] = types.NewNumberArray(x0, y0, x0+w, y0+h)
				mk, _ := d["MK"].(types.Dict)
				if mk == nil {
					mk = types.Dict{}
				}
				mk["R"] = types.Integer(rot)
				d["MK"] = mk
			}, formfill.Values{Text: map[string]string{"Current Service Provider": "Verizon"}})
			p := ef.page(t, ef.noAP)
			var got []string
			for _, l := range p.Lines {
				for _, x := range l.Words {
					if inside(x.Box, pageBox(p, ef.widget.Rect), 2) && !strings.HasPrefix(x.Text, "__") { // the page's fill-in line
						got = append(got, x.Text)
					}
				}
			}
			if len(got) != 1 || got[0] != "Verizon" {
				t.Errorf("turned %d: read %q inside the field's box, want Verizon", rot, got)
			}
		})
	}
}

func num(o types.Object) float64 {
	switch v := o.(type) {
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	}
	return 0
}
