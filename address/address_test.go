package address

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/portcheck/portcheck/compare"
)

var order = FromParts("1200 N Main Street", "Suite 300", "Springfield", "IL", "62702")

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Address
	}{
		{"1200 N MAIN ST STE 300, SPRINGFIELD IL 62702",
			Address{Number: "1200", PreDir: "N", Street: "MAIN", Suffix: "ST", UnitType: "STE", Unit: "300", City: "SPRINGFIELD", State: "IL", ZIP5: "62702"}},
		{"1200 North Main Street, Suite 300\nSpringfield, Illinois 62702-1234",
			Address{Number: "1200", PreDir: "N", Street: "MAIN", Suffix: "ST", UnitType: "STE", Unit: "300", City: "SPRINGFIELD", State: "IL", ZIP5: "62702", ZIP4: "1234"}},
		{"350 Park Avenue, New York, NY 10022", Address{Number: "350", Street: "PARK", Suffix: "AVE", City: "NEW YORK", State: "NY", ZIP5: "10022"}},
		{"1 Avenue of the Americas, New York, NY 10020", Address{Number: "1", Street: "AVENUE OF THE AMERICAS", City: "NEW YORK", State: "NY", ZIP5: "10020"}},
		{"123 Main St #4, Springfield, IL 62702", Address{Number: "123", Street: "MAIN", Suffix: "ST", UnitType: "#", Unit: "4", City: "SPRINGFIELD", State: "IL", ZIP5: "62702"}},
		{"N6W23001 Bluemound Rd, Waukesha, WI 53188", Address{Number: "N6W23001", Street: "BLUEMOUND", Suffix: "RD", City: "WAUKESHA", State: "WI", ZIP5: "53188"}},
		{"500 North St, Springfield, IL 62702", Address{Number: "500", Street: "NORTH", Suffix: "ST", City: "SPRINGFIELD", State: "IL", ZIP5: "62702"}},
		{"PO Box 880, Springfield, IL 62705", Address{POBox: "880", City: "SPRINGFIELD", State: "IL", ZIP5: "62705"}},
		{"One Main Plaza", Address{Street: "ONE MAIN", Suffix: "PLZ"}},
	}
	ignore := cmpopts.IgnoreFields(Address{}, "Raw", "written")
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Parse(tt.in), ignore, cmp.AllowUnexported(Address{})); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name, found string
		want        compare.Class
	}{
		{"same", "1200 N Main Street Suite 300, Springfield, IL 62702", compare.Exact},
		{"USPS form", "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702", compare.Abbreviation},
		{"spelled out", "1200 North Main St., Ste. 300, Springfield, IL 62702", compare.Abbreviation},
		{"lower case", "1200 n main street suite 300, springfield, il 62702", compare.Case},
		{"state name", "1200 N Main Street Suite 300, Springfield, Illinois 62702", compare.Abbreviation},
		{"zip+4 on one side only", "1200 N Main Street Suite 300, Springfield, IL 62702-1234", compare.Exact},
		{"other house number", "1210 N Main Street Suite 300, Springfield, IL 62702", compare.Different},
		{"other zip", "1200 N Main Street Suite 300, Springfield, IL 62701", compare.Different},
		{"unit missing", "1200 N Main Street, Springfield, IL 62702", compare.Different},
		{"hash for suite", "1200 N Main Street #300, Springfield, IL 62702", compare.Abbreviation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diffs := Compare(order, Parse(tt.found))
			if got != tt.want {
				t.Errorf("Compare = %q, want %q (diffs %+v)", got, tt.want, diffs)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1200 N Main Street Suite 300, Springfield, IL 62702", "PO Box 12", "#", ", , 12345", "1 2 3 4 5 6", "N6W23001 Bluemound Rd", "Illinois 62702"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Parse(s)
		_ = a.Standard()
		Compare(a, order)
		IsPOBox(s)
	})
}
