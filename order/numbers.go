package order

import (
	"fmt"

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
	pn, err := phonenumbers.Parse(n.Number, o.Region())
	if err != nil {
		l.Problem = "it is not a telephone number"
		return l
	}
	l.E164 = phonenumbers.Format(pn, phonenumbers.E164)
	l.Region = phonenumbers.GetRegionCodeForNumber(pn)
	l.Valid = phonenumbers.IsValidNumber(pn)
	if !l.Valid {
		l.Problem = "it is not a valid number of any numbering plan"
		if r := phonenumbers.GetRegionCodeForCountryCode(int(pn.GetCountryCode())); r != "" && r != "ZZ" {
			l.Region = r
			l.Problem = fmt.Sprintf("it is not a valid number in %s", r)
		}
	}
	if !l.Declared && l.Valid {
		l.Type = planType(pn)
	}
	return l
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
