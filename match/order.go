package match

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/portcheck/portcheck/address"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// orderCheck is what every order rule may look at. lines are parsed once
// for all rules: parsing is the costly part, and every rule must see the
// same E.164 forms.
type orderCheck struct {
	o     *order.Order
	lines []order.Line
	p     *profile.Profile
	asOf  time.Time
}

// orderRule decides findings from the order and the profile alone.
type orderRule func(c orderCheck) []report.Finding

var orderRules = []orderRule{
	missingDocuments, poBox, nameLengths,
	mixedTypes, tooMany, duplicates, invalidNumbers, unsupported,
	btnPartialPort, wirelessPIN,
}

// OrderFindings returns every finding decidable from the order and the
// profile alone. asOf is "today"; only its calendar date counts.
func OrderFindings(o *order.Order, p *profile.Profile, asOf time.Time) []report.Finding {
	return append(undatedOrderFindings(o, p), requestedDateFindings(o, p, asOf)...)
}

// undatedOrderFindings are OrderFindings but the requested date's
// (Dated.Findings).
func undatedOrderFindings(o *order.Order, p *profile.Profile) []report.Finding {
	c := orderCheck{o: o, lines: o.Lines(), p: p}
	var out []report.Finding
	for _, rule := range orderRules {
		out = append(out, rule(c)...)
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

func numberField(i int) string { return fmt.Sprintf("numbers[%d]", i) }

// display names a line by its E.164 form when it has one, so messages
// show numbers the way the report does.
func display(l order.Line) string {
	if l.E164 != "" {
		return l.E164
	}
	return l.Raw
}

func missingDocuments(c orderCheck) []report.Finding {
	var out []report.Finding
	if c.p.Requires("bill") && !c.o.HasDocument(order.KindBill, order.KindCSR) {
		f := finding(report.BillMissing, "documents",
			fmt.Sprintf("The order has no bill or CSR; profile %s requires one as proof of the account.", c.p.Name),
			`Upload the current carrier's latest bill as a document of kind "bill" (or its Customer Service Record, kind "csr").`)
		f.Expected = "a document of kind bill or csr"
		out = append(out, f)
	}
	if c.p.Requires("loa") && !c.o.HasDocument(order.KindLOA) {
		f := finding(report.LOAMissing, "documents",
			fmt.Sprintf("The order has no Letter of Authorization; profile %s requires one.", c.p.Name),
			`Have the account's authorized person sign an LOA listing every number, and upload it as a document of kind "loa".`)
		f.Expected = "a document of kind loa"
		out = append(out, f)
	}
	if c.p.Requires("id") && !c.o.HasDocument(order.KindID) {
		f := finding(report.IDMissing, "documents",
			fmt.Sprintf("The order has no government ID; profile %s requires one.", c.p.Name),
			`Upload a government ID of the person who signs the LOA as a document of kind "id".`)
		f.Expected = "a document of kind id"
		out = append(out, f)
	}
	return out
}

// poBox: carriers refuse a box as a service address; the port needs the
// place where the lines are installed, as the carrier's CSR holds it.
func poBox(c orderCheck) []report.Finding {
	if c.p.AllowPOBox {
		return nil
	}
	var out []report.Finding
	for _, l := range []struct{ field, text string }{
		{"service_address.line1", c.o.ServiceAddress.Line1},
		{"service_address.line2", c.o.ServiceAddress.Line2},
	} {
		if !address.IsPOBox(l.text) {
			continue
		}
		f := finding(report.POBoxServiceAddress, l.field,
			fmt.Sprintf("%s %q is a PO Box, private mailbox or lock box; profile %s needs the street address where the lines are installed.", l.field, l.text, c.p.Name),
			fmt.Sprintf("Replace %q in %s with the street address where the lines are installed, as the current carrier's records show it.", l.text, l.field))
		f.Found, f.Expected = l.text, "a street address"
		out = append(out, f)
	}
	return out
}

// nameLengths: carriers cut long names at their field width, and a cut
// name no longer matches the losing carrier's record.
func nameLengths(c orderCheck) []report.Finding {
	var out []report.Finding
	for _, n := range []struct {
		code         report.Code
		field, value string
		limit        int
	}{
		{report.AccountNameTooLong, "account_name", c.o.AccountName, c.p.MaxAccountNameLength},
		{report.SignerNameTooLong, "authorized_name", c.o.AuthorizedName, c.p.MaxSignerNameLength},
	} {
		if f, ok := nameTooLong(n.code, n.field, n.value, n.limit, c.p.Name); ok {
			out = append(out, f)
		}
	}
	return out
}

func nameTooLong(code report.Code, field, value string, limit int, profileName string) (report.Finding, bool) {
	n := utf8.RuneCountInString(value)
	if limit <= 0 || n <= limit {
		return report.Finding{}, false
	}
	cut := string([]rune(value)[:limit])
	f := finding(code, field,
		fmt.Sprintf("%s %q is %d characters; profile %s allows at most %d.", field, value, n, profileName, limit),
		fmt.Sprintf("Shorten %s to at most %d characters, abbreviated as the current carrier's records show it; left as it is, the carrier truncates it to %q.", field, limit, cut))
	f.Found, f.Expected = value, fmt.Sprintf("at most %d characters", limit)
	return f, true
}
