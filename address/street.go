package address

import (
	"strings"
)

var (
	numberRE   = compileOnce(`^(?:\d+-?[A-Z]?|\d+-\d+|[NSEW]\d+[NSEW]\d+)$`)
	fractionRE = compileOnce(`^\d+/\d+$`)
	ordinalRE  = compileOnce(`^(\d+)(?:ST|ND|RD|TH)$`)
)

// parseStreet places the street lines' words: a PO Box or PMB, the house
// number, the unit, the directionals and the suffix, from the outside in;
// what is left is the street name.
func (a *Address) parseStreet(toks []token) {
	toks = a.takeBox(streetLines(toks))
	toks = a.takeNumber(toks)
	toks = a.takeUnit(toks)
	toks = a.takeDirs(toks)
	toks = a.takeSuffix(toks)
	if len(toks) > 0 {
		a.Street = strings.Join(words(toks), " ")
		a.note("street", span(toks))
	}
}

// streetLines drops lines before the street line that hold no address (a
// name or "Attn:" line a bill prints above it) and moves unit lines
// ("Suite 300" written first) after it.
func streetLines(toks []token) []token {
	segs := segments(toks)
	first := -1
	for i, s := range segs {
		if w := words(s); len(w) > 0 && (isNumber(w[0]) || boxRE().MatchString(span(s))) {
			first = i
			break
		}
	}
	if first < 0 {
		return toks
	}
	out := append([]token(nil), segs[first]...)
	for i, s := range segs {
		if i < first && isUnitLine(words(s)) || i > first {
			out = append(out, s...)
		}
	}
	return out
}

func isUnitLine(w []string) bool {
	if len(w) == 0 {
		return false
	}
	_, ok := units[w[0]]
	return ok || strings.HasPrefix(w[0], "#")
}

func isNumber(w string) bool { return numberRE().MatchString(w) }

// takeNumber takes the house number, with a fraction ("1200 1/2"), or a
// number spelled out ("One Main Plaza" is 1 MAIN PLZ, as USPS files it).
func (a *Address) takeNumber(toks []token) []token {
	if len(toks) < 2 {
		return toks
	}
	w := clean(toks[0].text)
	if d, ok := spelledNumbers[w]; ok && len(toks) > 2 {
		a.Number = d
		a.note("number", toks[0].text)
		return toks[1:]
	}
	if !isNumber(w) {
		return toks
	}
	used := 1
	if len(toks) > 2 && fractionRE().MatchString(toks[1].text) {
		w, used = w+" "+toks[1].text, 2
	}
	a.Number = w
	a.note("number", span(toks[:used]))
	return toks[used:]
}

// takeUnit finds the secondary unit ("STE 300", "#4", "Apt. 4B", "3rd
// Floor"). A designator counts only after a street word and before an
// identifier, so "N Front St" keeps its name; the designators that take
// no identifier (REAR, LBBY) count only as the last word.
func (a *Address) takeUnit(toks []token) []token {
	for i := 1; i < len(toks); i++ {
		if n := a.unitAt(toks, i); n > 0 {
			return append(toks[:i:i], toks[i+n:]...)
		}
	}
	return toks
}

// unitAt takes the unit starting at toks[i] and says how many tokens it
// used (0: none there).
func (a *Address) unitAt(toks []token, i int) int {
	w := clean(toks[i].text)
	next := ""
	if i+1 < len(toks) {
		next = clean(toks[i+1].text)
	}
	switch {
	case w == "#" && isUnitID(next):
		return a.setUnit("#", toks[i].text, next, toks[i+1].text, 2)
	case strings.HasPrefix(w, "#") && isUnitID(w[1:]):
		return a.setUnit("#", "#", w[1:], toks[i].text[1:], 1)
	case ordinalRE().MatchString(w) && units[next] == "FL":
		return a.setUnit("FL", toks[i+1].text, ordinalRE().FindStringSubmatch(w)[1], toks[i].text, 2)
	}
	std, ok := units[w]
	switch {
	case !ok:
		return 0
	case next == "#" && i+2 < len(toks) && isUnitID(clean(toks[i+2].text)):
		return a.setUnit(std, toks[i].text, clean(toks[i+2].text), toks[i+2].text, 3)
	case isUnitID(next):
		return a.setUnit(std, toks[i].text, strings.TrimPrefix(next, "#"), strings.TrimPrefix(toks[i+1].text, "#"), 2)
	case noNumberUnits[std] && i == len(toks)-1:
		return a.setUnit(std, toks[i].text, "", "", 1)
	}
	return 0
}

func (a *Address) setUnit(std, writtenType, id, writtenID string, used int) int {
	a.UnitType, a.Unit = std, id
	a.note("unit_type", writtenType)
	if id != "" {
		a.note("unit", writtenID)
	}
	return used
}

// isUnitID: a unit identifier has a digit or is a single letter ("STE A").
func isUnitID(w string) bool {
	w = strings.TrimPrefix(w, "#")
	if w == "" || len(w) > 8 {
		return false
	}
	return strings.ContainsAny(w, "0123456789") || len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}

// takeDirs takes the directionals. A directional is the name itself when
// only a suffix follows it ("500 NORTH ST") or nothing else is left.
func (a *Address) takeDirs(toks []token) []token {
	if len(toks) > 1 {
		if d, ok := directions[clean(toks[0].text)]; ok && !isSuffixOnly(toks[1:]) {
			a.PreDir = d
			a.note("predir", toks[0].text)
			toks = toks[1:]
		}
	}
	if n := len(toks); n > 2 {
		if d, ok := directions[clean(toks[n-1].text)]; ok {
			a.PostDir = d
			a.note("postdir", toks[n-1].text)
			toks = toks[:n-1]
		}
	}
	return toks
}

func isSuffixOnly(rest []token) bool {
	if len(rest) != 1 {
		return false
	}
	_, ok := suffixes[clean(rest[0].text)]
	return ok
}

// takeSuffix takes the last word when it is a suffix and a name stays
// before it: with two suffix words ("PARK AVENUE") only the last is the
// suffix (Pub 28), and "AVENUE OF THE AMERICAS" has none.
func (a *Address) takeSuffix(toks []token) []token {
	n := len(toks)
	if n < 2 {
		return toks
	}
	if std, ok := suffixes[clean(toks[n-1].text)]; ok {
		a.Suffix = std
		a.note("suffix", toks[n-1].text)
		return toks[:n-1]
	}
	return toks
}

// cityCut finds where the city starts in a one-line address with no
// commas ("1200 N MAIN ST STE 300 SPRINGFIELD"): after the unit, else
// after the first abbreviated suffix (and a directional after it), else
// after the last suffix word. Spelled-out suffixes come last because city
// names hold them too (FORT WORTH, PARK CITY).
func cityCut(w []string) int {
	for i := 2; i+2 < len(w); i++ {
		if _, ok := units[w[i]]; ok && isUnitID(w[i+1]) {
			return i + 2
		}
	}
	for i := 2; i+1 < len(w); i++ {
		if abbreviatedSuffix[w[i]] {
			if _, ok := directions[w[i+1]]; ok && len(w[i+1]) <= 2 && i+2 < len(w) {
				return i + 2
			}
			return i + 1
		}
	}
	for i := len(w) - 2; i >= 1; i-- {
		if _, ok := suffixes[w[i]]; ok {
			return i + 1
		}
	}
	return -1
}
