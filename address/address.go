package address

import (
	"fmt"
	"regexp"
	"strings"
)

// Address is a parsed address: standardised components, and each one
// as it was written (for telling case and punctuation apart).
type Address struct {
	Number, PreDir, Street, Suffix, PostDir string
	UnitType, Unit                          string
	City, State, ZIP5, ZIP4                 string
	POBox                                   string
	Raw                                     string
	written                                 map[string]string
}

var (
	poBoxRE   = regexp.MustCompile(`(?i)^\s*(?:p\.?\s?o\.?\s*box|post\s+office\s+box|pob|p\.?o\.?b\.?|box|pmb|lock\s*box|lockbox|private\s+mailbox)\s*#?\s*([0-9][A-Za-z0-9-]*)\s*$`)
	poBoxAny  = regexp.MustCompile(`(?i)(?:^|[\s,])(?:p\.?\s?o\.?\s*box|post\s+office\s+box|p\.?o\.?b\.?|pmb|lock\s*box|lockbox|private\s+mailbox)\s*#?\s*\d`)
	tailRE    = regexp.MustCompile(`(?i)^(.*?)[\s,]+([A-Za-z][A-Za-z .]*?)\.?,?\s+(\d{5})(?:-?(\d{4}))?\s*$`)
	numberRE  = regexp.MustCompile(`^(?:\d+[A-Z]?|\d+-\d+|[NSEW]\d+[NSEW]\d+)$`)
	fractionR = regexp.MustCompile(`^\d+/\d+$`)
)

// IsPOBox reports whether a street line is a PO Box, a private mailbox
// or a lock box (DOMAIN.md), which carriers refuse as service addresses.
func IsPOBox(line string) bool {
	return poBoxRE.MatchString(line) || poBoxAny.MatchString(" "+line)
}

// FromParts builds an address from the order's separate fields.
func FromParts(line1, line2, city, state, postal string) Address {
	a := parseStreet(strings.TrimSpace(line1 + " " + line2))
	a.setCity(city)
	a.setState(state)
	a.setZIP(postal)
	a.Raw = strings.Join(nonEmpty(line1, line2, city, state, postal), ", ")
	return a
}

// Parse parses a free-text address: one line, or lines joined by commas
// or newlines ("1200 N MAIN ST STE 300, SPRINGFIELD IL 62702").
func Parse(text string) Address {
	t := strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", ", ")), " ")
	m := tailRE.FindStringSubmatch(t)
	if m == nil {
		a := parseStreet(t)
		a.Raw = text
		return a
	}
	rest, state := m[1], m[2]
	if code := stateCode(state); code == "" { // "Springfield Illinois": find the state in the words
		rest, state = splitState(m[1] + " " + m[2])
	}
	street, city := splitCity(rest)
	a := parseStreet(street)
	a.setCity(city)
	a.setState(state)
	a.setZIP(m[3] + dashed(m[4]))
	a.Raw = text
	return a
}

func dashed(zip4 string) string {
	if zip4 == "" {
		return ""
	}
	return "-" + zip4
}

// splitState finds a multi-word state name at the end of s.
func splitState(s string) (rest, state string) {
	words := strings.Fields(s)
	for n := 3; n >= 1; n-- {
		if len(words) > n {
			cand := strings.Join(words[len(words)-n:], " ")
			if stateCode(cand) != "" {
				return strings.Join(words[:len(words)-n], " "), cand
			}
		}
	}
	return s, ""
}

// splitCity separates the street part from the city: after the last
// comma when there is one, else after the last unit number or suffix.
func splitCity(s string) (street, city string) {
	s = strings.TrimRight(s, " ,")
	if i := strings.LastIndex(s, ","); i >= 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	}
	words := strings.Fields(s)
	cut := -1
	for i, w := range words {
		u := clean(w)
		if _, ok := suffixes[u]; ok && i > 0 {
			cut = i
		}
		if _, ok := units[u]; ok && i+1 < len(words) {
			cut = i + 1
		}
	}
	if cut < 0 || cut+1 >= len(words) {
		return s, ""
	}
	return strings.Join(words[:cut+1], " "), strings.Join(words[cut+1:], " ")
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

func clean(w string) string {
	return strings.ToUpper(strings.Trim(w, ".,;:"))
}

func stateCode(s string) string {
	u := strings.ToUpper(strings.TrimSpace(strings.Trim(s, ".,")))
	u = strings.ReplaceAll(u, ".", "")
	if stateCodes[u] {
		return u
	}
	return states[u]
}

func (a *Address) note(component, written string) {
	if a.written == nil {
		a.written = map[string]string{}
	}
	a.written[component] = strings.TrimSpace(written)
}

func (a *Address) setCity(c string) {
	a.City = strings.ToUpper(strings.Join(strings.Fields(strings.Trim(c, " ,")), " "))
	a.note("city", c)
}

func (a *Address) setState(s string) {
	a.State = stateCode(s)
	if a.State == "" {
		a.State = strings.ToUpper(strings.TrimSpace(s))
	}
	a.note("state", s)
}

func (a *Address) setZIP(z string) {
	z = strings.TrimSpace(z)
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, z)
	switch len(digits) {
	case 5:
		a.ZIP5 = digits
	case 9:
		a.ZIP5, a.ZIP4 = digits[:5], digits[5:]
	default: // not a US ZIP: compare the postal code whole
		a.ZIP5 = strings.ToUpper(strings.Join(strings.Fields(z), ""))
	}
	a.note("zip5", a.ZIP5) // ZIP+4 is judged on its own, below
}

// Standard returns the one-line USPS form.
func (a Address) Standard() string {
	street := strings.Join(nonEmpty(a.Number, a.PreDir, a.Street, a.Suffix, a.PostDir, a.UnitType, a.Unit), " ")
	if a.POBox != "" {
		street = "PO BOX " + a.POBox
	}
	zip := a.ZIP5
	if a.ZIP4 != "" {
		zip += "-" + a.ZIP4
	}
	last := strings.Join(nonEmpty(a.City, a.State, zip), " ")
	if a.City != "" {
		last = strings.Join(nonEmpty(a.City, strings.Join(nonEmpty(a.State, zip), " ")), " ")
	}
	return strings.Join(nonEmpty(street, last), ", ")
}

func (a Address) String() string { return fmt.Sprintf("%q", a.Standard()) }
