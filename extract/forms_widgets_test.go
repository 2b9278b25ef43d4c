package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/internal/docgen"
	"github.com/portcheck/portcheck/internal/formfill"
)

// Field kinds the corpus forms lack, as other carriers' forms have them:
// comb cells (an account number or PIN, a character a cell), widgets
// turned by /MK /R, drop-downs and list boxes whose /Opt pairs an export
// value with the text shown. Each is read live with the appearance a
// viewer writes, live with its value alone (drawn as a viewer would),
// and flattened; every way gives the value's words, whole, in the
// widget's box.
func TestFormFieldKinds(t *testing.T) {
	base := blankPage(t)
	carriers := [][2]string{{"att", "AT&T Mobility"}, {"vz", "Verizon Wireless"}, {"tm", "T-Mobile USA"}}
	tests := []struct {
		name  string
		field formfill.Field
		want  string
	}{
		{"comb account number", formfill.Field{Type: "Tx", Rect: [4]float64{300, 100, 500, 122}, Value: "8812334501", Comb: 10}, "8812334501"},
		{"comb half filled", formfill.Field{Type: "Tx", Rect: [4]float64{300, 100, 540, 122}, Value: "44120", Comb: 12}, "44120"},
		{"comb with a space typed", formfill.Field{Type: "Tx", Rect: [4]float64{300, 100, 540, 122}, Value: "3125 550142", Comb: 11}, "3125 550142"},
		{"comb of letters", formfill.Field{Type: "Tx", Rect: [4]float64{300, 100, 480, 122}, Value: "ACMEWIDGET", Comb: 10}, "ACMEWIDGET"},
		{"turned 90", formfill.Field{Type: "Tx", Rect: [4]float64{520, 200, 542, 420}, Value: "Jane Q Doe", Rotate: 90}, "Jane Q Doe"},
		{"turned 180", formfill.Field{Type: "Tx", Rect: [4]float64{300, 100, 520, 122}, Value: "Jane Q Doe", Rotate: 180}, "Jane Q Doe"},
		{"turned 270", formfill.Field{Type: "Tx", Rect: [4]float64{520, 200, 542, 420}, Value: "Jane Q Doe", Rotate: 270}, "Jane Q Doe"},
		{"turned comb", formfill.Field{Type: "Tx", Rect: [4]float64{520, 200, 542, 420}, Value: "8812334501", Comb: 10, Rotate: 90}, "8812334501"},
		{"drop-down by export value", formfill.Field{Type: "Ch", Rect: [4]float64{300, 100, 500, 122}, Value: "vz", Options: carriers}, "Verizon Wireless"},
		{"drop-down of plain options", formfill.Field{Type: "Ch", Rect: [4]float64{300, 100, 500, 122}, Value: "Comcast Business"}, "Comcast Business"},
	}
	for _, tt := range tests {
		for _, way := range []string{"live", "value only", "flattened"} {
			t.Run(tt.name+"/"+way, func(t *testing.T) {
				f := tt.field
				f.Name, f.Appearance = "field", way != "value only"
				data, err := formfill.AddField(base, 1, f)
				if err != nil {
					t.Fatal(err)
				}
				if way == "flattened" {
					if data, err = formfill.Flatten(data); err != nil {
						t.Fatal(err)
					}
				}
				p := read(t, "form.pdf", data).Pages[0]
				if diff := cmp.Diff(tt.want, strings.Join(wordsWithin(p, pageBox(p, f.Rect), ""), " ")); diff != "" {
					t.Errorf("words in the widget (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// A list box shows every option, the chosen one highlighted; what the
// customer chose is its value, not the options beside it.
func TestFormListBoxReadsItsChoice(t *testing.T) {
	f := formfill.Field{Name: "carrier", Type: "Ch", List: true, Rect: [4]float64{300, 100, 500, 160}, Value: "tm",
		Options: [][2]string{{"att", "AT&T Mobility"}, {"vz", "Verizon Wireless"}, {"tm", "T-Mobile USA"}}}
	data, err := formfill.AddField(blankPage(t), 1, f)
	if err != nil {
		t.Fatal(err)
	}
	p := read(t, "form.pdf", data).Pages[0]
	if diff := cmp.Diff("T-Mobile USA", strings.Join(wordsWithin(p, pageBox(p, f.Rect), ""), " ")); diff != "" {
		t.Errorf("words in the list box (-want +got):\n%s", diff)
	}
}

// blankPage is a generated LOA whose lower part is empty, for fields
// to be added to.
func blankPage(t *testing.T) []byte {
	t.Helper()
	date := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	data, err := docgen.LOA{
		Layout: "letter", GainingProvider: "Example Voice", CurrentCarrier: "Verizon", AccountName: "Acme Widgets LLC",
		AccountNumber: "8812334501", Numbers: []string{"(312) 555-0142"}, SignerName: "Jane Q Doe",
		SignerTitle: "Office Manager", Signature: "none", SignedDate: &date,
		ServiceAddress: docgen.Address{Line1: "123 Main St", City: "Springfield", State: "IL", ZIP: "62704"},
	}.PDF()
	if err != nil {
		t.Fatal(err)
	}
	return data
}
