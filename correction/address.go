package correction

import (
	"regexp"
	"strings"

	"github.com/portcheck/portcheck/address"
	"github.com/portcheck/portcheck/compare"
)

var zipRE = regexp.MustCompile(`^\d{5}(-\d{4})?$`)

// splitAddress splits a printed address into the order's fields, each as
// printed, and reports whether the split is certain: the last word is a
// ZIP, the state and the city are the words the address parser takes for
// them, the street is one line or two around a comma, and the parts read
// back as exactly the printed address. Anything else is for a person.
func splitAddress(text string) (map[string]any, bool) {
	text = strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", ", ")), " ")
	parsed := address.Parse(text)
	words := strings.Fields(text)
	n := len(words)
	if n < 4 || parsed.City == "" || parsed.State == "" || parsed.POBox != "" {
		return nil, false
	}
	zip := words[n-1]
	if !zipRE.MatchString(zip) {
		return nil, false
	}
	state := strings.TrimSuffix(words[n-2], ",")
	if strings.ToUpper(state) != parsed.State {
		return nil, false // a state written out, or not where it stands
	}
	cityWords := len(strings.Fields(parsed.City))
	if n-2-cityWords < 1 {
		return nil, false
	}
	city := strings.TrimSuffix(strings.Join(words[n-2-cityWords:n-2], " "), ",")
	if strings.ToUpper(city) != parsed.City {
		return nil, false
	}
	street := strings.TrimSuffix(strings.Join(words[:n-2-cityWords], " "), ",")
	line1, line2, _ := strings.Cut(street, ", ")
	if strings.Contains(line2, ",") || line1 == "" {
		return nil, false
	}
	split := address.FromParts(line1, line2, city, state, zip)
	if class, _ := address.Compare(split, parsed); class != compare.Exact || split.Standard() != parsed.Standard() {
		return nil, false
	}
	a := map[string]any{"line1": line1, "line2": nil, "city": city, "state": state, "postal_code": zip}
	if line2 != "" {
		a["line2"] = line2
	}
	return a, true
}

// sameValue: a document printing v agrees with the value entered from
// want (addresses as the comparison reads them, the rest as text).
func sameValue(field, want, v string) bool {
	if field == "service_address" {
		class, _ := address.Compare(address.Parse(want), address.Parse(v))
		return class == compare.Exact
	}
	return strings.Join(strings.Fields(want), " ") == strings.Join(strings.Fields(v), " ")
}
