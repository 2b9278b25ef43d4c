package order

import (
	"fmt"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// Line is one number of the order after parsing. A number that does not
// parse or is not valid keeps Raw and a reason in Problem; it is still a
// Line, because an invalid number is a finding, not a malformed order.
type Line struct {
	Index    int    // position in Order.Numbers
	Raw      string // as the order wrote it
	E164     string // empty when it did not parse
	Region   string // ISO 3166 region the number belongs to
	Type     NumberType
	Declared bool   // Type came from the order, not from the numbering plan
	Valid    bool   // a valid number of its region
	Problem  string // why it is not valid
	HasPIN   bool   // its own PIN or the order's
}

// ParseNumber parses s in any common notation, with region as the default
// for numbers without a country code.
func ParseNumber(s, region string) (*phonenumbers.PhoneNumber, error) {
	n, err := phonenumbers.Parse(s, region)
	if err != nil {
		return nil, fmt.Errorf("parse number %q: %w", s, err)
	}
	return n, nil
}

// E164 returns s in E.164, or "" when it does not parse as a valid number.
func E164(s, region string) string {
	n, err := phonenumbers.Parse(s, region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return ""
	}
	return phonenumbers.Format(n, phonenumbers.E164)
}

// Lines parses every number of the order.
func (o *Order) Lines() []Line {
	lines := make([]Line, len(o.Numbers))
	for i, n := range o.Numbers {
		lines[i] = o.line(i, n)
	}
	return lines
}

func (o *Order) line(i int, n Number) Line {
	l := Line{Index: i, Raw: n.Number, Type: n.Type, Declared: n.Type != TypeUnknown, HasPIN: n.PIN.IsSet() || o.PIN.IsSet()}
	pl := parseLine(n.Number, o.Region())
	l.E164, l.Region, l.Valid, l.Problem = pl.e164, pl.region, pl.valid, pl.problem
	if !l.Declared && l.Valid {
		l.Type = pl.plan
	}
	return l
}

// parsedLine is what the numbering plan says of one number.
type parsedLine struct {
	e164, region, problem string
	valid                 bool
	plan                  NumberType
}

// parsed keeps parseLine's answers: a check asks for an order's lines a
// dozen times, and parsing is most of a re-check from cached fields.
// It is emptied when full; the answers never change.
var parsed struct {
	sync.Mutex
	m map[[2]string]parsedLine
}

const maxParsed = 1 << 16

func parseLine(number, region string) parsedLine {
	k := [2]string{number, region}
	parsed.Lock()
	pl, ok := parsed.m[k]
	parsed.Unlock()
	if ok {
		return pl
	}
	pl = parsePlan(number, region)
	parsed.Lock()
	if parsed.m == nil || len(parsed.m) >= maxParsed {
		parsed.m = map[[2]string]parsedLine{}
	}
	parsed.m[k] = pl
	parsed.Unlock()
	return pl
}

func parsePlan(number, region string) parsedLine {
	pn, err := phonenumbers.Parse(number, region)
	if err != nil {
		return parsedLine{problem: "it is not a telephone number"}
	}
	pl := parsedLine{e164: phonenumbers.Format(pn, phonenumbers.E164), region: phonenumbers.GetRegionCodeForNumber(pn), valid: phonenumbers.IsValidNumber(pn)}
	if !pl.valid {
		pl.problem = "it is not a valid number of any numbering plan"
		if r := phonenumbers.GetRegionCodeForCountryCode(int(pn.GetCountryCode())); r != "" && r != "ZZ" {
			pl.region = r
			pl.problem = fmt.Sprintf("it is not a valid number in %s", r)
		}
		return pl
	}
	pl.plan = planType(pn)
	return pl
}

// planType infers a type only where the plan is unambiguous: NANP does
// not distinguish fixed from mobile, so most US numbers stay unknown.
func planType(pn *phonenumbers.PhoneNumber) NumberType {
	switch phonenumbers.GetNumberType(pn) {
	case phonenumbers.TOLL_FREE:
		return TypeTollFree
	case phonenumbers.MOBILE:
		return TypeWireless
	case phonenumbers.FIXED_LINE:
		return TypeLandline
	case phonenumbers.VOIP:
		return TypeVoIP
	}
	return TypeUnknown
}

// IsTollFree reports whether l is toll-free, by declaration or by plan.
func (l Line) IsTollFree() bool { return l.Type == TypeTollFree }
