package fields

import (
	"strings"
	"time"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// readAccountNumber reads the account or customer number beside its
// label, never a bank's account number printed for payments.
func readAccountNumber(doc *extract.Document) Value {
	var hits []labelHit
	for _, h := range findLabels(doc, accountNumberLabel) {
		if !bankContext.MatchString(lineText(doc, h)) {
			hits = append(hits, h)
		}
	}
	return agreed(candidates(doc, hits, accountNumberValue), func(v Value) string { return strings.ToUpper(squash(v.Text)) })
}

// readBillDate reads the bill's own date: beside a bill-date label, or
// beside a bare "Date" that no word beside it turns into another date
// (due, order, delivery, period).
func readBillDate(doc *extract.Document, lang string) (Value, time.Time) {
	sameDay := func(v Value) string {
		_, t := dateOf(v, lang)
		return t.Format(time.DateOnly)
	}
	if v := agreed(candidates(doc, findLabels(doc, billDateLabel), dateValue(lang)), sameDay); v.Found() {
		return dateOf(v, lang)
	}
	var hits []labelHit
	for _, h := range findLabels(doc, genericDateLabel) {
		if !qualified(doc, h) {
			hits = append(hits, h)
		}
	}
	if v, t := dateOf(readHits(doc, hits, dateValue(lang)), lang); v.Found() {
		return v, t
	}
	return dateOf(readLabelled(doc, periodEndLabel, dateValue(lang)), lang)
}

// qualified: the word before a bare date label, or the words between
// it and its value, say which other date it is.
func qualified(doc *extract.Document, h labelHit) bool {
	l := doc.Pages[h.label.page-1].Lines[h.label.line]
	first := h.label.words[0]
	for i, w := range l.Words {
		if w.Box == first.Box && w.Text == first.Text && i > 0 && dateQualifier.MatchString(l.Words[i-1].Text) {
			return true
		}
	}
	var next []string
	for _, w := range h.after {
		if countDigits(w.Text) > 0 || len(next) == 3 {
			break
		}
		next = append(next, w.Text)
	}
	return dateQualifier.MatchString(strings.Join(next, " "))
}

func dateValue(lang string) valueFn {
	return func(s span) (span, bool) {
		_, text, ok := findDate(s.text(), lang)
		if !ok {
			return s, false
		}
		return narrow(s, text), true
	}
}

func lineText(doc *extract.Document, h labelHit) string {
	return doc.Pages[h.label.page-1].Lines[h.label.line].Text
}

// belowRight reads a value printed under its label but pushed right, as
// right-aligned columns print it ("Rechnungsdatum" over "05.03.2013"):
// the first line under the label whose words start right of it, with
// nothing under the label itself.
func belowRight(doc *extract.Document, h labelHit) (span, bool) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	lh := height(lb)
	for li := h.label.line + 1; li < len(p.Lines) && li <= h.label.line+2; li++ {
		l := p.Lines[li]
		if l.Box[1]-lb[3] > 2*lh {
			break
		}
		if len(runAt(l.Words, lb[0]-lh, lb[2])) > 0 {
			return span{}, false
		}
		if run := runAt(l.Words, lb[2], lb[2]+15*lh); len(run) > 0 {
			s := span{page: h.label.page, line: li, words: run}
			return s, !blockGoesOn(p, li, s.box(), lb)
		}
	}
	return span{}, false
}

// blockGoesOn: the line after the value's, close under it, starts under
// the label and is no label: the label heads a block printed at its
// left edge, so a first line standing right of that edge has lost its
// start (OCR dropped a word: "Bay Marine" of "Anchor Bay Marine") or
// belongs to another column, and is no right-aligned value.
func blockGoesOn(p extract.Page, li int, vb, lb extract.Box) bool {
	lh := height(lb)
	for _, l := range p.Lines[li+1:] {
		run := runAt(l.Words, lb[0]-lh, lb[0]+lh)
		if len(run) == 0 {
			continue
		}
		rb := span{words: run}.box()
		if rb[1]-vb[3] > 1.8*lh {
			return false
		}
		t := span{words: run}.text()
		return !isLabel(t) && !startsWithLabel(t)
	}
	return false
}

// customerValue accepts a name, without a courtesy or routing prefix
// ("ATTN:"), and not one of the document's own headings.
func customerValue(s span) (span, bool) {
	if len(s.words) > 0 {
		joined := s.text()
		if loc := attention.FindStringIndex(joined); loc != nil && loc[1] > 0 {
			from, _ := wordRange(startsOf(s.words), loc[1], loc[1]+1)
			s.words = s.words[from:]
		}
	}
	if len(s.words) == 0 || notName.MatchString(s.text()) || labelRole(s.text()) != "" {
		return s, false
	}
	s.words = trimTrailingPunct(s.words)
	return nameValue(s)
}

func startsOf(ws []extract.Word) []int {
	_, starts := extract.JoinWords(ws)
	return starts
}

func trimTrailingPunct(ws []extract.Word) []extract.Word {
	if len(ws) == 0 {
		return ws
	}
	out := append([]extract.Word(nil), ws...)
	last := &out[len(out)-1]
	last.Text = strings.TrimRight(last.Text, ",;")
	if last.Text == "" {
		out = out[:len(out)-1]
	}
	return out
}

// readNamedCustomer reads the name the bill is addressed to where a
// label names it: beside a name label, first under a bill-to label,
// beside a lone "Razón Social", or first in a service block.
func readNamedCustomer(doc *extract.Document) Value {
	if v := readLabelled(doc, accountNameLabel, customerValue); v.Found() {
		return continueName(doc, v)
	}
	if v := readLabelled(doc, customerBlockLabel, customerValue); v.Found() {
		return continueName(doc, v)
	}
	if v := readLabelled(doc, legalNameLabel, customerValue); v.Found() {
		return continueName(doc, v)
	}
	if v := nameAbove(doc, serviceAddrLabel); v.Found() {
		return v
	}
	return nameAbove(doc, mailingAddrLabel)
}

// readCustomer is readNamedCustomer, or else the first line of the
// recipient's address block.
func readCustomer(doc *extract.Document, blocks []block, named Value, issuer string) Value {
	if named.Found() {
		return named
	}
	if r, _ := parties(doc, blocks, issuer, ""); r != nil {
		if v, ok := customerValue(r.name()); ok && !sameName(v.text(), issuer) {
			return v.value("", confSearch)
		}
	}
	return Value{}
}

// continueName adds the next line to a capitalised name that a narrow
// box wrapped ("LA SEGUNDA COOPERATIVA LTDA DE SEGUROS" / "GENERALES"):
// a short line of capitals under the value's first letter.
//
// A name broken at its hyphen ("Tamsin Okonkwo-" / "Reyes") goes on
// the same way, joined without a space; one whose rest cannot be found
// is no value, since half a name would accuse the order.
func continueName(doc *extract.Document, v Value) Value {
	broken := strings.HasSuffix(v.Text, "-")
	if v.Page == 0 || !allCaps(v.Text) && !broken {
		return v
	}
	p := doc.Pages[v.Page-1]
	lh := v.Box[3] - v.Box[1]
	for _, l := range p.Lines {
		if l.Box[1] <= v.Box[1] || l.Box[1]-v.Box[3] > 0.8*lh {
			continue
		}
		run := runAt(l.Words, v.Box[0]-lh/2, v.Box[0]+lh/2)
		t := span{words: run}.text()
		if len(run) == 0 || len(run) > 3 || !broken && !allCaps(t) || countDigits(t) > 0 || strings.ContainsAny(t, ":@") {
			break
		}
		if broken {
			v.Text += t
		} else {
			v.Text += " " + t
		}
		v.Box = union(v.Box, span{words: run}.box())
		return v
	}
	if broken {
		return Value{}
	}
	return v
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// Labels that name the issuer: the seller, the payee of a transfer,
// the sender of the document.
var (
	sellerLabel = lazyRegexp(`(?i)\b(?:sold by|seller|service provider|provided by|vendu par|vendeur|vendido por|verkauft (?:von|durch)|verk[äa]ufer|verkocht door|verkoper|in favou?r of|payable to|titulaire du compte|kontoinhaber|rechnungsersteller)(?:\s|$|:)\s*:?`)
	fromLabel   = lazyRegexp(`(?i)(?:^|\s)(?:de|from|von|van)\s*:`)
)

// readIssuer reads who issued the bill: a carrier known by one of its
// names, a seller or payee label, the sender line over the address
// window, a company's registration line, the form's own "Razón Social",
// or the letterhead block. Never the customer.
func readIssuer(doc *extract.Document, blocks []block, customer string) (Value, string) {
	if v, brand := readCarrier(doc); v.Found() {
		return v, brand
	}
	notCustomer := func(s span) (span, bool) {
		v, ok := customerValue(s)
		return v, ok && !sameName(v.text(), customer)
	}
	tries := []func() Value{
		func() Value { return readLabelled(doc, sellerLabel, notCustomer) },
		func() Value { return readLabelled(doc, fromLabel, notCustomer) },
		func() Value { return readSenderLine(doc) },
		func() Value { return readRegistered(doc, customer) },
		func() Value {
			if len(findLabels(doc, accountNameLabel)) == 0 {
				return Value{}
			}
			return readLabelled(doc, legalNameLabel, notCustomer)
		},
		func() Value {
			if _, s := parties(doc, blocks, "", customer); s != nil {
				if v, ok := notCustomer(s.name()); ok {
					return v.value("", confSearch)
				}
			}
			return Value{}
		},
	}
	for _, try := range tries {
		if v := try(); v.Found() {
			return v, CarrierBrand(v.Text)
		}
	}
	return Value{}, ""
}

// senderSep separates the parts of a one-line return address.
var senderSep = lazyRegexp(`\s+[-–·|•]\s+`)

// readSenderLine reads the one-line return address printed over a
// window envelope's address ("QualityHosting AG - Uferweg 40-42 -
// D-63571 Gelnhausen"): three parts or more, a postal code in the last
// ones, a name without digits first.
func readSenderLine(doc *extract.Document) Value {
	if len(doc.Pages) == 0 {
		return Value{}
	}
	p := doc.Pages[0]
	for li, l := range p.Lines {
		if p.Height > 0 && l.Box[1] > p.Height/2 {
			break
		}
		for _, run := range columnRuns(l.Words) {
			text := span{words: run}.text()
			parts := senderSep.Split(text, -1)
			if len(parts) < 3 || countDigits(parts[0]) > 0 || !postalCode.MatchString(strings.Join(parts[1:], " ")) {
				continue
			}
			s := narrow(span{page: 1, line: li, words: run}, parts[0])
			if v, ok := customerValue(s); ok {
				return v.value("", confSearch)
			}
		}
	}
	return Value{}
}

var postalCode = lazyRegexp(`\b\d{4,5}\b`)

// legalEntity is a company name ending in its legal form.
var legalEntity = lazyRegexp(`^(\p{L}[\p{L}\p{N}&'.\- ]{1,50}?[ ,]\s*(?:GmbH|AG|(?i:s\.?\s?a\.?\s?r\.?\s?l\.?)|SAS|SARL|S\.A\.S\.|S\.A\.|SA|B\.V\.|BV|N\.V\.|Inc\.?|LLC|Ltd\.?|Limited|Pvt\.?\s?Ltd\.?|Private Limited|S\.R\.L\.|SRL|S\.L\.|Corp\.?|plc))(?:$|[\s,·|–-])`)

// registration is what follows a company's name where it states its
// registration: seat, capital, register, board, tax numbers, address.
var registration = lazyRegexp(`(?i)\b(?:registered office|si[èe]ge|capital|rcs|registergericht|amtsgericht|hrb|vorstand|gesch[äa]ftsf[üu]hrer|kvk|handelsregister|cin|ust-?id\w*|vat|tva|btw)\b|\b\d{4,5}\b`)

// readRegistered reads a company's registration line, where it names
// itself with its legal form and then its seat, capital or register
// ("Free SAS au capital de ...", "Oravel Stays Private Limited" over
// "Registered Office: ..."), and that is not the customer.
func readRegistered(doc *extract.Document, customer string) Value {
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			for _, run := range columnRuns(l.Words) {
				text := span{words: run}.text()
				m := legalEntity.FindStringSubmatch(text)
				if m == nil || sameName(m[1], customer) {
					continue
				}
				rest := text[len(m[1]):]
				next := ""
				if li+1 < len(p.Lines) {
					next = p.Lines[li+1].Text
				}
				if !registration.MatchString(rest) && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(next)), "registered office") {
					continue
				}
				s := narrow(span{page: pi + 1, line: li, words: run}, m[1])
				s.words = trimTrailingPunct(s.words)
				return s.value("", confSearch)
			}
		}
	}
	return Value{}
}
