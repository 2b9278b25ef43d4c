package extract_test

import (
	"os"
	"path/filepath"
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
	fc := formCaseNamed(t, "us-user-and-service")
	blank, err := os.ReadFile(filepath.Join(loaFormsDir(t), fc.file))
	if err != nil {
		t.Fatal(err)
	}
	options := []string{"AT&T", "Verizon", "Comcast"}
	for _, tt := range []struct {
		name string
		ff   int
	}{{"combo box", chCombo}, {"list box", 0}} {
		choice, err := editFields(blank, func(name string, d types.Dict) bool {
			if name != "Current Service Provider" {
				return false
			}
			var opt types.Array
			for _, o := range options {
				opt = append(opt, types.StringLiteral(o))
			}
			d["FT"], d["Ff"], d["Opt"] = types.Name("Ch"), types.Integer(tt.ff), opt
			delete(d, "V")
			return true
		}, 1)
		if err != nil {
			t.Fatal(err)
		}
		live, err := formfill.Fill(choice, formfill.Values{Choices: map[string]string{"Current Service Provider": "Verizon"}})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		noAP, err := formfill.DropAppearances(live)
		if err != nil {
			t.Fatal(err)
		}
		ws, err := formfill.Widgets(live)
		if err != nil {
			t.Fatal(err)
		}
		w, ok := formfill.Find(ws, "Current Service Provider")
		if !ok {
			t.Fatal("no Current Service Provider widget")
		}
		for _, cp := range []struct {
			name string
			data []byte
		}{{"live", live}, {"no appearances", noAP}} {
			t.Run(tt.name+"/"+cp.name, func(t *testing.T) {
				doc := read(t, fc.file, cp.data)
				p := doc.Pages[w.Page-1]
				var got []string
				for _, l := range p.Lines {
					for _, x := range l.Words {
						if within(x.Box, pageBox(p, w.Rect)) && !strings.HasPrefix(x.Text, "_") {
							got = append(got, x.Text)
						}
					}
				}
				if strings.Join(got, " ") != "Verizon" {
					t.Errorf("choice field read as %q, want the chosen Verizon alone", got)
				}
			})
		}
	}
}
