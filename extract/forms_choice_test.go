package extract_test

import (
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/portcheck/portcheck/internal/formfill"
)

// Choice field flags (/Ff): a combo box shows its chosen option; a list
// box shows every option, the chosen one highlighted.
const chCombo = 1 << 17

// TestChoiceFieldReadsTheChosenValue: the carrier a customer picks in a
// choice field reads as the field's value, and only it: a list box
// draws its other options too, which are no value of the form.
func TestChoiceFieldReadsTheChosenValue(t *testing.T) {
	options := []string{"AT&T", "Verizon", "Comcast"}
	for _, tt := range []struct {
		name string
		ff   int
	}{{"combo box", chCombo}, {"list box", 0}} {
		ef := editedForm(t, "Current Service Provider", func(d types.Dict) {
			var opt types.Array
			for _, o := range options {
				opt = append(opt, types.StringLiteral(o))
			}
			d["FT"], d["Ff"], d["Opt"] = types.Name("Ch"), types.Integer(tt.ff), opt
			delete(d, "V")
		}, formfill.Values{Choices: map[string]string{"Current Service Provider": "Verizon"}})
		for _, cp := range ef.copies() {
			t.Run(tt.name+"/"+cp.name, func(t *testing.T) {
				p := ef.page(t, cp.data)
				if got := wordsWithin(p, pageBox(p, ef.widget.Rect), "_"); strings.Join(got, " ") != "Verizon" {
					t.Errorf("choice field read as %q, want the chosen Verizon alone", got)
				}
			})
		}
	}
}
