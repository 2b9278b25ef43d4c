package extract_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/portcheck/portcheck/internal/formfill"
)

// combFlag is /Ff bit 25: the field is divided into /MaxLen cells, one
// character in each (account numbers, PINs, dates on many forms).
const combFlag = 1 << 24

// TestCombFieldReadsAsOneValue: a comb field's characters, each
// centred in its cell, are one value: the account number typed into a
// ten-cell comb reads as "8812334501", not ten words, in the live form
// and drawn from /DA where its appearance is missing.
func TestCombFieldReadsAsOneValue(t *testing.T) {
	fc := formCaseNamed(t, "us-user-and-service") // its "Account Number" is a text field
	blank, err := os.ReadFile(filepath.Join(loaFormsDir(t), fc.file))
	if err != nil {
		t.Fatal(err)
	}
	comb, err := editFields(blank, func(name string, d types.Dict) bool {
		if name != "Account Number" {
			return false
		}
		ff, _ := d["Ff"].(types.Integer)
		d["Ff"], d["MaxLen"] = types.Integer(int(ff)|combFlag), types.Integer(10)
		return true
	}, 1)
	if err != nil {
		t.Fatal(err)
	}
	live, err := formfill.Fill(comb, formfill.Values{Text: map[string]string{"Account Number": "8812334501"}})
	if err != nil {
		t.Fatal(err)
	}
	noAP, err := formfill.DropAppearances(live)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := formfill.Widgets(live)
	if err != nil {
		t.Fatal(err)
	}
	w, ok := formfill.Find(ws, "Account Number")
	if !ok {
		t.Fatal("no Account Number widget")
	}
	for _, cp := range []struct {
		name string
		data []byte
	}{{"live", live}, {"no appearances", noAP}} {
		t.Run(cp.name, func(t *testing.T) {
			doc := read(t, fc.file, cp.data)
			p := doc.Pages[w.Page-1]
			if !findWords(p, "8812334501", pageBox(p, w.Rect)) {
				var got []string
				for _, l := range p.Lines {
					for _, x := range l.Words {
						if within(x.Box, pageBox(p, w.Rect)) {
							got = append(got, x.Text)
						}
					}
				}
				t.Errorf("comb field read as %q, want one word 8812334501", got)
			}
		})
	}
}

func formCaseNamed(t *testing.T, name string) formCase {
	t.Helper()
	for _, fc := range formCases {
		if fc.name == name {
			return fc
		}
	}
	t.Fatalf("no form case %q", name)
	return formCase{}
}
