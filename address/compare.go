package address

import (
	"strings"

	"github.com/portcheck/portcheck/compare"
)

// ComponentDiff is one component that differs, with the texts as written
// where known (else the standard forms).
type ComponentDiff struct {
	Component       string
	Expected, Found string
	Class           compare.Class
}

type component struct {
	name string
	get  func(Address) string
	// same says whether two standard forms that differ as text are still
	// the same value by abbreviation (street and city names).
	same func(e, f string) bool
}

var components = []component{
	{"number", func(a Address) string { return a.Number }, nil},
	{"pobox", func(a Address) string { return a.POBox }, nil},
	{"predir", func(a Address) string { return a.PreDir }, nil},
	{"street", func(a Address) string { return a.Street }, sameName},
	{"suffix", func(a Address) string { return a.Suffix }, nil},
	{"postdir", func(a Address) string { return a.PostDir }, nil},
	{"unit_type", func(a Address) string { return a.UnitType }, sameUnitType},
	{"unit", func(a Address) string { return a.Unit }, nil},
	{"city", func(a Address) string { return a.City }, sameName},
	{"state", func(a Address) string { return a.State }, nil},
	{"zip5", func(a Address) string { return a.ZIP5 }, nil},
}

// Compare compares two addresses component by component, as carriers do
// after USPS standardisation. A component's written forms are classified
// with compare.Classify; a difference that standardisation removes
// (Street/ST, Suite/STE, North/N, Illinois/IL) is at most an
// abbreviation. ZIP+4 counts only when both sides have it. The overall
// class is the worst component's, and spacing between components that
// differs (a double space) is whitespace.
func Compare(expected, found Address) (compare.Class, []ComponentDiff) {
	var diffs []ComponentDiff
	for _, c := range components {
		if d, ok := diffComponent(c, expected, found); ok {
			diffs = append(diffs, d)
		}
	}
	if expected.ZIP4 != "" && found.ZIP4 != "" && expected.ZIP4 != found.ZIP4 {
		diffs = append(diffs, ComponentDiff{"zip4", expected.ZIP4, found.ZIP4, compare.Different})
	}
	diffs = sameStreetLine(expected, found, diffs)
	overall := compare.Exact
	for _, d := range diffs {
		overall = compare.Worst(overall, d.Class)
	}
	if compare.Rank(overall) < compare.Rank(compare.Whitespace) && expected.spacing != found.spacing {
		diffs = append(diffs, ComponentDiff{"spacing", expected.Raw, found.Raw, compare.Whitespace})
		overall = compare.Whitespace
	}
	return overall, diffs
}

func diffComponent(c component, expected, found Address) (ComponentDiff, bool) {
	e, f := c.get(expected), c.get(found)
	we, wf := written(expected, c.name, e), written(found, c.name, f)
	class := compare.Classify(we, wf)
	switch {
	case class == compare.Exact:
		return ComponentDiff{}, false
	case e == "" || f == "":
		class = compare.Different // one side lacks it: no spelling explains that
	case compare.Rank(class) <= compare.Rank(compare.Abbreviation):
	case e == f, c.same != nil && c.same(e, f):
		class = compare.Abbreviation
	}
	return ComponentDiff{c.name, we, wf, class}, true
}

func written(a Address, name, std string) string {
	if w, ok := a.written[name]; ok && std != "" {
		return w
	}
	return std
}

// sameName: names agree word by word once suffix words, directionals and
// name abbreviations are standardised (COUNTY ROAD 12 / COUNTY RD 12, FORT
// WORTH / FT WORTH, SAINT LOUIS / ST LOUIS).
func sameName(e, f string) bool {
	return strings.Join(nameWords(e), " ") == strings.Join(nameWords(f), " ")
}

func nameWords(s string) []string {
	ws := compare.Words(s)
	for i, w := range ws {
		if d, ok := directions[w]; ok {
			ws[i] = d
		} else if sfx, ok := suffixes[w]; ok {
			ws[i] = sfx
		}
	}
	return compare.Abbreviate(ws)
}

// sameUnitType: "#" stands for a designator the writer did not know, so
// "#4" and "APT 4" differ only by abbreviation (Pub 28).
func sameUnitType(e, f string) bool { return e == "#" || f == "#" }

// sameStreetLine forgives directional, name and suffix differences when
// the whole street line reads the same once standardised: "100 North Ave"
// and "100 N Avenue" split into components differently, but carriers
// see one street.
func sameStreetLine(expected, found Address, diffs []ComponentDiff) []ComponentDiff {
	if strings.Join(streetWords(expected), " ") != strings.Join(streetWords(found), " ") {
		return diffs
	}
	for i, d := range diffs {
		switch d.Component {
		case "predir", "street", "suffix", "postdir":
			if d.Class == compare.Different {
				diffs[i].Class = compare.Abbreviation
			}
		}
	}
	return diffs
}

func streetWords(a Address) []string {
	return nameWords(strings.Join(nonEmpty(a.PreDir, a.Street, a.Suffix, a.PostDir), " "))
}
