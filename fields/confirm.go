package fields

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// Before a check accuses a document of disagreeing with the order, it
// looks for the order's own value where that field stands on the
// document (package match). This file says where that is, and what a
// value of each field looks like, so a label, a sentence or a fragment
// is never taken for a competing value.

// Role is a field of the order a document is checked against.
type Role string

// The roles whose values are confirmed on a document.
const (
	RoleAccountName    Role = "account_name"
	RoleAccountNumber  Role = "account_number"
	RoleServiceAddress Role = "service_address"
	RoleBTN            Role = "btn"
	RoleSigner         Role = "authorized_name"
	RoleCarrier        Role = "current_carrier"
)

// Place is one place on a document where a field's value stands: the
// words beside or under one of its labels, an address block, the
// statement that names the carrier. Lines are runs of words on one line
// each, top to bottom; the first is the value a label gives.
type Place struct {
	Where    string // how a report names it: `under "Account Number" (page 1)`
	Labelled bool   // the place is a label's: its first line is that label's value
	Lines    []Value
	// In is the reading whose words its lines' boxes hold: a scan's
	// second reading or its regions read alone; nil for the document's
	// first reading.
	In *extract.Document
}

var roleLabels = map[Role][]*pattern{
	RoleAccountName:    {accountNameLabel, loaNameLabel, customerBlockLabel},
	RoleAccountNumber:  {accountNumberLabel},
	RoleServiceAddress: {serviceAddrLabel},
	RoleBTN:            {btnLabel},
	RoleSigner:         {signerLabel},
	RoleCarrier:        {carrierLabel, sellerLabel},
}

// closing is a letter's closing; the signer's name stands under it.
var closing = lazyRegexp(`(?i)^(?:sincerely|regards|best regards|kind regards|respectfully|yours (?:truly|faithfully|sincerely)|thank you)\b`)

// Places lists where role's value stands on doc, labelled places first,
// then the same places in a scan's second reading, which may hold the
// order's value where the first garbled it.
func Places(doc *extract.Document, role Role) []Place {
	out := places(doc, role)
	for _, r := range rereadings(doc) {
		for _, p := range places(r, role) {
			p.In = r
			out = append(out, p)
		}
	}
	return out
}

func places(doc *extract.Document, role Role) []Place {
	doc = relined(doc)
	var out []Place
	for _, re := range roleLabels[role] {
		for _, h := range findLabels(doc, re) {
			if p, ok := labelPlace(doc, widenLabel(doc, h), role); ok {
				out = append(out, p)
			}
		}
	}
	switch role {
	case RoleAccountName:
		for _, b := range addressBlocks(doc) {
			out = append(out, Place{Where: fmt.Sprintf("the address block on page %d", b.page), Lines: spanValues(b.lines)})
		}
	case RoleSigner:
		out = append(out, linesAfter(doc, closing, 4, "under the letter's closing")...)
	case RoleCarrier:
		out = append(out, linesAfter(doc, authorization, 3, "in the authorization statement")...)
		out = append(out, issuerPlaces(doc)...)
	}
	return out
}

// labelPlace is the value beside a label, the lines under it, and for a
// caption (forms print the signer's name over "Printed name") the run
// over it.
func labelPlace(doc *extract.Document, h labelHit, role Role) (Place, bool) {
	n := 1
	if role == RoleServiceAddress || role == RoleAccountName {
		n = 3 // a name or an address may wrap
	}
	var ss []span
	if r := trimLeadingPunct(rightOf(h)); len(r.words) > 0 {
		ss = append(ss, r)
	}
	ss = append(ss, below(doc, h, n)...)
	if role == RoleSigner {
		if a, ok := above(doc, h); ok {
			ss = append(ss, a)
		}
	}
	if len(ss) == 0 {
		return Place{}, false
	}
	where := fmt.Sprintf("beside %q (page %d)", strings.TrimRight(h.label.text(), ": "), h.label.page)
	return Place{Where: where, Labelled: labelStartsRun(doc, h), Lines: spanValues(ss, h.label.text())}, true
}

// widenLabel makes a label that follows other caption words in its
// column ("CUSTOMER / BUSINESS NAME") start where its caption starts, so
// the value under the caption is the label's.
func widenLabel(doc *extract.Document, h labelHit) labelHit {
	ws := doc.Pages[h.label.page-1].Lines[h.label.line].Words
	first := h.label.words[0]
	at := -1
	for i, w := range ws {
		if w.Box == first.Box {
			at = i
		}
	}
	from := at
	for from > 0 && at-from < 3 && ws[from].Box[0]-ws[from-1].Box[2] <= columnGap*height(first.Box) && captionWord(ws[from-1].Text) {
		from--
	}
	if from < 0 || from == at {
		return h
	}
	h.label.words = append(append([]extract.Word(nil), ws[from:at]...), h.label.words...)
	return h
}

// captionWord: a word a caption may hold before a label: a capitalised
// word that is no word of running text, or a separator.
func captionWord(w string) bool {
	t := strings.Trim(w, ",:")
	if t == "/" || t == "&" || t == "-" {
		return true
	}
	r := []rune(t)
	return len(r) > 0 && unicode.IsUpper(r[0]) && !sentenceWord.MatchString(t)
}

// labelStartsRun: the label starts its line or its column, as a label
// does; the same words inside a sentence are no label.
func labelStartsRun(doc *extract.Document, h labelHit) bool {
	ws := doc.Pages[h.label.page-1].Lines[h.label.line].Words
	first := h.label.words[0]
	for i, w := range ws {
		if w.Box == first.Box {
			return i == 0 || first.Box[0]-ws[i-1].Box[2] > columnGap*height(first.Box)
		}
	}
	return false
}

// IssuerLine: text that names a carrier, as its own footer or
// customer-service line does.
func IssuerLine(text string) bool {
	printed, _ := findCarrier(text)
	return printed != ""
}

// above is the run of words on the line over a caption, within its
// width and close over it.
func above(doc *extract.Document, h labelHit) (span, bool) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	lh := height(lb)
	for li := h.label.line - 1; li >= 0 && li >= h.label.line-2; li-- {
		l := p.Lines[li]
		if lb[1]-l.Box[3] > 3*lh {
			break
		}
		if run := runAt(l.Words, lb[0]-2*lh, lb[2]); len(run) > 0 {
			return span{page: h.label.page, line: li, words: run}, true
		}
	}
	return span{}, false
}

func spanValues(ss []span, label ...string) []Value {
	l := ""
	if len(label) > 0 {
		l = label[0]
	}
	out := make([]Value, len(ss))
	for i, s := range ss {
		out[i] = s.value(l, confBelow)
	}
	return out
}

// linesAfter is each line re matches with the n lines after it.
func linesAfter(doc *extract.Document, re *pattern, n int, where string) []Place {
	var out []Place
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if !re.MatchString(strings.TrimSpace(l.Text)) {
				continue
			}
			var ss []span
			for k := li; k < len(p.Lines) && k <= li+n; k++ {
				ss = append(ss, span{page: pi + 1, line: k, words: p.Lines[k].Words})
			}
			out = append(out, Place{Where: fmt.Sprintf("%s (page %d)", where, pi+1), Lines: spanValues(ss)})
		}
	}
	return out
}

// issuerPlaces are where an issuer prints its name: the head of the
// first page (logo line, letterhead) and the foot of each page (legal
// line).
func issuerPlaces(doc *extract.Document) []Place {
	var out []Place
	for pi, p := range doc.Pages {
		var ss []span
		for li, l := range p.Lines {
			head := pi == 0 && (li < 6 || p.Height > 0 && l.Box[1] < p.Height*0.15)
			foot := p.Height > 0 && l.Box[1] > p.Height*0.85
			if head || foot {
				ss = append(ss, span{page: pi + 1, line: li, words: l.Words})
			}
		}
		if len(ss) > 0 {
			out = append(out, Place{Where: fmt.Sprintf("the issuer's header and footer (page %d)", pi+1), Lines: spanValues(ss)})
		}
	}
	return out
}

// sentenceWord: words of running text, which a name, a carrier or an
// address does not hold two of.
var sentenceWord = lazyRegexp(`(?i)^(?:the|a|an|my|our|your|this|that|these|is|are|am|was|will|be|to|of|on|in|for|and|or|with|i|we|you|it|authori[sz]e[sd]?|undersigned|hereby|named|above|below|listed|please)$`)

// decoyLabel is a label of another field, which a value never is.
var decoyLabel = lazyRegexp(`(?i)^(?:billing period|service period|statement period|due date|amount due|total (?:amount )?due|balance|previous balance|payment(?:s)?(?: received| due)?|pay by|autopay|invoice (?:#|no\.?|number)|page \d|description|amount|qty|unit price|title|date|signature|email|phone|fax|city|state|zip|suite|unit)\b`)

// captionVocab: words headings and captions are made of; a run made
// only of them ("Your monthly statement", "CONTACT PHONE") is a caption.
var captionVocab = lazyRegexp(`(?i)^(?:your|our|monthly|statement|summary|bill|billing|invoice|account|customer|contact|phone|telephone|number|no|email|e-mail|details|information|info|service|services|name|address|date|total|due|amount|page|of|new|current|charges|balance|payment|notice|important|messages?)$`)

// looksLabel: text that is a label of the document, ours or a decoy's,
// or a caption.
func looksLabel(t string) bool {
	t = strings.TrimSpace(t)
	if decoyLabel.MatchString(t) {
		return true
	}
	caption := true
	for _, w := range strings.Fields(t) {
		if !captionVocab.MatchString(strings.Trim(w, ".,:#")) {
			caption = false
		}
	}
	if caption {
		return true
	}
	for _, re := range []*pattern{accountNumberLabel, billDateLabel, serviceAddrLabel, mailingAddrLabel, accountNameLabel, loaNameLabel, btnLabel, signerLabel, signatureLabel, carrierLabel, customerBlockLabel} {
		if loc := re.FindStringIndex(t); loc != nil && loc[0] == 0 {
			return true
		}
	}
	return false
}

// Caption reports whether text is a label's remark or another label
// ("(AS SHOWN ON BILL)", "CITY STATE ZIP"): what stands between a label
// and its value, never a value.
func Caption(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") || looksLabel(t)
}

// proseText: a run of running text, a fragment of one, or a parenthetical
// remark on a label: no field's value.
func proseText(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return true
	}
	first := []rune(t)[0]
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && first != '/' {
		return true // "'s bill", "of the customer named above", "(AS SHOWN ON BILL)"
	}
	n := 0
	for _, w := range strings.Fields(t) {
		if sentenceWord.MatchString(strings.Trim(w, ".,;:")) {
			n++
		}
	}
	return n >= 2 || strings.Contains(t, ". ") && len(strings.Fields(t)) > 5
}

// Plausible reports whether text is a value of role's kind as a
// document prints it: a name, not a label, a sentence or an amount; an
// account number with digits; a carrier's name. Only such a value can
// compete with the order's.
func Plausible(role Role, text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || looksLabel(t) || garbled(t) {
		return false
	}
	switch role {
	case RoleAccountNumber:
		// word by word, as the reader takes it: "512 555-0110 771 4"
		// is one account number of four groups
		var ws []extract.Word
		for _, f := range strings.Fields(t) {
			ws = append(ws, extract.Word{Text: f})
		}
		v, ok := accountNumberValue(span{words: ws})
		return ok && len(v.words) == len(ws) && !proseText(t)
	case RoleAccountName, RoleSigner:
		if proseText(t) || strings.ContainsAny(t, "@:$") || len(strings.Fields(t)) > 8 {
			return false
		}
		_, ok := nameValue(span{words: []extract.Word{{Text: t}}})
		return ok && (role != RoleSigner || countDigits(t) == 0)
	case RoleCarrier:
		return CarrierName(t)
	}
	return !proseText(t)
}

// garbled: more than a tenth of the characters are neither letters,
// digits, spaces nor the punctuation values print: what OCR makes of a
// logo or a rule, not a reading.
func garbled(t string) bool {
	odd, n := 0, 0
	for _, r := range t {
		n++
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune(".,-#'/&()", r) {
			odd++
		}
	}
	return odd*10 > n
}

// Garbled reports whether text is mostly marks OCR made of a drawing.
func Garbled(text string) bool { return garbled(text) }

// carrierWord: words only a carrier's or a company's name holds.
var carrierWord = lazyRegexp(`(?i)\b(?:communications?|telecom\w*|telephone|wireless|cellular|mobile|networks?|voice|fiber|broadband|cable|inc|llc|corp(?:oration)?|co|company|ltd|lp|partnership)\.?$`)

// CarrierName reports whether text names a carrier: one known by one of
// its names, or a company name of a carrier's kind. A phrase of running
// text that happens to follow a carrier label is neither.
func CarrierName(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || proseText(t) || looksLabel(t) || len(strings.Fields(t)) > 6 {
		return false
	}
	if printed, _ := findCarrier(t); printed != "" {
		return true
	}
	return carrierWord.MatchString(t)
}

// NamesCarrier reports whether text names the carrier brand (as
// CarrierBrand gives it) by any of its names, or name itself.
func NamesCarrier(text, brand, name string) bool {
	for _, c := range carrierNames {
		if c.brand == brand && c.re.MatchString(text) {
			return true
		}
	}
	if name = strings.TrimSpace(name); name == "" {
		return false
	}
	re := regexp.MustCompile(`(?i)(?:^|[^\w&])` + regexp.QuoteMeta(name) + `(?:$|[^\w&])`)
	return re.MatchString(text)
}

// unitRun is a secondary unit as printed ("Suite 300", "STE 4B", "#12",
// "Bldg C"), not the caption "Suite / Unit".
var unitRun = lazyRegexp(`(?i)^(?:suite|ste|unit|apt|apartment|floor|fl|room|rm|building|bldg|#)\.?\s*#?\s*(?:\d+[A-Z]?|[A-Z]\d*)$`)

// AddressesAt returns the whole addresses (street, unit, city line) the
// document prints whose street line starts with house (a house number,
// or "PO"/"P.O." for a box): the street run, the unit run beside or
// under it, and the nearest city-state-ZIP run under it. Forms that put
// the street, the unit and the city in captioned cells of their own are
// read the same way.
//
// A scan's second reading is searched after the first.
func AddressesAt(doc *extract.Document, house string) []Value {
	if strings.TrimSpace(house) == "" || doc == nil {
		return nil
	}
	out := addressesAt(doc, house)
	for _, r := range rereadings(doc) {
		out = append(out, addressesAt(r, house)...)
	}
	return out
}

func addressesAt(doc *extract.Document, house string) []Value {
	doc = relined(doc)
	var out []Value
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			runs := columnRuns(l.Words)
			for ri, run := range runs {
				if i := startAt(run, house); i >= 0 {
					street := run[i:]
					if ri+1 < len(runs) && unitRun.MatchString(span{words: runs[ri+1]}.text()) {
						street = append(append([]extract.Word(nil), street...), runs[ri+1]...)
					}
					if v, ok := wholeAddress(p, pi+1, li, street); ok {
						out = append(out, v)
					}
				}
			}
		}
	}
	return out
}

func startAt(run []extract.Word, house string) int {
	for i, w := range run {
		if strings.EqualFold(strings.TrimRight(w.Text, ","), house) {
			return i
		}
	}
	return -1
}

// wholeAddress completes a street run with the unit and city runs under
// it, within four lines, nearest in x first.
func wholeAddress(p extract.Page, page, li int, street []extract.Word) (Value, bool) {
	parts := []span{{page: page, line: li, words: street}}
	st := span{words: street}
	if cityStateZIP.MatchString(st.text()) {
		return joinSpans(parts, ""), true
	}
	x0, lh := st.box()[0], height(st.box())
	bottom := st.box()[3]
	for k := li + 1; k < len(p.Lines) && k <= li+4; k++ {
		l := p.Lines[k]
		if l.Box[1]-bottom > 3*lh {
			break
		}
		var best []extract.Word
		for _, run := range columnRuns(l.Words) {
			t := strings.TrimSpace(span{words: run}.text())
			if (cityStateZIP.MatchString(t) || unitRun.MatchString(t)) && (best == nil || abs(run[0].Box[0]-x0) < abs(best[0].Box[0]-x0)) {
				best = run
			}
		}
		if best == nil || abs(best[0].Box[0]-x0) > 40*lh {
			continue
		}
		parts = append(parts, span{page: page, line: k, words: best})
		bottom = l.Box[3]
		if cityStateZIP.MatchString(span{words: best}.text()) {
			return joinSpans(parts, ""), true
		}
	}
	return Value{}, false
}
