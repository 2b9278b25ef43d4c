package address

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Address is a parsed address: the standardised components, and each one
// as it was written, because Compare needs the written form to tell case
// and punctuation differences from abbreviations.
type Address struct {
	Number   string // house number with fraction or letter: "1200", "12-14", "1200 1/2", "N6W23001"
	PreDir   string // standard directional: N S E W NE NW SE SW
	Street   string // street name, upper case
	Suffix   string // USPS suffix abbreviation: only the last suffix word
	PostDir  string
	UnitType string // USPS secondary unit designator, or "#" when none is given
	Unit     string
	City     string // upper case
	State    string // two letters when known
	ZIP5     string // five digits, or the whole postal code when not a US ZIP
	ZIP4     string
	POBox    string // the box number of a PO Box, PMB or lock box
	Raw      string

	boxKind string            // "PO BOX", "PMB" or "LOCK BOX"
	written map[string]string // component -> text as written
	spacing int               // irregular separators (double spaces, " ,")
}

var zipRE = compileOnce(`^(\d{5})(?:-?(\d{4}))?$`)

// compileOnce is regexp.MustCompile on first use: the package's patterns
// were most of its init in every portcheck process, also in those that
// compare no address (GODEBUG=inittrace=1: 0.8-1.1 ms clock and 314 KB
// with them, 0.2-0.3 ms and 119 KB without).
func compileOnce(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Parse parses a free-text US address: one line or several (bill lines,
// or parts joined by commas). It never fails: what it cannot place stays
// in Street, so a comparison still sees it.
func Parse(text string) Address {
	a := Address{Raw: text}
	toks := tokenize(text)
	a.spacing = countIrregular(toks)
	toks = dropCountry(toks)
	toks = a.takeZIP(toks)
	toks = a.takeState(toks)
	toks = a.takeCity(toks)
	a.parseStreet(toks)
	return a
}

// FromParts builds an address from an order's separate fields.
func FromParts(line1, line2, city, state, postal string) Address {
	a := Address{Raw: strings.Join(nonEmpty(line1, line2, city, state, postal), ", ")}
	toks := tokenize(line1)
	if rest := tokenize(line2); len(rest) > 0 {
		rest[0].gap = "\n"
		toks = append(toks, rest...)
	}
	a.spacing = countIrregular(toks) + countIrregular(tokenize(city))
	a.parseStreet(toks)
	a.setCity(tokenize(city))
	a.setState(strings.TrimSpace(state))
	a.setZIP(strings.TrimSpace(postal))
	return a
}

// dropCountry drops a trailing US, USA or United States: orders and bills
// add it or not at will.
func dropCountry(toks []token) []token {
	n := len(toks)
	if n > 2 && clean(toks[n-2].text) == "UNITED" && clean(toks[n-1].text) == "STATES" {
		return toks[:n-2]
	}
	if n > 1 && (clean(toks[n-1].text) == "US" || clean(toks[n-1].text) == "USA") {
		return toks[:n-1]
	}
	return toks
}

func (a *Address) takeZIP(toks []token) []token {
	n := len(toks)
	if n == 0 {
		return toks
	}
	if zipRE().MatchString(clean(toks[n-1].text)) {
		a.setZIP(toks[n-1].text)
		return toks[:n-1]
	}
	return toks
}

// takeState takes a state at the end: after a ZIP, or standing alone after
// a comma, so that a street ending in NE (Nebraska) keeps its directional.
func (a *Address) takeState(toks []token) []token {
	for n := 3; n >= 1; n-- {
		if len(toks) <= n {
			continue
		}
		tail := toks[len(toks)-n:]
		if stateCode(span(tail)) == "" || (a.ZIP5 == "" && !structural(tail[0].gap)) || len(segments(tail)) > 1 {
			continue
		}
		a.setState(span(tail))
		return toks[:len(toks)-n]
	}
	return toks
}

// takeCity takes the city before the state or ZIP: the last line or field
// when there are several, else the words after the street (cityCut).
func (a *Address) takeCity(toks []token) []token {
	if a.State == "" && a.ZIP5 == "" {
		return toks
	}
	segs := segments(toks)
	if len(segs) > 1 {
		last := segs[len(segs)-1]
		a.setCity(last)
		return toks[:len(toks)-len(last)]
	}
	cut := cityCut(words(toks))
	if cut < 0 && !looksLikeStreet(words(toks)) {
		cut = 0 // "SPRINGFIELD IL 62702": a last line alone
	}
	if cut < 0 || cut >= len(toks) {
		return toks
	}
	a.setCity(toks[cut:])
	return toks[:cut]
}

// looksLikeStreet: a street line has a number, a box or a suffix word.
func looksLikeStreet(w []string) bool {
	for _, x := range w {
		if _, ok := suffixes[x]; ok || strings.ContainsAny(x, "0123456789#") {
			return true
		}
	}
	return false
}

func (a *Address) note(component, written string) {
	if a.written == nil {
		a.written = map[string]string{}
	}
	a.written[component] = written
}

func (a *Address) setCity(toks []token) {
	a.City = strings.Join(words(toks), " ")
	a.note("city", span(toks))
}

func (a *Address) setState(s string) {
	a.State = stateCode(s)
	if a.State == "" {
		a.State = strings.ToUpper(strings.Join(strings.Fields(s), " "))
	}
	a.note("state", s)
}

func (a *Address) setZIP(z string) {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, z)
	switch {
	case len(digits) == 5 && len(z) <= 6:
		a.ZIP5 = digits
	case len(digits) == 9 && len(z) <= 11:
		a.ZIP5, a.ZIP4 = digits[:5], digits[5:]
	default: // not a US ZIP: compare the postal code whole
		a.ZIP5 = strings.ToUpper(strings.Join(strings.Fields(z), ""))
	}
	a.note("zip5", a.ZIP5) // ZIP+4 is judged apart: see Compare
}

func stateCode(s string) string {
	u := strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(s, ".", "")), " "))
	if stateCodes[u] {
		return u
	}
	return states[u]
}

// Standard returns the USPS one-line form, "1200 N MAIN ST STE 300,
// SPRINGFIELD IL 62702".
func (a Address) Standard() string {
	street := strings.Join(nonEmpty(a.Number, a.PreDir, a.Street, a.Suffix, a.PostDir, a.UnitType, a.Unit), " ")
	if a.POBox != "" {
		street = strings.Join(nonEmpty(street, a.boxLabel()+" "+a.POBox), " ")
	}
	zip := a.ZIP5
	if a.ZIP4 != "" {
		zip += "-" + a.ZIP4
	}
	return strings.Join(nonEmpty(street, strings.Join(nonEmpty(a.City, a.State, zip), " ")), ", ")
}

func (a Address) boxLabel() string {
	if a.boxKind == "" {
		return "PO BOX"
	}
	return a.boxKind
}

func (a Address) String() string { return fmt.Sprintf("%q", a.Standard()) }

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
