package address

import "strings"

// parseStreet splits the street part ("1200 N Main Street Suite 300")
// into its components, from the outside in: house number first, unit
// last, then directionals and the suffix around the name.
func parseStreet(s string) Address {
	var a Address
	if m := poBoxRE.FindStringSubmatch(s); m != nil {
		a.POBox = strings.ToUpper(m[1])
		a.note("pobox", m[1])
		return a
	}
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	words = a.takeNumber(words)
	words = a.takeUnit(words)
	words = a.takeDirs(words)
	words = a.takeSuffix(words)
	a.Street = strings.ToUpper(strings.Join(cleaned(words), " "))
	a.note("street", strings.Join(words, " "))
	return a
}

func cleaned(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if c := clean(w); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func (a *Address) takeNumber(words []string) []string {
	if len(words) < 2 || !numberRE.MatchString(clean(words[0])) {
		return words
	}
	n, used := clean(words[0]), 1
	if len(words) > 2 && fractionR.MatchString(words[1]) {
		n, used = n+" "+words[1], 2
	}
	a.Number = n
	a.note("number", strings.Join(words[:used], " "))
	return words[used:]
}

// takeUnit finds a secondary unit designator ("STE 300", "#4",
// "Apt. 4B") and takes it with its number.
func (a *Address) takeUnit(words []string) []string {
	for i, w := range words {
		c := clean(w)
		if strings.HasPrefix(c, "#") && len(c) > 1 {
			a.UnitType, a.Unit = "#", strings.TrimPrefix(c, "#")
			a.note("unit_type", "#")
			a.note("unit", strings.TrimPrefix(strings.TrimSpace(w), "#"))
			return append(words[:i:i], words[i+1:]...)
		}
		std, ok := units[c]
		if !ok || i == 0 {
			continue
		}
		a.UnitType = std
		a.note("unit_type", w)
		if i+1 < len(words) {
			a.Unit = clean(words[i+1])
			a.note("unit", words[i+1])
			return append(words[:i:i], words[i+2:]...)
		}
		return words[:i]
	}
	return words
}

func (a *Address) takeDirs(words []string) []string {
	if len(words) > 1 {
		if d, ok := directions[clean(words[0])]; ok && !isSuffixOnly(words[1:]) {
			a.PreDir = d
			a.note("predir", words[0])
			words = words[1:]
		}
	}
	if n := len(words); n > 2 {
		if d, ok := directions[clean(words[n-1])]; ok {
			a.PostDir = d
			a.note("postdir", words[n-1])
			words = words[:n-1]
		}
	}
	return words
}

// isSuffixOnly: "NORTH ST" is a street named North, not a directional.
func isSuffixOnly(rest []string) bool {
	if len(rest) != 1 {
		return false
	}
	_, ok := suffixes[clean(rest[0])]
	return ok
}

func (a *Address) takeSuffix(words []string) []string {
	n := len(words)
	if n < 2 {
		return words
	}
	if std, ok := suffixes[clean(words[n-1])]; ok {
		a.Suffix = std
		a.note("suffix", words[n-1])
		return words[:n-1]
	}
	return words
}
