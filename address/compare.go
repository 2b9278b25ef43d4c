package address

import "github.com/portcheck/portcheck/compare"

// ComponentDiff is one component that differs.
type ComponentDiff struct {
	Component       string
	Expected, Found string
	Class           compare.Class
}

var components = []struct {
	name string
	get  func(Address) string
}{
	{"number", func(a Address) string { return a.Number }},
	{"pobox", func(a Address) string { return a.POBox }},
	{"predir", func(a Address) string { return a.PreDir }},
	{"street", func(a Address) string { return a.Street }},
	{"suffix", func(a Address) string { return a.Suffix }},
	{"postdir", func(a Address) string { return a.PostDir }},
	{"unit_type", func(a Address) string { return a.UnitType }},
	{"unit", func(a Address) string { return a.Unit }},
	{"city", func(a Address) string { return a.City }},
	{"state", func(a Address) string { return a.State }},
	{"zip5", func(a Address) string { return a.ZIP5 }},
}

// Compare compares two addresses component by component. A component
// whose standard forms agree differs at most by abbreviation (or by the
// smaller class its written forms show); one whose standard forms differ
// is different. The overall class is the worst component's.
func Compare(expected, found Address) (compare.Class, []ComponentDiff) {
	overall := compare.Exact
	var diffs []ComponentDiff
	for _, c := range components {
		e, f := c.get(expected), c.get(found)
		we, wf := expected.written[c.name], found.written[c.name]
		class := componentClass(e, f, we, wf)
		if c.name == "unit_type" && class == compare.Different && (e == "#" || f == "#") && expected.Unit == found.Unit {
			class = compare.Abbreviation // "#" stands for an unknown designator
		}
		if class != compare.Exact {
			diffs = append(diffs, ComponentDiff{Component: c.name, Expected: orStd(we, e), Found: orStd(wf, f), Class: class})
			overall = compare.Worst(overall, class)
		}
	}
	if expected.ZIP4 != "" && found.ZIP4 != "" && expected.ZIP4 != found.ZIP4 {
		diffs = append(diffs, ComponentDiff{Component: "zip4", Expected: expected.ZIP4, Found: found.ZIP4, Class: compare.Different})
		overall = compare.Different
	}
	return overall, diffs
}

func componentClass(stdE, stdF, writtenE, writtenF string) compare.Class {
	if stdE != stdF {
		return compare.Different
	}
	if writtenE == writtenF {
		return compare.Exact
	}
	c := compare.Classify(writtenE, writtenF)
	if compare.Rank(c) > compare.Rank(compare.Abbreviation) {
		return compare.Abbreviation
	}
	return c
}

func orStd(written, std string) string {
	if written != "" {
		return written
	}
	return std
}
