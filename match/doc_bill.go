package match

import (
	"fmt"
	"strings"
	"time"

	"github.com/portcheck/portcheck/address"
	"github.com/portcheck/portcheck/compare"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// billFindings compares a bill or CSR with the order.
func billFindings(o *order.Order, p *profile.Profile, asOf time.Time, r Read) []report.Finding {
	b := r.Bill
	var out []report.Finding
	out = append(out, nameCheck(o, b.AccountName).run(r, p)...)
	out = append(out, accountCheck(o, b.AccountNumber).run(r, p)...)
	out = append(out, addressFindings(o, p, r, b.ServiceAddress, b.MailingAddress)...)
	out = append(out, btnFindings(o, r, b)...)
	out = append(out, numbersOnDocument(o, r, report.NumberNotOnBill, b.Numbers, b.BTN)...)
	out = append(out, partialPortFindings(o, r, b)...)
	out = append(out, carrierFindings(o, r, b.Carrier, b.CarrierBrand)...)
	out = append(out, billDateFindings(p, asOf, r, b)...)
	out = append(out, lineFindings(r, report.SpecialServiceOnAccount, b.Services,
		"The %s shows a service that can block or strand the port: %q.",
		"Ask the customer whether this service moves too or must be cancelled or moved first; a carrier may reject or strand it.")...)
	out = append(out, lineFindings(r, report.AccountAtRisk, b.Notices,
		"The %s says the account is at risk: %q.",
		"Have the customer settle the account first: a carrier may reject or delay ports from accounts past due or being disconnected.")...)
	return out
}

func nameCheck(o *order.Order, read fields.Value) valueCheck {
	return valueCheck{code: report.NameMismatch, field: "account_name", what: "account name", expected: o.AccountName,
		read: read, classify: compare.Classify, lenient: compare.Case}
}

func accountCheck(o *order.Order, read fields.Value) valueCheck {
	return valueCheck{code: report.AccountNumberMismatch, field: "account_number", what: "account number", expected: o.AccountNumber,
		read: read, classify: compare.ClassifyAccountNumber, lenient: "-"}
}

// addressFindings compares the service address component by component
// after USPS standardisation. A bill that shows only a mailing address
// cannot confirm the service address the carrier holds.
func addressFindings(o *order.Order, p *profile.Profile, r Read, service, mailing fields.Value) []report.Finding {
	sa := o.ServiceAddress
	if sa.Line1 == "" || r.Text == nil {
		return nil
	}
	if !service.Found() {
		return []report.Finding{addressUnconfirmed(r, mailing)}
	}
	want := address.FromParts(sa.Line1, sa.Line2, sa.City, sa.State, sa.PostalCode)
	class, diffs := address.Compare(want, address.Parse(service.Text))
	if class == compare.Exact {
		return nil
	}
	f := report.New(report.AddressMismatch, fmt.Sprintf("The service address on the %s differs from the order%s (%s).", r.kind(), inClass(class), componentList(diffs)))
	f.Field, f.Document, f.Path = "service_address", string(r.Doc.Kind), r.Doc.Path
	f.Expected, f.Found, f.Difference = want.Standard(), service.Text, report.Difference(class)
	f.Evidence = evidence(service)
	if class == compare.Abbreviation {
		f.Severity = report.Warn
	}
	f.Severity = p.MatchSeverity(f.Difference, f.Severity)
	if scanned(r, service) && compare.OCRConfusable(want.Standard(), address.Parse(service.Text).Standard()) {
		ocrUnsure(&f, r, misreading)
	}
	for _, d := range diffs {
		if d.Component == "zip5" && d.Class == compare.Different {
			f.CarrierCodes["telnyx"] = "POSTAL_CODE_MISMATCH"
		}
	}
	f.Fix = fmt.Sprintf("Enter the service address exactly as printed on the %s: %s", r.kind(), service.Text)
	return []report.Finding{f}
}

func componentList(diffs []address.ComponentDiff) string {
	var parts []string
	for _, d := range diffs {
		parts = append(parts, fmt.Sprintf("%s %q vs %q", d.Component, d.Expected, d.Found))
	}
	return strings.Join(parts, "; ")
}

func addressUnconfirmed(r Read, mailing fields.Value) report.Finding {
	msg := fmt.Sprintf("The %s shows no service address", r.kind())
	if mailing.Found() {
		msg += ", only a billing or mailing address"
	}
	f := report.New(report.ServiceAddressUnconfirmed, msg+"; the carrier checks the service address on its CSR, which this document cannot confirm.")
	f.Field, f.Document, f.Path = "service_address", string(r.Doc.Kind), r.Doc.Path
	f.Found = mailing.Text
	f.Evidence = evidence(mailing)
	f.Fix = "Ask the current carrier for the Customer Service Record (CSR) and copy the service address from it."
	return f
}

func btnFindings(o *order.Order, r Read, b *fields.Bill) []report.Finding {
	want := order.E164(o.BTN, o.Region())
	if want == "" || !b.BTN.Found() || b.BTN.Text == want {
		return nil
	}
	f := report.New(report.BTNMismatch, fmt.Sprintf("The billing telephone number on the %s is %s, not the order's %s.", r.kind(), b.BTN.Text, want))
	f.Field, f.Document, f.Path = "btn", string(r.Doc.Kind), r.Doc.Path
	f.Expected, f.Found, f.Difference = want, b.BTN.Text, report.DiffDifferent
	f.Evidence = evidence(b.BTN)
	f.Fix = "Enter the BTN as printed on the " + r.kind() + ": " + b.BTN.Text
	return []report.Finding{f}
}

// numbersOnDocument: every number of the order must be on the document,
// among its own lines, as its BTN, or anywhere in its text.
func numbersOnDocument(o *order.Order, r Read, code report.Code, listed []fields.Value, extra ...fields.Value) []report.Finding {
	if r.Text == nil {
		return nil
	}
	have := map[string]bool{}
	for _, v := range append(listed, extra...) {
		have[v.Text] = true
	}
	var out []report.Finding
	for _, l := range o.Lines() {
		if l.E164 == "" || have[l.E164] || digitsAppear(r, l.E164, false) {
			continue
		}
		f := report.New(code, fmt.Sprintf("%s (numbers[%d]) is not on the %s.", l.E164, l.Index, r.kind()))
		f.Field, f.Document, f.Path = fmt.Sprintf("numbers[%d]", l.Index), string(r.Doc.Kind), r.Doc.Path
		f.Expected, f.Difference = l.E164, report.DiffMissing
		f.Fix = fmt.Sprintf("Check %s: remove it from this order, or upload the %s of the account it is on.", l.E164, r.kind())
		if digitsAppear(r, l.E164, true) {
			ocrUnsure(&f, r, misreading)
		}
		out = append(out, f)
	}
	return out
}

// partialPortFindings: a full port must take every line the account has.
func partialPortFindings(o *order.Order, r Read, b *fields.Bill) []report.Finding {
	if !o.IsFullPort() {
		return nil
	}
	ported := map[string]bool{}
	for _, l := range o.Lines() {
		ported[l.E164] = true
	}
	var extra []string
	var first fields.Value
	for _, n := range b.Numbers {
		if !ported[n.Text] {
			if len(extra) == 0 {
				first = n
			}
			extra = append(extra, n.Text)
		}
	}
	if len(extra) == 0 {
		return nil
	}
	f := report.New(report.PartialPortUndeclared, fmt.Sprintf("The %s lists numbers on the account that the order does not port (%s), yet full_port is true.", r.kind(), strings.Join(extra, ", ")))
	f.Field, f.Document, f.Path = "full_port", string(r.Doc.Kind), r.Doc.Path
	f.Found = strings.Join(extra, ", ")
	f.Evidence = evidence(first)
	f.Fix = "Add " + strings.Join(extra, ", ") + " to the order, or set full_port to false (and, if the BTN moves, name a new_btn that stays)."
	return []report.Finding{f}
}

func carrierFindings(o *order.Order, r Read, printed fields.Value, brand string) []report.Finding {
	if o.CurrentCarrier == "" || brand == "" || strings.EqualFold(brand, fields.CarrierBrand(o.CurrentCarrier)) {
		return nil
	}
	f := report.New(report.CarrierMismatch, fmt.Sprintf("The %s is from %s, not %s as the order says.", r.kind(), printed.Text, o.CurrentCarrier))
	f.Field, f.Document, f.Path = "current_carrier", string(r.Doc.Kind), r.Doc.Path
	f.Expected, f.Found, f.Difference = o.CurrentCarrier, printed.Text, report.DiffDifferent
	f.Evidence = evidence(printed)
	f.Fix = fmt.Sprintf("Set current_carrier to %s, or upload a bill from %s. (A reseller's bill names the reseller.)", brand, o.CurrentCarrier)
	return []report.Finding{f}
}

func billDateFindings(p *profile.Profile, asOf time.Time, r Read, b *fields.Bill) []report.Finding {
	if r.Text == nil {
		return nil
	}
	if !b.BillDate.Found() || b.BillDate.Confidence < fields.MinConfidence {
		// a date read but contradicted (two statement dates) is no
		// more use for the bill's age than none
		msg := fmt.Sprintf("No bill or statement date could be read from the %s.", r.kind())
		if b.BillDate.Found() {
			msg = fmt.Sprintf("The %s shows statement dates that disagree, so its date could not be read with confidence.", r.kind())
		}
		f := report.New(report.BillDateMissing, msg)
		f.Field, f.Document, f.Path = "bill_date", string(r.Doc.Kind), r.Doc.Path
		f.Difference = report.DiffMissing
		f.Fix = "Upload a bill that shows its statement date; carriers refuse bills whose age they cannot see."
		return []report.Finding{f}
	}
	return ageFindings(ageRule{code: report.BillTooOld, aging: report.BillAging, what: "bill", max: p.BillMaxAgeDays, margin: p.AgingMargin()}, asOf, r, b.BillDate, b.Date)
}

// lineFindings reports each matching line once.
func lineFindings(r Read, code report.Code, lines []fields.Value, msg, fix string) []report.Finding {
	var out []report.Finding
	seen := map[string]bool{}
	for _, v := range lines {
		if seen[v.Text] {
			continue
		}
		seen[v.Text] = true
		f := report.New(code, fmt.Sprintf(msg, r.kind(), v.Text))
		f.Field, f.Document, f.Path = r.field(), string(r.Doc.Kind), r.Doc.Path
		f.Found = v.Text
		f.Evidence = evidence(v)
		f.Fix = fix
		out = append(out, f)
	}
	return out
}
