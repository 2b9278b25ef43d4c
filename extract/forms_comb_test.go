package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/portcheck/portcheck/extract"
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
	ef := editedForm(t, "Account Number", func(d types.Dict) {
		ff, _ := d["Ff"].(types.Integer)
		d["Ff"], d["MaxLen"] = types.Integer(int(ff)|combFlag), types.Integer(10)
	}, formfill.Values{Text: map[string]string{"Account Number": "8812334501"}})
	for _, cp := range ef.copies() {
		t.Run(cp.name, func(t *testing.T) {
			p := ef.page(t, cp.data)
			if box := pageBox(p, ef.widget.Rect); !findWords(p, "8812334501", box) {
				t.Errorf("comb field read as %q, want one word 8812334501", wordsWithin(p, box, ""))
			}
		})
	}
}

// editedForm is the US user-and-service form with one field's
// dictionary changed by edit, then filled with v through pdfcpu: the
// field kinds the corpus forms lack, made from one of them.
type editedFormCase struct {
	file       string
	live, noAP []byte
	widget     formfill.Widget
}

func editedForm(t *testing.T, field string, edit func(types.Dict), v formfill.Values) editedFormCase {
	t.Helper()
	fc := formCaseNamed(t, "us-user-and-service")
	blank, err := os.ReadFile(filepath.Join(loaFormsDir(t), fc.file))
	if err != nil {
		t.Fatal(err)
	}
	edited, err := editFields(blank, func(name string, d types.Dict) bool {
		if name != field {
			return false
		}
		edit(d)
		return true
	}, 1)
	if err != nil {
		t.Fatal(err)
	}
	ef := editedFormCase{file: fc.file}
	if ef.live, err = formfill.Fill(edited, v); err != nil {
		t.Fatal(err)
	}
	if ef.noAP, err = formfill.DropAppearances(ef.live); err != nil {
		t.Fatal(err)
	}
	ws, err := formfill.Widgets(ef.live)
	if err != nil {
		t.Fatal(err)
	}
	var ok bool
	if ef.widget, ok = formfill.Find(ws, field); !ok {
		t.Fatalf("no %s widget", field)
	}
	return ef
}

type formCopy struct {
	name string
	data []byte
}

// copies: the form as filled, and with its appearances dropped (drawn
// from the values, as a viewer redraws them).
func (ef editedFormCase) copies() []formCopy {
	return []formCopy{{"live", ef.live}, {"no appearances", ef.noAP}}
}

// page reads the copy and returns the edited field's page.
func (ef editedFormCase) page(t *testing.T, data []byte) extract.Page {
	t.Helper()
	return read(t, ef.file, data).Pages[ef.widget.Page-1]
}

// wordsWithin lists the words standing in box, but those starting with
// rule (the page's fill-in line of underscores) when rule is given.
func wordsWithin(p extract.Page, box extract.Box, rule string) []string {
	var got []string
	for _, l := range p.Lines {
		for _, x := range l.Words {
			if within(x.Box, box) && (rule == "" || !strings.HasPrefix(x.Text, rule)) {
				got = append(got, x.Text)
			}
		}
	}
	return got
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
