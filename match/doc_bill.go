package match

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/portcheck/portcheck/address"
	"github.com/portcheck/portcheck/compare"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// billFindings compares a bill or CSR with the order.
func billFindings(o *order.Order, p *profile.Profile, r Read) []report.Finding {
	b := r.Bill
	var out []report.Finding
	out = append(out, nameCheck(o, b.AccountName).run(r, p)...)
	out = append(out, accountCheck(o, b.AccountNumber).run(r, p)...)
	out = append(out, addressFindings(o, p, r, b.ServiceAddress, b.MailingAddress)...)
	out = append(out, btnFindings(o, r, b)...)
	out = append(out, numbersOnDocument(o, r, report.NumberNotOnBill, b.Numbers, b.BTN)...)
	out = append(out, partialPortFindings(o, r, b)...)
	out = append(out, carrierFindings(o, r, b.Carrier, b.CarrierBrand)...)
	out = append(out, billDateMissing(r, b)...)
	out = append(out, lineFindings(r, report.SpecialServiceOnAccount, b.Services,
		"The %s shows a service that can block or strand the port: %q.",
		"Ask the customer whether this service moves too or must be cancelled or moved first; a carrier may reject or strand it.")...)
	out = append(out, lineFindings(r, report.AccountAtRisk, b.Notices,
		"The %s says the account is at risk: %q.",
		"Have the customer settle the account first: a carrier may reject or delay ports from accounts past due or being disconnected.")...)
	return out
}

func nationalDigits(e164 string) string {
	d := digitsOnly(e164)
	if strings.HasPrefix(e164, "+1") && len(d) == 11 {
		return d[1:]
	}
	return d
}

func nameCheck(o *order.Order, read fields.Value) valueCheck {
	return valueCheck{code: report.NameMismatch, role: fields.RoleAccountName, field: "account_name", what: "account name", expected: o.AccountName,
		read: read, classify: compare.Classify, lenient: compare.Case}
}

func accountCheck(o *order.Order, read fields.Value) valueCheck {
	return valueCheck{code: report.AccountNumberMismatch, role: fields.RoleAccountNumber, field: "account_number", what: "account number", expected: o.AccountNumber,
		read: read, classify: compare.ClassifyAccountNumber, lenient: "-"}
}

// addressFindings compares the service address component by component
// after USPS standardisation, from the whole address the document
// prints: the order's own street completed with its unit and city line
// where the document prints it, else the address read beside a service
// label. A street line alone is no address to accuse with; it confirms
// what it shows or the address is not found. A bill that shows only a
// mailing address cannot confirm the service address the carrier holds.
func addressFindings(o *order.Order, p *profile.Profile, r Read, service, mailing fields.Value) []report.Finding {
	sa := o.ServiceAddress
	if sa.Line1 == "" || r.Text == nil {
		return nil
	}
	want := address.FromParts(sa.Line1, sa.Line2, sa.City, sa.State, sa.PostalCode)
	found, class, ok := orderAddressOn(r, want, strings.Fields(sa.Line1)[0], mailing)
	if service.Found() && service.Confidence >= fields.MinConfidence && !fields.Garbled(service.Text) && wholeAddress(address.Parse(service.Text)) {
		if c, _ := address.Compare(want, address.Parse(service.Text)); !ok || compare.Rank(c) < compare.Rank(class) {
			found, class, ok = service, c, true
		}
	}
	switch {
	case ok && class == compare.Exact:
		return nil
	case ok:
		return []report.Finding{addressMismatch(p, r, want, found)}
	case service.Found() && partialAgrees(want, address.Parse(service.Text)):
		return nil
	case mailing.Found() && !service.Found():
		return []report.Finding{addressUnconfirmed(r, mailing)}
	case service.Found() || r.Bill != nil:
		return []report.Finding{addressNotFound(r, want)}
	}
	return nil
}

// orderAddressOn is the closest whole address the document prints on
// the order's street (not the mailing address: that one cannot stand
// for the service address).
func orderAddressOn(r Read, want address.Address, house string, mailing fields.Value) (fields.Value, compare.Class, bool) {
	best, bestClass, ok := fields.Value{}, compare.Different, false
	for _, v := range fields.AddressesAt(r.Text, house) {
		if mailing.Found() && v.Page == mailing.Page && boxesOverlap(v.Box, mailing.Box) {
			continue
		}
		got := address.Parse(norm.NFKC.String(v.Text))
		if !wholeAddress(got) || fields.Garbled(v.Text) {
			continue
		}
		c, _ := address.Compare(want, got)
		if !ok || compare.Rank(c) < compare.Rank(bestClass) {
			best, bestClass, ok = v, c, true
		}
	}
	if ok && bestClass == compare.Different && !sameStreet(want, address.Parse(best.Text)) {
		return fields.Value{}, compare.Different, false // another street that starts with the same number
	}
	return best, bestClass, ok
}

func sameStreet(want, got address.Address) bool {
	return compare.Rank(compare.Classify(want.Street, got.Street)) < compare.Rank(compare.Different) || want.POBox != "" && want.POBox == got.POBox
}

func boxesOverlap(a, b extract.Box) bool {
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

// wholeAddress: a street (or box) and a city line, what a carrier
// compares; a street line alone is not one.
func wholeAddress(a address.Address) bool {
	return (a.Number != "" && a.Street != "" || a.POBox != "") && a.City != "" && (a.State != "" || a.ZIP5 != "")
}

// partialAgrees: every component the partial address shows is the
// order's.
func partialAgrees(want, got address.Address) bool {
	if got.Number == "" && got.POBox == "" && got.ZIP5 == "" {
		return false
	}
	_, diffs := address.Compare(want, got)
	for _, d := range diffs {
		if d.Found != "" && d.Component != "spacing" {
			return false
		}
	}
	return true
}

func addressMismatch(p *profile.Profile, r Read, want address.Address, service fields.Value) report.Finding {
	class, diffs := address.Compare(want, address.Parse(norm.NFKC.String(service.Text)))
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
	return f
}

func addressNotFound(r Read, want address.Address) report.Finding {
	places := r.places(fields.RoleServiceAddress)
	f := report.New(report.FieldNotFound, fmt.Sprintf("The service address could not be found whole on the %s (looked %s), so it was not compared with the order.", r.kind(), lookedAt(places)))
	f.Field, f.Document, f.Path = "service_address", string(r.Doc.Kind), r.Doc.Path
	f.Expected, f.Difference = want.Standard(), report.DiffMissing
	f.Fix = fmt.Sprintf("Check by hand that the %s shows the service address %s, or upload a page that shows it.", r.kind(), want.Standard())
	return f
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

// btnFindings: the BTN read beside its label differs, and no BTN label
// of the document stands beside the order's BTN.
func btnFindings(o *order.Order, r Read, b *fields.Bill) []report.Finding {
	want := order.E164(o.BTN, o.Region())
	if want == "" || !b.BTN.Found() || b.BTN.Text == want || b.BTN.Confidence < fields.MinConfidence || r.Text == nil {
		return nil
	}
	nsn := nationalDigits(want)
	for _, pl := range r.places(fields.RoleBTN) {
		for _, l := range pl.Lines {
			if nsn != "" && strings.Contains(digitsOnly(l.Text), nsn) {
				return nil
			}
		}
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

// partialPortFindings: a full port must take every line the account
// has. A line is the account's when it is the BTN or stands in the
// lines table, beside the order's own lines; a number on a line that
// names the carrier (its footer, its customer service) is the carrier's.
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
	places := newPlaces(r.Text)
	for _, n := range b.Numbers {
		if ported[n.Text] || !accountLine(places, b, n, ported) {
			continue
		}
		if len(extra) == 0 {
			first = n
		}
		extra = append(extra, n.Text)
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

// accountLine: n is the account's BTN, or it stands in the column of
// the account's lines (under or over one of the order's numbers on the
// same page, within a table's reach) on a line that does not name the
// carrier.
func accountLine(ps *places, b *fields.Bill, n fields.Value, ported map[string]bool) bool {
	if b.BTN.Found() && b.BTN.Text == n.Text {
		return true
	}
	if ps.doc == nil {
		return false
	}
	mine := ps.ofAll(ported)
	for _, at := range ps.of(n.Text) {
		for _, m := range mine {
			if at.page == m.page && abs(at.box[0]-m.box[0]) < 2*height(at.box) && abs(at.box[1]-m.box[1]) < 20*height(at.box) {
				return true
			}
		}
	}
	return false
}

// place is where a number is printed.
type place struct {
	page int
	box  extract.Box
}

// places finds where a document prints numbers, on lines that do not
// name the carrier. It keeps what it found: a bill of many lines asks
// of the order's numbers once per number it lists, and whether a line
// names the carrier takes the carrier patterns.
type places struct {
	doc    *extract.Document
	mine   []place
	done   bool
	issuer map[[2]int]bool // page, line
}

func newPlaces(doc *extract.Document) *places {
	return &places{doc: doc, issuer: map[[2]int]bool{}}
}

// ofAll is every place of the numbers in set, found once.
func (ps *places) ofAll(set map[string]bool) []place {
	if !ps.done {
		for e := range set {
			ps.mine = append(ps.mine, ps.of(e)...)
		}
		ps.done = true
	}
	return ps.mine
}

// of is every place the document prints a number (E.164).
func (ps *places) of(e164 string) []place {
	nsn := nationalDigits(e164)
	if nsn == "" {
		return nil
	}
	var out []place
	for pi, p := range ps.doc.Pages {
		for li, l := range p.Lines {
			if !strings.Contains(digitsOnly(l.Text), nsn) || ps.namesIssuer(pi, li, l.Text) {
				continue
			}
			for i, w := range l.Words {
				d := digitsOnly(joinText(l.Words[i:min(len(l.Words), i+5)]))
				if strings.HasPrefix(d, nsn) || strings.HasPrefix(d, "1"+nsn) {
					out = append(out, place{pi + 1, w.Box})
					break
				}
			}
		}
	}
	return out
}

func (ps *places) namesIssuer(page, line int, text string) bool {
	k := [2]int{page, line}
	v, ok := ps.issuer[k]
	if !ok {
		v = fields.IssuerLine(text)
		ps.issuer[k] = v
	}
	return v
}

func height(b extract.Box) float64 {
	if h := b[3] - b[1]; h > 0 {
		return h
	}
	return 10
}

// lineAt is the text of the page's line that holds box.
func lineAt(p extract.Page, box extract.Box) string {
	for _, l := range p.Lines {
		if boxesOverlap(l.Box, box) {
			return l.Text
		}
	}
	return ""
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// carrierFindings: the document names another carrier than the
// order's, as its issuer (a bill) or its current carrier (an LOA), and
// does not name the order's carrier where a carrier stands.
func carrierFindings(o *order.Order, r Read, printed fields.Value, brand string) []report.Finding {
	if o.CurrentCarrier == "" || r.Text == nil || !printed.Found() {
		return nil
	}
	want := fields.CarrierBrand(o.CurrentCarrier)
	if strings.EqualFold(brand, want) {
		return nil
	}
	places := r.places(fields.RoleCarrier)
	for _, pl := range places {
		for _, l := range pl.Lines {
			if fields.NamesCarrier(norm.NFKC.String(l.Text), want, o.CurrentCarrier) {
				return nil
			}
		}
	}
	if printed.Confidence < fields.MinConfidence || !fields.CarrierName(printed.Text) || r.Bill != nil && !asIssuer(places, printed) {
		f := report.New(report.FieldNotFound, fmt.Sprintf("The current carrier could not be found on the %s (looked %s), so it was not compared with the order.", r.kind(), lookedAt(places)))
		f.Field, f.Document, f.Path = "current_carrier", string(r.Doc.Kind), r.Doc.Path
		f.Expected, f.Difference = o.CurrentCarrier, report.DiffMissing
		f.Fix = fmt.Sprintf("Check by hand that the %s is from %s.", r.kind(), o.CurrentCarrier)
		return []report.Finding{f}
	}
	f := report.New(report.CarrierMismatch, fmt.Sprintf("The %s is from %s, not %s as the order says.", r.kind(), printed.Text, o.CurrentCarrier))
	f.Field, f.Document, f.Path = "current_carrier", string(r.Doc.Kind), r.Doc.Path
	f.Expected, f.Found, f.Difference = o.CurrentCarrier, printed.Text, report.DiffDifferent
	f.Evidence = evidence(printed)
	f.Fix = fmt.Sprintf("Set current_carrier to %s, or upload a bill from %s. (A reseller's bill names the reseller.)", fields.CarrierBrand(printed.Text), o.CurrentCarrier)
	return []report.Finding{f}
}

// asIssuer: the bill prints the name where an issuer prints its own:
// beside a seller label, in its header or its footer.
func asIssuer(places []fields.Place, v fields.Value) bool {
	for _, pl := range places {
		for _, l := range pl.Lines {
			if l.Page == v.Page && boxesOverlap(l.Box, v.Box) {
				return true
			}
		}
	}
	return false
}

// billDateMissing: a bill whose age cannot be read (its age, when it
// can, is Dated's).
func billDateMissing(r Read, b *fields.Bill) []report.Finding {
	if r.Text == nil || billDated(b) {
		return nil
	}
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
