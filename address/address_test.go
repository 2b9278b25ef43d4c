package address

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/portcheck/portcheck/compare"
)

var order = FromParts("1200 N Main Street", "Suite 300", "Springfield", "IL", "62702")

// onlyComponents compares the parsed components, not the written forms.
var onlyComponents = cmpopts.IgnoreFields(Address{}, "Raw", "written", "spacing", "boxKind")

func checkParse(t *testing.T, in string, want Address) {
	t.Helper()
	if diff := cmp.Diff(want, Parse(in), onlyComponents, cmp.AllowUnexported(Address{})); diff != "" {
		t.Errorf("Parse(%q) (-want +got):\n%s", in, diff)
	}
}

func TestParse(t *testing.T) {
	springfield := func(a Address) Address { a.City, a.State, a.ZIP5 = "SPRINGFIELD", "IL", "62702"; return a }
	mainSte := springfield(Address{Number: "1200", PreDir: "N", Street: "MAIN", Suffix: "ST", UnitType: "STE", Unit: "300"})
	tests := []struct {
		name, in string
		want     Address
	}{
		{"USPS one line", "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702", mainSte},
		{"bill lines", "1200 N MAIN ST STE 300\nSPRINGFIELD IL 62702", mainSte},
		{"one line without commas", "1200 N MAIN ST STE 300 SPRINGFIELD IL 62702", mainSte},
		{"name line above the street", "ACME WIDGETS INC\n1200 N MAIN ST STE 300\nSPRINGFIELD IL 62702", mainSte},
		{"unit line first", "Suite 300, 1200 N Main St, Springfield, IL 62702", mainSte},
		{"spelled out with state name and ZIP+4", "1200 North Main Street, Suite 300\nSpringfield, Illinois 62702-1234",
			func() Address { a := mainSte; a.ZIP4 = "1234"; return a }()},
		{"old state abbreviation", "1200 N Main St Ste 300, Springfield, Ill. 62702", mainSte},
		{"country at the end", "1200 N Main St Ste 300, Springfield, IL 62702, USA", mainSte},
		{"two-suffix rule", "350 Park Avenue, New York, NY 10022", Address{Number: "350", Street: "PARK", Suffix: "AVE", City: "NEW YORK", State: "NY", ZIP5: "10022"}},
		{"no suffix", "1 Avenue of the Americas, New York, NY 10020", Address{Number: "1", Street: "AVENUE OF THE AMERICAS", City: "NEW YORK", State: "NY", ZIP5: "10020"}},
		{"city with a suffix word", "350 Park Ave Fort Worth TX 76102", Address{Number: "350", Street: "PARK", Suffix: "AVE", City: "FORT WORTH", State: "TX", ZIP5: "76102"}},
		{"hash unit", "123 Main St #4, Springfield, IL 62702", springfield(Address{Number: "123", Street: "MAIN", Suffix: "ST", UnitType: "#", Unit: "4"})},
		{"hash apart", "123 Main St # 4, Springfield, IL 62702", springfield(Address{Number: "123", Street: "MAIN", Suffix: "ST", UnitType: "#", Unit: "4"})},
		{"designator and hash", "1200 1/2 Oak St Apt #4B, Springfield, IL 62702", springfield(Address{Number: "1200 1/2", Street: "OAK", Suffix: "ST", UnitType: "APT", Unit: "4B"})},
		{"ordinal floor", "100 Main St NW 3rd Floor, Washington, DC 20001", Address{Number: "100", Street: "MAIN", Suffix: "ST", PostDir: "NW", UnitType: "FL", Unit: "3", City: "WASHINGTON", State: "DC", ZIP5: "20001"}},
		{"unit without number", "100 Main St Rear, Springfield, IL 62702", springfield(Address{Number: "100", Street: "MAIN", Suffix: "ST", UnitType: "REAR"})},
		{"designator word in a name", "123 N Front St, Springfield, IL 62702", springfield(Address{Number: "123", PreDir: "N", Street: "FRONT", Suffix: "ST"})},
		{"directional as the name", "500 North St, Springfield, IL 62702", springfield(Address{Number: "500", Street: "NORTH", Suffix: "ST"})},
		{"post-directional", "100 Main St Southwest, Springfield, IL 62702", springfield(Address{Number: "100", Street: "MAIN", Suffix: "ST", PostDir: "SW"})},
		{"Wisconsin grid number", "N6W23001 Bluemound Rd, Waukesha, WI 53188", Address{Number: "N6W23001", Street: "BLUEMOUND", Suffix: "RD", City: "WAUKESHA", State: "WI", ZIP5: "53188"}},
		{"number range", "12-14 Main Street", Address{Number: "12-14", Street: "MAIN", Suffix: "ST"}},
		{"county road", "500 County Road 12, Springfield, IL 62702", springfield(Address{Number: "500", Street: "COUNTY ROAD 12"})},
		{"name with a period", "1 Martin Luther King Jr. Blvd", Address{Number: "1", Street: "MARTIN LUTHER KING JR", Suffix: "BLVD"}},
		{"number spelled", "One Main Plaza", Address{Number: "1", Street: "MAIN", Suffix: "PLZ"}},
		{"PO Box", "PO Box 880, Springfield, IL 62702", springfield(Address{POBox: "880"})},
		{"PMB after a street", "123 Main St PMB 45, Springfield, IL 62702", springfield(Address{Number: "123", Street: "MAIN", Suffix: "ST", POBox: "45"})},
		{"last line alone", "Charleston, West Virginia 25301", Address{City: "CHARLESTON", State: "WV", ZIP5: "25301"}},
		{"not a US address stays in the street", "1 Main St, Toronto, ON M5V 2T6", Address{Number: "1", Street: "MAIN ST TORONTO ON M5V 2T6"}},
		{"empty", "", Address{}},
		{"only a hash", "#", Address{Street: "#"}},
		{"only commas", ",,,", Address{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkParse(t, tt.in, tt.want) })
	}
}

func TestFromParts(t *testing.T) {
	want := Address{Number: "1200", PreDir: "N", Street: "MAIN", Suffix: "ST", UnitType: "STE", Unit: "300", City: "SPRINGFIELD", State: "IL", ZIP5: "62702", ZIP4: "1234"}
	got := FromParts("1200 North Main Street", "Suite 300", " Springfield ", "Illinois", "62702-1234")
	if diff := cmp.Diff(want, got, onlyComponents, cmp.AllowUnexported(Address{})); diff != "" {
		t.Errorf("FromParts (-want +got):\n%s", diff)
	}
}

func TestStandard(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"SPEC form", "1200 North Main Street, Suite 300, Springfield, IL 62702", "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702"},
		{"ZIP+4 kept", "1200 N Main St, Springfield, IL 627021234", "1200 N MAIN ST, SPRINGFIELD IL 62702-1234"},
		{"hash unit", "123 Main St #4", "123 MAIN ST # 4"},
		{"PO Box", "P.O. Box 880, Springfield, IL 62702", "PO BOX 880, SPRINGFIELD IL 62702"},
		{"PMB", "123 Main St PMB 45", "123 MAIN ST PMB 45"},
		{"lock box", "Lockbox 77, Springfield, IL 62702", "LOCK BOX 77, SPRINGFIELD IL 62702"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Parse(tt.in).Standard()); diff != "" {
				t.Errorf("Standard (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIsPOBox(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"PO Box 123", true}, {"P.O. Box 123", true}, {"P O Box 123", true}, {"p.o.box 123", true},
		{"POBox 123", true}, {"Post Office Box 123", true}, {"POB 123", true}, {"Box 1234", true},
		{"PO Box #12", true}, {"PMB 45", true}, {"123 Main St PMB 45", true}, {"Lock Box 9", true},
		{"Lockbox 9", true}, {"PO Box 880, Springfield, IL 62702", true},
		{"Boxwood Rd", false}, {"123 Boxwood Rd", false}, {"123 Box Elder St", false}, {"Post Oak Blvd", false},
		{"100 Post Oak Blvd", false}, {"RR 2 Box 15", false}, {"1200 N Main Street", false}, {"", false},
		{"Box", false}, {"Pobox Lane 12", false},
		{"PO Box", true}, {"P.O. Box A", true}, {"PO-Box 12", true}, {"Lock Box", true}, {"1 Lockbox Way", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := IsPOBox(tt.line); got != tt.want {
				t.Errorf("IsPOBox(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name, found string
		want        compare.Class
		components  []string
	}{
		{"same", "1200 N Main Street Suite 300, Springfield, IL 62702", compare.Exact, nil},
		{"comma between street and unit", "1200 N Main Street, Suite 300, Springfield, IL 62702", compare.Exact, nil},
		{"bill lines", "1200 N Main Street Suite 300\nSpringfield IL 62702", compare.Exact, nil},
		{"USPS form", "1200 N MAIN ST STE 300, SPRINGFIELD IL 62702", compare.Abbreviation, []string{"street", "suffix", "unit_type", "city"}},
		{"spelled out", "1200 North Main St., Ste. 300, Springfield, IL 62702", compare.Abbreviation, []string{"predir", "suffix", "unit_type"}},
		{"lower case", "1200 n main street suite 300, springfield, il 62702", compare.Case, []string{"predir", "street", "suffix", "unit_type", "city", "state"}},
		{"double space", "1200 N Main Street  Suite 300, Springfield, IL 62702", compare.Whitespace, []string{"spacing"}},
		{"space before comma", "1200 N Main Street Suite 300 , Springfield, IL 62702", compare.Whitespace, []string{"spacing"}},
		{"period after suffix", "1200 N Main Street. Suite 300, Springfield, IL 62702", compare.Punctuation, []string{"suffix"}},
		{"city upper case", "1200 N Main Street Suite 300, SPRINGFIELD, IL 62702", compare.Case, []string{"city"}},
		{"state name", "1200 N Main Street Suite 300, Springfield, Illinois 62702", compare.Abbreviation, []string{"state"}},
		{"ZIP+4 on one side only", "1200 N Main Street Suite 300, Springfield, IL 62702-1234", compare.Exact, nil},
		{"other house number", "1210 N Main Street Suite 300, Springfield, IL 62702", compare.Different, []string{"number"}},
		{"other ZIP", "1200 N Main Street Suite 300, Springfield, IL 62701", compare.Different, []string{"zip5"}},
		{"other unit", "1200 N Main Street Suite 310, Springfield, IL 62702", compare.Different, []string{"unit"}},
		{"unit missing", "1200 N Main Street, Springfield, IL 62702", compare.Different, []string{"unit_type", "unit"}},
		{"directional missing", "1200 Main Street Suite 300, Springfield, IL 62702", compare.Different, []string{"predir"}},
		{"other directional", "1200 S Main Street Suite 300, Springfield, IL 62702", compare.Different, []string{"predir"}},
		{"other suffix", "1200 N Main Avenue Suite 300, Springfield, IL 62702", compare.Different, []string{"suffix"}},
		{"hash for suite", "1200 N Main Street #300, Springfield, IL 62702", compare.Abbreviation, []string{"unit_type"}},
		{"other city", "1200 N Main Street Suite 300, Chatham, IL 62702", compare.Different, []string{"city"}},
		{"PO Box", "PO Box 880, Springfield, IL 62702", compare.Different, []string{"number", "pobox", "predir", "street", "suffix", "unit_type", "unit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkCompare(t, order, Parse(tt.found), tt.want, tt.components)
		})
	}
}

func checkCompare(t *testing.T, expected, found Address, want compare.Class, components []string) {
	t.Helper()
	got, diffs := Compare(expected, found)
	var names []string
	for _, d := range diffs {
		names = append(names, d.Component)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("class (-want +got):\n%s\ndiffs: %+v", diff, diffs)
	}
	if diff := cmp.Diff(components, names); diff != "" {
		t.Errorf("components (-want +got):\n%s\ndiffs: %+v", diff, diffs)
	}
}

func TestCompareStreets(t *testing.T) {
	tests := []struct {
		name, expected, found string
		want                  compare.Class
	}{
		{"full against USPS", "1200 N Main Street Suite 300", "1200 N MAIN ST STE 300", compare.Abbreviation},
		{"spelled directional", "1200 N Main Street Suite 300", "1200 North Main St., Ste. 300", compare.Abbreviation},
		{"lower case", "1200 N Main Street Suite 300", "1200 n main street suite 300", compare.Case},
		{"double space", "1200 N Main Street Suite 300", "1200 N Main Street  Suite 300", compare.Whitespace},
		{"other number", "1200 N Main Street", "1210 N Main Street", compare.Different},
		{"two-suffix rule", "350 Park Avenue", "350 PARK AVE", compare.Abbreviation},
		{"park is not the suffix", "350 Park Avenue", "350 Avenue", compare.Different},
		{"avenue of the americas", "1 Avenue of the Americas", "1 AVENUE OF THE AMERICAS", compare.Case},
		{"avenue abbreviated in a name", "1 Avenue of the Americas", "1 Ave of the Americas", compare.Abbreviation},
		{"hash against apartment", "123 Main St #4", "123 Main St Apt 4", compare.Abbreviation},
		{"hash against other apartment", "123 Main St #4", "123 Main St Apt 5", compare.Different},
		{"grid number", "N6W23001 Bluemound Rd", "N6W23001 BLUEMOUND ROAD", compare.Abbreviation},
		{"grid number differs", "N6W23001 Bluemound Rd", "N6W23011 Bluemound Rd", compare.Different},
		{"number spelled", "One Main Plaza", "1 Main Plaza", compare.Abbreviation},
		{"county road", "500 County Road 12", "500 County Rd 12", compare.Abbreviation},
		{"saint in a name", "10 Saint Charles Ave", "10 St. Charles Ave", compare.Abbreviation},
		{"junior in a name", "1 Martin Luther King Junior Blvd", "1 Martin Luther King Jr Blvd", compare.Abbreviation},
		{"directional or name", "100 North Avenue", "100 N Avenue", compare.Abbreviation},
		{"post-directional spelled", "100 Main St NW", "100 Main St Northwest", compare.Abbreviation},
		{"number suffix punctuation", "1200-A Main St", "1200A Main St", compare.Punctuation},
		{"fraction", "1200 1/2 Oak St", "1200 Oak St", compare.Different},
		{"accent in the name", "10 Calle Peña", "10 Calle Pena", compare.Different},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Helper()
			got, diffs := Compare(Parse(tt.expected), Parse(tt.found))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compare(%q, %q) (-want +got):\n%s\ndiffs: %+v", tt.expected, tt.found, diff, diffs)
			}
		})
	}
}

func TestCompareZIP4(t *testing.T) {
	a := FromParts("1200 N Main St", "", "Springfield", "IL", "62702-1234")
	tests := []struct {
		name, postal string
		want         compare.Class
	}{
		{"same ZIP+4", "62702-1234", compare.Exact},
		{"ZIP+4 on one side", "62702", compare.Exact},
		{"ZIP+4 unhyphenated", "627021234", compare.Exact},
		{"other ZIP+4", "62702-1299", compare.Different},
		{"lost leading zero", "2702", compare.Different},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diffs := Compare(a, FromParts("1200 N Main St", "", "Springfield", "IL", tt.postal))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\ndiffs: %+v", diff, diffs)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"1200 N Main Street Suite 300, Springfield, IL 62702", "1200 N MAIN ST STE 300\nSPRINGFIELD IL 62702",
		"1200 North Main St., Ste. 300", "350 Park Avenue", "1 Avenue of the Americas", "123 Main St #4",
		"N6W23001 Bluemound Rd", "One Main Plaza", "PO Box 12", "P.O. Box 880, Springfield, IL 62705",
		"123 Main St PMB 45", "Lock Box", "#", "# #", ", , 12345", "1 2 3 4 5 6", "Illinois 62702",
		"Ste #", "1200 1/2", "3rd Floor", "Café 1 Ñ", "\x00\xff", "PO Box 1 PMB 2 # 3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Parse(s)
		_ = a.Standard()
		if c, _ := Compare(a, a); c != compare.Exact {
			t.Errorf("Compare(Parse(%q), itself) = %q", s, c)
		}
		Compare(order, a)
		IsPOBox(s)
		FromParts(s, s, s, s, s)
	})
}
