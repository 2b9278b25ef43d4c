package match

import (
	"fmt"
	"strings"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// mixedTypes: toll-free numbers port through the RespOrg system (Somos),
// local ones through NPAC, so no carrier takes both in one order. A line
// that does not parse at all says nothing about its kind and is left to
// INVALID_NUMBER.
func mixedTypes(c orderCheck) []report.Finding {
	if c.p.AllowMixedTollFree {
		return nil
	}
	var tollFree []string
	local := 0
	for _, l := range c.lines {
		switch {
		case l.IsTollFree():
			tollFree = append(tollFree, display(l))
		case l.E164 != "":
			local++
		}
	}
	if len(tollFree) == 0 || local == 0 {
		return nil
	}
	list := strings.Join(tollFree, ", ")
	f := finding(report.MixedNumberTypes, "numbers",
		fmt.Sprintf("The order mixes %d toll-free number(s) (%s) with %d local number(s); toll-free numbers port through the RespOrg system, never in the same order as local numbers.", len(tollFree), list, local),
		fmt.Sprintf("Split the order in two: move %s to an order of their own and keep the local numbers in this one.", list))
	f.Found, f.Expected = list, "only local or only toll-free numbers"
	return []report.Finding{f}
}

func tooMany(c orderCheck) []report.Finding {
	n, limit := len(c.o.Numbers), c.p.MaxNumbers
	if limit <= 0 || n <= limit {
		return nil
	}
	parts := (n + limit - 1) / limit
	f := finding(report.TooManyNumbers, "numbers",
		fmt.Sprintf("The order has %d numbers; profile %s allows at most %d in one order.", n, c.p.Name, limit),
		fmt.Sprintf("Split the order into %d orders of at most %d numbers each.", parts, limit))
	f.Found, f.Expected = fmt.Sprint(n), fmt.Sprintf("at most %d", limit)
	return []report.Finding{f}
}

// duplicates compares E.164 forms, so "(217) 555-0100" repeats
// "+1 217 555 0100". The first occurrence stays; each later one is a
// finding of its own, since each must be removed.
func duplicates(c orderCheck) []report.Finding {
	first := map[string]int{}
	var out []report.Finding
	for _, l := range c.lines {
		if l.E164 == "" {
			continue
		}
		i, seen := first[l.E164]
		if !seen {
			first[l.E164] = l.Index
			continue
		}
		f := finding(report.DuplicateNumber, numberField(l.Index),
			fmt.Sprintf("%s is in the order twice: numbers[%d] (%q) and numbers[%d] (%q).", l.E164, i, c.lines[i].Raw, l.Index, l.Raw),
			fmt.Sprintf("Remove %s from numbers[%d]; it is already numbers[%d].", l.E164, l.Index, i))
		f.Found = l.Raw
		out = append(out, f)
	}
	return out
}

func invalidNumbers(c orderCheck) []report.Finding {
	var out []report.Finding
	for _, l := range c.lines {
		if l.Valid {
			continue
		}
		field := numberField(l.Index)
		f := finding(report.InvalidNumber, field,
			fmt.Sprintf("%s %q is not a valid telephone number: %s.", field, l.Raw, l.Problem),
			fmt.Sprintf("Correct %s (%q) to the full number with its area code, and its country code if it is not a %s number, or remove it.", field, l.Raw, c.o.Region()))
		f.Found = l.Raw
		out = append(out, f)
	}
	return out
}

// unsupported: a number outside the profile's countries or types cannot
// be ported by that provider at all; the country is said first, because
// a number of the wrong country is out whatever its type.
func unsupported(c orderCheck) []report.Finding {
	var out []report.Finding
	for _, l := range c.lines {
		switch {
		case !l.Valid:
		case !c.p.Serves(l.Region):
			out = append(out, countryNotSupported(c, l))
		case !c.p.Ports(string(l.Type)):
			out = append(out, typeNotSupported(c, l))
		}
	}
	return out
}

func countryNotSupported(c orderCheck, l order.Line) report.Finding {
	served := strings.Join(c.p.Countries, ", ")
	f := finding(report.CountryNotSupported, numberField(l.Index),
		fmt.Sprintf("%s (numbers[%d]) is a number of %s; profile %s ports numbers of %s only.", l.E164, l.Index, l.Region, c.p.Name, served),
		fmt.Sprintf("Remove %s from this order and port it with a provider that serves %s.", l.E164, l.Region))
	f.Found, f.Expected = l.Region, served
	return f
}

func typeNotSupported(c orderCheck, l order.Line) report.Finding {
	how := "declared"
	if !l.Declared {
		how = "by its numbering plan"
	}
	var names []string
	for _, t := range c.p.NumberTypes {
		names = append(names, typeName(order.NumberType(t)))
	}
	allowed := strings.Join(c.p.NumberTypes, ", ")
	f := finding(report.NumberTypeNotSupported, numberField(l.Index),
		fmt.Sprintf("%s (numbers[%d]) is a %s number (%s); profile %s ports only %s numbers.", l.E164, l.Index, typeName(l.Type), how, c.p.Name, strings.Join(names, " and ")),
		fmt.Sprintf("Remove %s from this order and port it with a provider that ports %s numbers.", l.E164, typeName(l.Type)))
	f.Found, f.Expected = string(l.Type), allowed
	return f
}

// typeName is a type as a reviewer writes it.
func typeName(t order.NumberType) string {
	switch t {
	case order.TypeTollFree:
		return "toll-free"
	case order.TypeVoIP:
		return "VoIP"
	}
	return string(t)
}
