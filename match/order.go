package match

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/portcheck/portcheck/address"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// orderRule decides findings from the order and the profile alone.
type orderRule func(o *order.Order, lines []order.Line, p *profile.Profile, asOf time.Time) []report.Finding

var orderRules = []orderRule{
	missingDocuments, poBox, nameLengths, mixedTypes, tooMany, duplicates,
	invalidNumbers, unsupported, btnPartialPort, wirelessPIN, requestedDate,
}

// OrderFindings returns every finding decidable from the order and the
// profile alone. asOf is today's date.
func OrderFindings(o *order.Order, p *profile.Profile, asOf time.Time) []report.Finding {
	lines := o.Lines()
	var out []report.Finding
	for _, rule := range orderRules {
		out = append(out, rule(o, lines, p, asOf)...)
	}
	for i := range out {
		out[i].Severity = p.Severity(out[i].Code, out[i].Severity)
	}
	return out
}

func finding(code report.Code, field, msg, fix string) report.Finding {
	f := report.New(code, msg)
	f.Field, f.Fix = field, fix
	return f
}

func missingDocuments(o *order.Order, _ []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	var out []report.Finding
	if p.Requires("bill") && !o.HasDocument(order.KindBill, order.KindCSR) {
		out = append(out, finding(report.BillMissing, "documents", "The order has no bill or CSR, and profile "+p.Name+" requires one.",
			"Upload the current carrier's latest bill (or its Customer Service Record) as a document of kind \"bill\" or \"csr\"."))
	}
	if p.Requires("loa") && !o.HasDocument(order.KindLOA) {
		out = append(out, finding(report.LOAMissing, "documents", "The order has no Letter of Authorization, and profile "+p.Name+" requires one.",
			"Have the account's authorized person sign an LOA and upload it as a document of kind \"loa\"."))
	}
	if p.Requires("id") && !o.HasDocument(order.KindID) {
		out = append(out, finding(report.IDMissing, "documents", "The order has no government ID, and profile "+p.Name+" requires one.",
			"Upload a government ID of the authorized person as a document of kind \"id\"."))
	}
	return out
}

func poBox(o *order.Order, _ []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	if p.AllowPOBox {
		return nil
	}
	for _, l := range []struct{ field, text string }{{"service_address.line1", o.ServiceAddress.Line1}, {"service_address.line2", o.ServiceAddress.Line2}} {
		if address.IsPOBox(l.text) {
			f := finding(report.POBoxServiceAddress, l.field, fmt.Sprintf("The service address %q is a PO Box; carriers need the street address where the lines are installed.", l.text),
				"Enter the physical street address where the service is installed, as the current carrier's records show it.")
			f.Found = l.text
			return []report.Finding{f}
		}
	}
	return nil
}

func nameLengths(o *order.Order, _ []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	var out []report.Finding
	for _, c := range []struct {
		code         report.Code
		field, value string
		limit        int
	}{
		{report.AccountNameTooLong, "account_name", o.AccountName, p.MaxAccountNameLength},
		{report.SignerNameTooLong, "authorized_name", o.AuthorizedName, p.MaxSignerNameLength},
	} {
		n := utf8.RuneCountInString(c.value)
		if c.limit == 0 || n <= c.limit {
			continue
		}
		cut := string([]rune(c.value)[:c.limit])
		f := finding(c.code, c.field, fmt.Sprintf("%s is %d characters; profile %s allows %d, and the carrier truncates it to %q.", c.field, n, p.Name, c.limit, cut),
			fmt.Sprintf("Check with the current carrier how its records abbreviate the name, and enter that (at most %d characters).", c.limit))
		f.Found, f.Expected = c.value, fmt.Sprintf("at most %d characters", c.limit)
		out = append(out, f)
	}
	return out
}

func mixedTypes(_ *order.Order, lines []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	if p.AllowMixedTollFree {
		return nil
	}
	var tf []string
	local := 0
	for _, l := range lines {
		if l.IsTollFree() {
			tf = append(tf, display(l))
		} else {
			local++
		}
	}
	if len(tf) == 0 || local == 0 {
		return nil
	}
	f := finding(report.MixedNumberTypes, "numbers", fmt.Sprintf("The order mixes toll-free numbers (%s) with local numbers; toll-free numbers port through the RespOrg system, never with local ones.", strings.Join(tf, ", ")),
		"Split the order: one order for the toll-free numbers, one for the local numbers.")
	f.Found = strings.Join(tf, ", ")
	return []report.Finding{f}
}

func tooMany(o *order.Order, _ []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	if p.MaxNumbers == 0 || len(o.Numbers) <= p.MaxNumbers {
		return nil
	}
	f := finding(report.TooManyNumbers, "numbers", fmt.Sprintf("The order has %d numbers; profile %s allows at most %d in one order.", len(o.Numbers), p.Name, p.MaxNumbers),
		fmt.Sprintf("Split the order into orders of at most %d numbers each.", p.MaxNumbers))
	f.Found, f.Expected = fmt.Sprint(len(o.Numbers)), fmt.Sprintf("at most %d", p.MaxNumbers)
	return []report.Finding{f}
}

func duplicates(_ *order.Order, lines []order.Line, _ *profile.Profile, _ time.Time) []report.Finding {
	first := map[string]int{}
	var out []report.Finding
	for _, l := range lines {
		if l.E164 == "" {
			continue
		}
		if i, seen := first[l.E164]; seen {
			f := finding(report.DuplicateNumber, fmt.Sprintf("numbers[%d]", l.Index), fmt.Sprintf("%s appears twice: numbers[%d] and numbers[%d].", l.E164, i, l.Index),
				fmt.Sprintf("Remove %s from numbers[%d]; it is already numbers[%d].", l.E164, l.Index, i))
			f.Found = l.Raw
			out = append(out, f)
			continue
		}
		first[l.E164] = l.Index
	}
	return out
}

func invalidNumbers(_ *order.Order, lines []order.Line, _ *profile.Profile, _ time.Time) []report.Finding {
	var out []report.Finding
	for _, l := range lines {
		if l.Valid {
			continue
		}
		f := finding(report.InvalidNumber, fmt.Sprintf("numbers[%d]", l.Index), fmt.Sprintf("%q is not a valid telephone number: %s.", l.Raw, l.Problem),
			"Correct the number (with its country code if it is not in the service address's country) or remove it.")
		f.Found = l.Raw
		out = append(out, f)
	}
	return out
}

func unsupported(_ *order.Order, lines []order.Line, p *profile.Profile, _ time.Time) []report.Finding {
	var out []report.Finding
	for _, l := range lines {
		field := fmt.Sprintf("numbers[%d]", l.Index)
		switch {
		case !l.Valid:
		case !p.Serves(l.Region):
			f := finding(report.CountryNotSupported, field, fmt.Sprintf("%s is a number of %s; profile %s serves %s.", l.E164, l.Region, p.Name, strings.Join(p.Countries, ", ")),
				"Port this number through a provider that serves "+l.Region+", in an order of its own.")
			f.Found, f.Expected = l.Region, strings.Join(p.Countries, ", ")
			out = append(out, f)
		case !p.Ports(string(l.Type)):
			f := finding(report.NumberTypeNotSupported, field, fmt.Sprintf("%s is a %s number; profile %s ports only %s numbers.", l.E164, l.Type, p.Name, strings.Join(p.NumberTypes, " and ")),
				"Remove "+l.E164+" from this order and port it through a provider that ports "+string(l.Type)+" numbers.")
			f.Found, f.Expected = string(l.Type), strings.Join(p.NumberTypes, ", ")
			out = append(out, f)
		}
	}
	return out
}

func display(l order.Line) string {
	if l.E164 != "" {
		return l.E164
	}
	return l.Raw
}
