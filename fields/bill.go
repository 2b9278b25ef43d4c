package fields

import (
	"strings"
	"time"

	"github.com/portcheck/portcheck/extract"
)

// Bill is what a bill or CSR says about the account. A zero Value means
// the document does not show the field (or not clearly enough to trust).
type Bill struct {
	AccountName    Value
	AccountNumber  Value
	ServiceAddress Value   // the address beside a service-address label, lines joined with ", "
	MailingAddress Value   // a bill-to or mailing address, when that is all the bill shows
	BTN            Value   // Text is E.164
	Numbers        []Value // the account's own lines, Text E.164, in document order, unique
	BillDate       Value
	Date           time.Time // BillDate parsed
	Carrier        Value
	CarrierBrand   string
	Services       []Value // lines that show a service that blocks or strands a port
	Notices        []Value // past due, final bill, disconnection notice
}

// Confidence levels: a value beside its label is trusted more than one
// under it, which is trusted more than one found without a label.
const (
	confRight  = 0.9
	confBelow  = 0.8
	confSearch = 0.6
	// MinConfidence is the least confidence a value needs to be reported
	// as what the document says.
	MinConfidence = 0.5
)

// ReadBill reads a bill or CSR. region is the default region for
// numbers printed without a country code. A scan read twice gives the
// fields its first reading missed from its second (second.go).
func ReadBill(doc *extract.Document, region string) *Bill {
	b := readBill(doc, region)
	if doc != nil && doc.Second != nil {
		fillBill(b, readBill(doc.Second, region))
	}
	if doc != nil && doc.Regions != nil && !usable(b.ServiceAddress) {
		if fill(&b.ServiceAddress, readAddress(relined(doc.Regions), serviceAddrLabel)) {
			b.MailingAddress = Value{}
		}
	}
	return b
}

func readBill(doc *extract.Document, region string) *Bill {
	b := &Bill{}
	doc = relined(doc)
	lang := documentLanguage(doc)
	b.AccountNumber = readAccountNumber(doc)
	b.BillDate, b.Date = readBillDate(doc, lang)
	b.ServiceAddress = readAddress(doc, serviceAddrLabel)
	if !b.ServiceAddress.Found() {
		b.MailingAddress = readAddress(doc, mailingAddrLabel)
	}
	named := readNamedCustomer(doc)
	blocks := addressBlocks(doc) // read once: the issuer and the customer share them
	b.Carrier, b.CarrierBrand = readIssuer(doc, blocks, named.Text)
	b.AccountName = readCustomer(doc, blocks, named, b.Carrier.Text)
	if knownCarrier(b.CarrierBrand) && countDigits(b.AccountNumber.Text) < minCarrierAccountDigits {
		// a redacted or cut-off account number ("0992"): the carrier
		// would refuse it, and the order's own number may still be
		// found on the bill
		b.AccountNumber.Confidence = min(b.AccountNumber.Confidence, confConflict)
	}
	b.BTN = readBTN(doc, region)
	b.Numbers = accountNumbers(doc, region)
	b.Services = serviceLines(doc)
	b.Notices = matchingLines(doc, atRisk, nil, atRiskNegated)
	return b
}

// valueFn turns the words read beside a label into a value, or reports
// that they are not one (a label's neighbour that fails is no value).
type valueFn func(s span) (span, bool)

// readLabelled tries every occurrence of the label, first to its right,
// then below it, and keeps the first value that passes accept.
func readLabelled(doc *extract.Document, label *pattern, accept valueFn) Value {
	return readHits(doc, findLabels(doc, label), accept)
}

// readHits is readLabelled over label hits a caller has filtered.
func readHits(doc *extract.Document, hits []labelHit, accept valueFn) Value {
	if vs := candidates(doc, hits, accept); len(vs) > 0 {
		return vs[0]
	}
	return Value{}
}

// candidates is every value the hits give, best first: right of a
// label on its own run, then under it, then right of it across a column
// gap (a key/value row, or another column's value), each in document
// order. Words that are a label themselves are no value.
func candidates(doc *extract.Document, hits []labelHit, accept valueFn) []Value {
	var right, under, across []Value
	try := func(out *[]Value, h labelHit, s span, conf float64) {
		if len(s.words) == 0 || isLabel(s.text()) {
			return
		}
		if v, ok := accept(s); ok {
			*out = append(*out, v.value(h.label.text(), conf))
		}
	}
	for _, h := range hits {
		s, gap := rightOfGap(h)
		if gap {
			try(&across, h, trimLeadingPunct(s), confBelow)
		} else {
			try(&right, h, trimLeadingPunct(s), confRight)
		}
		for _, s := range below(doc, h, 1) {
			if !startsWithLabel(s.text()) && !labelledLeft(doc, s) {
				try(&under, h, trimLeadingPunct(s), confBelow)
			}
		}
		if s, ok := belowRight(doc, h); ok && !labelledLeft(doc, s) {
			try(&under, h, s, confBelow)
		}
	}
	return append(append(right, under...), across...)
}

// confConflict is the confidence of a value another value, read beside
// the same kind of label as surely, contradicts: under MinConfidence, so
// the field is reported as not found rather than as a coin toss.
const confConflict = 0.4

// agreed is the first candidate, its confidence cut to confConflict when
// an equally sure candidate says otherwise (key says what "otherwise"
// is: account numbers by their digits, dates by the day).
func agreed(vs []Value, key func(Value) string) Value {
	if len(vs) == 0 {
		return Value{}
	}
	first, firstKey := vs[0], key(vs[0])
	for _, v := range vs[1:] {
		if v.Confidence >= first.Confidence && key(v) != firstKey {
			first.Confidence = confConflict
			break
		}
	}
	return first
}

var accountToken = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9./-]*$`)

// accountNumberValue keeps the leading words that look like parts of an
// account number ("404 555-0118 775 0" is one number): letters, digits
// and separators, with a digit somewhere.
func accountNumberValue(s span) (span, bool) {
	var keep []extract.Word
	digits := 0
	for _, w := range s.words {
		t := strings.TrimRight(w.Text, ".,;")
		if !accountToken.MatchString(t) || (countDigits(t) == 0 && len(keep) > 0) {
			break
		}
		w.Text = t
		keep = append(keep, w)
		digits += countDigits(t)
	}
	for len(keep) > 0 && countDigits(keep[len(keep)-1].Text) == 0 {
		keep = keep[:len(keep)-1]
	}
	s.words = keep
	return s, digits >= 3 && !ibanLike(s.text()) && !onlyPhone(s.text()) && !hasDate(s.text())
}

// onlyPhone: the text is a telephone number and nothing more. A bill's
// account number may embed the BTN ("404 555-0118 775 0"), but a number
// printed as a phone number is a phone number, not the account.
func onlyPhone(t string) bool {
	t = strings.TrimSpace(t)
	m := phoneLike.FindStringIndex(t)
	return m != nil && m[0] == 0 && m[1] == len(t) && (strings.ContainsAny(t, "()+ .") || strings.Count(t, "-") == 2 || t[0] == '1')
}

// amount is a sum of money as bills print it.
var amount = lazyRegexp(`[$€£¥]\s?\d|\d\s?[€£]|\b\d+[.,]\d{2}\b`)

var ibanStart = lazyRegexp(`^[A-Z]{2}\d{2}[ ]?[A-Z0-9]{4}`)

// ibanLike is a bank account number (IBAN: country, check digits and
// 11 to 30 more), never a customer's.
func ibanLike(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return ibanStart.MatchString(s) && n >= 15
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// nameValue accepts a run of words with letters and few digits: an
// account name, not an amount or a date.
func nameValue(s span) (span, bool) {
	t := s.text()
	letters := 0
	for _, r := range t {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			letters++
		}
	}
	return s, letters >= 2 && countDigits(t) <= letters/2 && !phoneLike.MatchString(t) && !strings.ContainsAny(t, ":@?") && !otherKind(s)
}

// otherKind: words of another kind than a name, which a name's label
// may stand beside in a layout the reader does not know: a remark in
// parentheses, a sentence, an amount, a date, a suite line.
func otherKind(s span) bool {
	t := strings.TrimSpace(s.text())
	return note(s.words) || sentence(s.words) || amount.MatchString(t) || hasDate(t) || unitLine.MatchString(t)
}

// sentence: words that read as running text, not a name ("Auto Pay
// will be charged on the due date."): a name is short and has few of
// the words that join a sentence.
func sentence(ws []extract.Word) bool {
	if len(ws) > 8 || prose(ws) {
		return true
	}
	n := 0
	for _, w := range ws {
		if proseWord.MatchString(strings.Trim(w.Text, ",.;:")) && w.Text == strings.ToLower(w.Text) {
			n++
		}
	}
	return n >= 2 && strings.HasSuffix(ws[len(ws)-1].Text, ".")
}

func readDate(doc *extract.Document, label *pattern, lang string) (Value, time.Time) {
	return dateOf(readLabelled(doc, label, dateValue(lang)), lang)
}

// dateOf parses the date a value holds (its text is the date as
// printed).
func dateOf(v Value, lang string) (Value, time.Time) {
	t, _, ok := findDate(v.Text, lang)
	if !ok {
		return Value{}, time.Time{}
	}
	return v, t
}

// narrow keeps the words of s that make up text (a date inside a longer
// run of words).
func narrow(s span, text string) span {
	joined, starts := extract.JoinWords(s.words)
	i := strings.Index(joined, text)
	if i < 0 {
		return s
	}
	from, to := wordRange(starts, i, i+len(text))
	s.words = s.words[from:to]
	return s
}

func readBTN(doc *extract.Document, region string) Value {
	return readLabelled(doc, btnLabel, func(s span) (span, bool) {
		ps := phonesIn(s, region)
		if len(ps) == 0 {
			return s, false
		}
		return ps[0].span, true
	}).withE164(region)
}

// withE164 replaces a printed number by its E.164 form.
func (v Value) withE164(region string) Value {
	if !v.Found() {
		return v
	}
	if ps := phonesIn(span{words: []extract.Word{{Text: v.Text}}}, region); len(ps) > 0 {
		v.Text = ps[0].e164
	}
	return v
}

func readCarrier(doc *extract.Document) (Value, string) {
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			printed, brand := findCarrier(l.Text)
			if printed == "" {
				continue
			}
			s := narrow(span{page: pi + 1, line: li, words: l.Words}, printed)
			v := s.value("", confSearch)
			v.Text = printed
			return v, brand
		}
	}
	return Value{}, ""
}

// serviceLines returns the lines that name a port-blocking service and
// either charge for it or stand in a features list: an ad that mentions
// internet does neither.
func serviceLines(doc *extract.Document) []Value {
	var out []Value
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if !specialService.MatchString(l.Text) || (!chargeOrFeature.MatchString(l.Text) && !underFeatures(p, li)) {
				continue
			}
			out = append(out, span{page: pi + 1, line: li, words: l.Words}.value("", confSearch))
		}
	}
	return out
}

// underFeatures: a heading a few lines up lists the account's features
// or services.
func underFeatures(p extract.Page, li int) bool {
	for i := li - 1; i >= 0 && i >= li-8; i-- {
		if featuresHeading.MatchString(p.Lines[i].Text) {
			return true
		}
	}
	return false
}

// matchingLines returns the lines that match want, and need when given,
// and not refuse when given.
func matchingLines(doc *extract.Document, want, need, refuse *pattern) []Value {
	var out []Value
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if !want.MatchString(l.Text) || (need != nil && !need.MatchString(l.Text)) || (refuse != nil && refuse.MatchString(l.Text)) {
				continue
			}
			out = append(out, span{page: pi + 1, line: li, words: l.Words}.value("", confSearch))
		}
	}
	return out
}

// hasDate: the text holds a date ("November 3, 2026"), which is no name.
func hasDate(t string) bool {
	if countDigits(t) < 4 {
		return false
	}
	_, _, ok := findDate(t, langEN)
	return ok
}

// labelledLeft: a label of its own stands left of s on its line, so s
// is that row's value ("Services From  09/15/26 to 10/15/26" under an
// "Invoice Date" whose own value was lost), not the value of the label
// above it.
func labelledLeft(doc *extract.Document, s span) bool {
	if len(s.words) == 0 {
		return false
	}
	l := doc.Pages[s.page-1].Lines[s.line]
	for _, run := range columnRuns(l.Words) {
		if run[0].Box[0] >= s.words[0].Box[0] {
			return false
		}
		t := span{words: run}.text()
		if isLabel(t) || startsWithLabel(t) {
			// "INVOICE NO. INV-77120934": s, or the run s is cut from,
			// is that label's row
			return true
		}
	}
	return false
}
