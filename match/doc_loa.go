package match

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/portcheck/portcheck/compare"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// loaFindings checks an LOA: that it is signed, dated, recent and
// complete (its age is Dated's), and that what it says agrees with the order.
func loaFindings(o *order.Order, p *profile.Profile, r Read) []report.Finding {
	l := r.LOA
	var out []report.Finding
	if !l.Signed() {
		out = append(out, loaFinding(r, report.LOAUnsigned, "signature", "The LOA shows no signature: a blank signature line is not signed, even with the printed name filled in.",
			"Have "+orSigner(o)+" sign the LOA (by hand, or with an e-signature service) and upload the signed copy."))
	}
	if !loaDated(l) { // its age, when dated, is Dated's
		out = append(out, loaFinding(r, report.LOAUndated, "signed_date", "The LOA shows no signing date.",
			"Have the signer date the LOA when signing it, and upload that copy."))
	}
	if missing := loaMissing(o, r, l); len(missing) > 0 {
		out = append(out, loaFinding(r, report.LOAIncomplete, r.field(), "The LOA lacks: "+strings.Join(missing, ", ")+".",
			"Use an LOA form that shows every required element ("+strings.Join(missing, ", ")+") and have it signed again."))
	}
	if l.AccountName.Found() {
		out = append(out, nameCheck(o, l.AccountName).run(r, p)...)
	}
	if l.AccountNumber.Found() {
		out = append(out, accountCheck(o, l.AccountNumber).run(r, p)...)
	}
	out = append(out, addressFindings(o, p, r, l.ServiceAddress, fields.Value{})...)
	out = append(out, signerFindings(o, p, r, l)...)
	out = append(out, numbersOnDocument(o, r, report.NumberNotOnLOA, l.Numbers)...)
	out = append(out, carrierFindings(o, r, l.Carrier, l.CarrierBrand)...)
	out = append(out, loaPortScope(o, r, l)...)
	return out
}

// loaPortScope compares the LOA's own answer to "all my numbers or
// some" with full_port: a customer who ticked "some" keeps lines the
// order would take away (or the reverse), and the losing carrier
// rejects a port whose scope the LOA contradicts. Only an order that
// states full_port is compared: silence states nothing to contradict.
func loaPortScope(o *order.Order, r Read, l *fields.LOA) []report.Finding {
	if l.FullPort == nil || o.FullPort == nil || *l.FullPort == *o.FullPort {
		return nil
	}
	msg := "The LOA says only some of the account's numbers move (" + l.FullPortBy.Text + "), yet full_port is true."
	fix := "Set full_port to false and list the numbers that move, or have the customer tick all numbers on a new LOA."
	if *l.FullPort {
		msg = "The LOA says every number of the account moves (" + l.FullPortBy.Text + "), yet full_port is false."
		fix = "Set full_port to true and list every number of the account, or have the customer tick only some numbers on a new LOA."
	}
	f := loaFinding(r, report.PartialPortUndeclared, "full_port", msg, fix)
	f.Found = l.FullPortBy.Text
	return []report.Finding{f}
}

func loaFinding(r Read, code report.Code, field, msg, fix string) report.Finding {
	f := report.New(code, msg)
	f.Field, f.Document, f.Path = field, string(r.Doc.Kind), r.Doc.Path
	f.Fix = fix
	return f
}

func orSigner(o *order.Order) string {
	if o.AuthorizedName != "" {
		return o.AuthorizedName
	}
	return "the account's authorized person"
}

// loaMissing lists the required elements (47 CFR 64.1130, DOMAIN.md)
// the LOA does not show. The account number is required where the port
// is validated on one: an order without one (a toll-free RespOrg change,
// a port where the losing carrier validates on the number and the name)
// leaves nothing for the LOA to show.
func loaMissing(o *order.Order, r Read, l *fields.LOA) []string {
	var m []string
	for _, e := range []struct {
		ok   bool
		name string
	}{
		{len(l.Numbers) > 0 || orderNumberShown(o, r), "the numbers to port"},
		{l.Carrier.Found() || carrierShown(o, r), "the current carrier"},
		{l.AccountName.Found() || wordsShown(r, o.AccountName), "the account name"},
		{l.AccountNumber.Found() || o.AccountNumber == "" || accountShown(r, o.AccountNumber), "the account number"},
		{l.Statement.Found(), "the authorization statement"},
		{l.SignerName.Found() || l.HolderSigns.Found(), "the signer's printed name"},
	} {
		if !e.ok {
			m = append(m, e.name)
		}
	}
	return m
}

// orderNumberShown: one of the order's numbers is printed on the
// document, though not read as a number (a number the numbering plan
// does not know is still the one the customer wrote).
func orderNumberShown(o *order.Order, r Read) bool {
	for _, l := range o.Lines() {
		if l.E164 != "" && r.Text != nil && digitsAppear(r, l.E164, false) {
			return true
		}
	}
	return false
}

// An element the readers found no label for may still be printed: a
// letter names the carrier and the account holder in its sentences ("I,
// Jane Doe, Owner of Acme Widgets LLC, authorize ... from our present
// carrier, Granite"), where no value is ever read. The order's own value
// printed there shows the element; it is not read as a value, so it can
// never disagree with the order.

// carrierShown: the order's carrier, by any of its names, is printed.
func carrierShown(o *order.Order, r Read) bool {
	if o.CurrentCarrier == "" || r.Text == nil {
		return false
	}
	brand := fields.CarrierBrand(o.CurrentCarrier)
	for _, text := range pageTexts(r.Text) {
		if fields.NamesCarrier(text, brand, o.CurrentCarrier) {
			return true
		}
	}
	return false
}

// wordsShown: value's words are printed in a row, whatever the case and
// the punctuation and line breaks between them.
func wordsShown(r Read, value string) bool {
	want := " " + foldWords(value) + " "
	if r.Text == nil || strings.TrimSpace(want) == "" {
		return false
	}
	for _, text := range pageTexts(r.Text) {
		if strings.Contains(" "+foldWords(text)+" ", want) {
			return true
		}
	}
	return false
}

// minShownDigits: an account number shorter than this could be any
// run of digits on the page.
const minShownDigits = 6

// accountShown: the order's account number is printed as digit groups
// of their own (spaced or dashed as the customer wrote it), starting
// and ending where a group does: "512 555-0110 771 4" beside the BTN
// "512-555-0110" on the same line is still shown.
func accountShown(r Read, number string) bool {
	want := digitsOnly(number)
	if r.Text == nil || len(want) < minShownDigits {
		return false
	}
	for _, text := range pageTexts(r.Text) {
		for _, run := range digitGroups(text) {
			if groupsHold(run, want) {
				return true
			}
		}
	}
	return false
}

// groupsHold: want is the digits of consecutive groups of run.
func groupsHold(run []string, want string) bool {
	for i := range run {
		acc := ""
		for _, g := range run[i:] {
			if acc += g; acc == want {
				return true
			} else if len(acc) >= len(want) {
				break
			}
		}
	}
	return false
}

// digitGroups are the runs of digit groups in s, one space or dash
// between two digits joining two groups of a run.
func digitGroups(s string) [][]string {
	isDigit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	var runs [][]string
	var run []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if isDigit(i) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			run, start = append(run, s[start:i]), -1
		}
		joins := i < len(s) && (s[i] == ' ' || s[i] == '-') && len(run) > 0 && isDigit(i+1) && isDigit(i-1)
		if !joins && len(run) > 0 {
			runs, run = append(runs, run), nil
		}
	}
	return runs
}

// pageTexts is each page's text, its lines joined.
func pageTexts(doc *extract.Document) []string {
	out := make([]string, len(doc.Pages))
	for i, p := range doc.Pages {
		var b strings.Builder
		for _, l := range p.Lines {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
		out[i] = b.String()
	}
	return out
}

// foldWords is s in lower case, its words joined by single spaces, with
// no punctuation.
func foldWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(norm.NFKC.String(s)), func(c rune) bool {
		return !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '&'
	}), " ")
}

// signerFindings compares the LOA's signer with authorized_name, as
// the other values are: the name printed where a signer's name stands
// confirms it.
func signerFindings(o *order.Order, p *profile.Profile, r Read, l *fields.LOA) []report.Finding {
	if o.AuthorizedName == "" || !l.SignerName.Found() {
		return nil
	}
	c := valueCheck{code: report.SignerMismatch, role: fields.RoleSigner, field: "authorized_name", what: "signer's name", expected: o.AuthorizedName,
		read: l.SignerName, classify: compare.Classify, lenient: "-"}
	fs := c.run(r, p)
	for i, f := range fs {
		if f.Code == report.SignerMismatch {
			fs[i].Severity = report.New(report.SignerMismatch, "").Severity // a signer's spelling is the profile's matching rules' business only for account values
			fs[i].Message = fmt.Sprintf("The LOA is signed by %s, not by the order's authorized person %s.", f.Found, o.AuthorizedName)
			if strings.Contains(f.Message, "a person must look") {
				fs[i].Message += " " + misreading
			} else {
				fs[i].Fix = "Enter authorized_name exactly as printed on the LOA: " + f.Found
			}
		}
	}
	return fs
}
