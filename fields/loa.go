package fields

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// LOA is what a Letter of Authorization says.
type LOA struct {
	AccountName    Value
	AccountNumber  Value
	ServiceAddress Value
	Carrier        Value // the current (losing) carrier
	CarrierBrand   string
	Numbers        []Value // the numbers it authorizes, Text E.164
	Statement      Value   // the authorization statement
	SignerName     Value
	SignerTitle    Value
	Signature      Value  // what shows the signature: the e-signature stamp, the "/s/" text, or the signature line
	SignatureKind  string // "esign", "typed", "script", "drawn", "image", or "" when unsigned
	SignedDate     Value
	Date           time.Time
	// FullPort is the LOA's own answer to whether every number of the
	// account moves (a ticked "all my numbers" or "some of my numbers"
	// box), nil when it gives none; FullPortBy is the box and caption.
	FullPort   *bool
	FullPortBy Value
	// HolderSigns: the signature's caption says the account holder signs
	// ("Unterschrift / Vertragspartner", "Signature of account holder")
	// and the form prints no signer's name of its own: the customer named
	// on it is the one who signs.
	HolderSigns Value
}

// Signed reports whether the LOA shows a signature.
func (l *LOA) Signed() bool { return l.SignatureKind != "" }

var (
	signerLabel = lazyRegexp(`(?i)\b(?:print(?:ed)? name|name \(print(?:ed)?\)|authori[sz]ed (?:signer|signatory|person|representative|contact)(?:'s)?(?: name)?|authori[sz]ed name|name of (?:authori[sz]ed )?(?:signer|signatory|person|representative)|(?:signer|signatory)(?:'s)? name|(?:customer|end user) name \(print\)|authori[sz]ing (?:person|name)(?:'s name)?|naam (?:van de )?ondertekenaar|nom du signataire|nom et pr[ée]nom du signataire|name des unterzeichn\S*|unterzeichner(?:name)?)\s*:?`)
	// titleLabel: "Its:" is the title's caption under a legal "By:" line.
	titleLabel     = lazyRegexp(`(?i)\b(?:title|position|job title)\s*:?|\bits\s*:`)
	signatureLabel = lazyRegexp(`(?i)\b(?:authori[sz]ed signature|customer signature|signature of (?:authori[sz]ed )?(?:customer|signer|person|representative)|signature|signed|unterschrift|handtekening)\s*:?`)
	signedLabel    = lazyRegexp(`(?i)\b(?:date signed|signature date|signed on|dated|date de signature|date|ort,? datum|datum)\s*:?`)
	carrierLabel   = lazyRegexp(`(?i)\b(?:current (?:(?:wireless|mobile|phone|telephone|voice|local) )?(?:carrier|provider|service provider|phone company)|losing (?:carrier|provider)|existing (?:carrier|provider)|old (?:carrier|provider)|service provider|carrier name|current reseller|fournisseur de services? actuel|op[ée]rateur actuel|huidige (?:communicatie|service)?provider|bisheriger anbieter|abgebender anbieter)\s*:?`)
	loaNameLabel   = lazyRegexp(`(?i)\b(?:account name|customer name|business name|company name|end user name|name on (?:the |your |carrier |current )?(?:account|bill)|account holder|subscriber name|naam van de klant|klantnaam|bedrijfsnaam|nom du client|nom de la soci[ée]t[ée]|raison sociale|name\s*/\s*firma|firmenname|kundenname)\s*:?`)
	esignStamp     = lazyRegexp(`(?i)\b(?:docusigned by|docusign envelope id|adobe (?:acrobat )?sign|dropbox sign|hellosign|electronically signed|e-?signed by|signed electronically|digitally signed by` +
		`|signed (?:with|via|using|through|on) (?:pandadoc|signnow|zoho ?sign|yousign|signwell|docuseal|signeasy|docusign|adobe (?:acrobat )?sign|dropbox sign|hellosign|onespan|signrequest))\b`)
	// loaAccountLabel: account-number captions of LOA forms the bill
	// labels do not hold.
	loaAccountLabel = lazyRegexp(`(?i)(?:^|\s)(?:num[ée]ro de compte|n[°º] de compte|kontonummer|klantnummer bij (?:de )?huidige provider)\s*:?`)
	typedSignature  = lazyRegexp(`(?:^|\s)/s/\s*\S`)
)

// ReadLOA reads a Letter of Authorization in any of its common shapes
// (DOMAIN.md): a boxed form, a letter with a closing, a sectioned form
// with a numbers table, dense clauses. Prose is read only for the
// authorization statement (and the carrier it names); every other value
// stands beside, under or over its label, or in a letter's sign-off.
// A scan read twice gives the fields its first reading missed from its
// second, then from its regions read alone (second.go).
func ReadLOA(doc *extract.Document, region string) *LOA {
	l := readLOA(doc, region)
	if doc != nil && doc.Second != nil {
		s := readLOA(doc.Second, region)
		fillLOA(l, s)
		if !l.Signed() && s.Signed() && !sigCaptionRead(doc) {
			// The first reading lost the signature's caption (ink in a
			// box garbles its row), so it could not judge the signature.
			l.Signature, l.SignatureKind = s.Signature, s.SignatureKind
		}
	}
	if doc != nil && doc.Regions != nil {
		fillLOA(l, readLOA(doc.Regions, region))
	}
	return l
}

// sigCaptionRead: a reading holds a signature caption outside prose.
func sigCaptionRead(doc *extract.Document) bool {
	return len(loaLabels(doc, proseLines(doc), sigCaption)) > 0
}

func readLOA(doc *extract.Document, region string) *LOA {
	pr := proseLines(doc)
	blocks := closingBlocks(doc, pr)
	l := &LOA{}
	nameHits, accountHits, carrierHits := loaLabels(doc, pr, loaNameLabel), accountCaptions(doc, pr), loaLabels(doc, pr, carrierLabel)
	where := cellRead{aboveFirst: captionsUnder(doc, pr, nameHits, accountHits, carrierHits,
		loaLabels(doc, pr, serviceAddrLabel), loaLabels(doc, pr, btnLabel))}
	l.AccountName = first(cellValues(doc, pr, nameHits, nameValue, where))
	l.AccountNumber = first(cellValues(doc, pr, notBanks(doc, accountHits), accountNumberValue, where))
	l.ServiceAddress = readLOAAddress(doc, pr)
	l.Numbers = nationalNumbers(doc, region, accountNumbers(doc, region))
	var paras []paragraph
	l.Statement, paras = readStatement(doc, pr)
	l.Carrier, l.CarrierBrand = readLOACarrier(doc, pr, paras, carrierHits, where)
	l.SignerName, l.SignerTitle = readSigner(doc, pr, blocks)
	l.Signature, l.SignatureKind = readSignature(doc, pr, blocks)
	l.SignedDate, l.Date = readSignedDate(doc, pr, blocks, documentLanguage(doc))
	l.FullPort, l.FullPortBy = readFullPort(doc)
	if !l.SignerName.Found() && l.AccountName.Found() {
		l.HolderSigns = holderSigns(doc, pr)
	}
	for _, v := range []*Value{&l.AccountName, &l.Carrier, &l.SignerName, &l.SignerTitle, &l.Statement} {
		v.Text = ligatures.Replace(v.Text)
	}
	return l
}

// ligatures spells out the typographic ligatures a text layer may hold
// ("Oﬃce"), so a value compares as the words it prints.
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

func first(vs []Value) Value {
	if len(vs) == 0 {
		return Value{}
	}
	return vs[0]
}

// accountCaptions are the account number's captions, a bill's and an
// LOA form's own.
func accountCaptions(doc *extract.Document, pr proseSet) []loaHit {
	return append(loaLabels(doc, pr, accountNumberLabel), loaLabels(doc, pr, loaAccountLabel)...)
}

// notBanks drops the captions of a bank's account number.
func notBanks(doc *extract.Document, hits []loaHit) []loaHit {
	var out []loaHit
	for _, h := range hits {
		if !bankContext.MatchString(lineText(doc, h.labelHit)) {
			out = append(out, h)
		}
	}
	return out
}

// particle: the lower-case words a person's name may hold.
var particle = lazyRegexp(`^(?:de|del|della|der|den|van|von|la|le|da|di|du|dos|bin|al|y|e)$`)

// personValue accepts a person's name: a few capitalised words (and
// name particles), no digits, not a "/s/" mark and not a label.
func personValue(s span) (span, bool) {
	t := s.text()
	if strings.HasPrefix(t, "/s/") {
		t = strings.TrimSpace(strings.TrimPrefix(t, "/s/"))
		s = narrow(s, t)
	}
	if name, _, ok := nameThenTitle(s); ok {
		s, t = name, name.text()
	}
	s.words = trimTrailingPunct(s.words)
	if len(s.words) == 0 || len(s.words) > 5 || countDigits(t) > 0 || isAnyLabel(t) || strings.ContainsAny(t, "@:") {
		return s, false
	}
	for _, w := range s.words {
		r := []rune(w.Text)
		if !unicode.IsUpper(r[0]) && !particle.MatchString(w.Text) {
			return s, false
		}
	}
	return nameValue(s)
}

// holderTitle: a person signing their own account gives "Account
// Holder" as their title, the words of a name label.
var holderTitle = lazyRegexp(`(?i)^account holder$`)

// nameSuffix is what may follow a person's name after a comma and is
// still the name ("Dana Whitfield, Jr.").
var nameSuffix = lazyRegexp(`^(?i:jr|sr|ii|iii|iv|esq|phd|md|cpa)\.?$`)

// nameThenTitle splits "Gus Ferreira, Owner", a name and title written in
// one cell under "Printed name and title": the words before the first
// comma, capitalised, and the words after it, unless those are a name's
// suffix.
func nameThenTitle(s span) (name, title span, ok bool) {
	for i, w := range s.words[:max(len(s.words)-1, 0)] {
		if !strings.HasSuffix(w.Text, ",") {
			continue
		}
		rest := s.words[i+1:]
		if i == 0 || len(rest) == 0 || nameSuffix.MatchString(rest[0].Text) {
			return s, span{}, false
		}
		for _, nw := range s.words[:i+1] {
			if r := []rune(nw.Text); !unicode.IsUpper(r[0]) {
				return s, span{}, false
			}
		}
		name, title = narrowWords(s, s.words[:i+1]), narrowWords(s, rest)
		name.words = trimTrailingPunct(name.words)
		return name, title, true
	}
	return s, span{}, false
}

func narrowWords(s span, ws []extract.Word) span {
	return span{page: s.page, line: s.line, words: ws}
}

// titleValue accepts a job title: a few words of letters.
func titleValue(s span) (span, bool) {
	if _, title, ok := nameThenTitle(s); ok {
		s = title
	}
	t := s.text()
	if len(s.words) > 6 || countDigits(t) > 0 || isAnyLabel(t) && !holderTitle.MatchString(t) || strings.ContainsAny(t, "@") {
		return s, false
	}
	return nameValue(s)
}

// readSigner reads the signer's printed name and title: beside, under
// or over their captions, or under a letter's closing (the name, then
// the title on the next line, with no labels).
func readSigner(doc *extract.Document, pr proseSet, blocks []closingBlock) (Value, Value) {
	name := first(cellValues(doc, pr, loaLabels(doc, pr, signerLabel), personValue, cellRead{above: true}))
	title := first(cellValues(doc, pr, loaLabels(doc, pr, titleLabel), titleValue, cellRead{above: true, allow: holderTitle}))
	if !name.Found() {
		name = first(cellValues(doc, pr, namesBySignature(doc, pr), personValue, cellRead{above: true}))
	}
	if name.Found() {
		return name, title
	}
	for _, b := range blocks {
		if b.name < 0 {
			continue
		}
		p := doc.Pages[b.page-1]
		s, _ := personValue(span{page: b.page, line: b.name, words: p.Lines[b.name].Words})
		name = s.value("", confBelow)
		if !title.Found() && b.name+1 < len(p.Lines) {
			next := span{page: b.page, line: b.name + 1, words: p.Lines[b.name+1].Words}
			if t, ok := titleValue(next); ok && !pr.has(next) && next.box()[1]-name.Box[3] < height(name.Box) {
				title = t.value("", confBelow)
			}
		}
		return name, title
	}
	return Value{}, title
}

// bareName is a plain "Name" caption.
var bareName = lazyRegexp(`(?i)(?:^|\s)name(?:\s*:|$)`)

// namesBySignature: a plain "Name" caption in the signature block
// (within a few lines' height of a signature caption) is the signer's printed name,
// as in "Name: ____  Title: ____  Signature: ____  Date: ____".
func namesBySignature(doc *extract.Document, pr proseSet) []loaHit {
	sigs := loaLabels(doc, pr, sigCaption)
	var out []loaHit
	for _, h := range loaLabels(doc, pr, bareName) {
		if h.cellX != h.label.words[0].Box[0] {
			continue // "Account Name:", "Business name": the account's, not the signer's
		}
		for _, s := range sigs {
			if s.label.page == h.label.page && abs(s.label.box()[1]-h.label.box()[1]) <= 5*height(h.label.box()) {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

// carrierValue accepts a carrier's name: a short name, not a sentence.
func carrierValue(s span) (span, bool) {
	if len(s.words) > 6 {
		return s, false
	}
	return nameValue(s)
}

// readLOACarrier reads the current carrier beside its label, or from
// the authorization statement, which names it ("notify my current
// carrier, Spectrum, of my decision", "port ... from Verizon").
func readLOACarrier(doc *extract.Document, pr proseSet, paras []paragraph, hits []loaHit, where cellRead) (Value, string) {
	if v := first(cellValues(doc, pr, hits, carrierValue, where)); v.Found() {
		return v, CarrierBrand(v.Text)
	}
	if v := providerBlockCarrier(doc, pr); v.Found() {
		return v, CarrierBrand(v.Text)
	}
	for _, para := range paras {
		if name := namedCarrier(para.text); name != "" {
			return Value{Text: name, Page: para.page, Box: para.box, Confidence: confSearch}, CarrierBrand(name)
		}
	}
	if v := serviceWithCarrier(doc, pr); v.Found() {
		return v, CarrierBrand(v.Text)
	}
	return Value{}, ""
}

// apposition is the carrier a statement names after its role: "my
// current carrier, Windstream, of", "existing provider: Cox Business".
var apposition = lazyRegexp(`(?i)\b(?:current|existing|present|losing|old) (?:local )?(?:carrier|provider|service provider|phone company|telephone company)\s*[,:(]\s*([^,;:()]+?)\s*[,;)]`)

// namedCarrier is the carrier named in the statement's paragraph: a
// known carrier's name first, else the name set beside "current
// carrier" when it is written as a name (capitalised, short).
func namedCarrier(text string) string {
	if printed, _ := findCarrier(text); printed != "" {
		return printed
	}
	for _, m := range apposition.FindAllStringSubmatch(text, -1) {
		words := strings.Fields(m[1])
		if len(words) == 0 || len(words) > 5 || !unicode.IsUpper([]rune(words[0])[0]) || countDigits(m[1]) > 0 {
			continue
		}
		return m[1]
	}
	return ""
}

// dateNotSigning: words in a date label's cell that make it another
// date than the signing date (a requested port date, a due date, the
// bill's date).
var dateNotSigning = lazyRegexp(`(?i)\b(?:port|porting|requested|desired|due|bill|billing|statement|invoice|effective|birth|start|end|service|activation|expiration|expiry)\b`)

// readSignedDate reads the date the LOA was signed: beside, under or
// over a date caption that is the signing date's, else the date line of
// a letter's sign-off.
func readSignedDate(doc *extract.Document, pr proseSet, blocks []closingBlock, lang string) (Value, time.Time) {
	var specific, bare []loaHit
	for _, h := range loaLabels(doc, pr, signedLabel) {
		if otherDate(doc, h) {
			continue
		}
		if t := strings.Trim(h.label.text(), ": "); strings.EqualFold(t, "date") || strings.EqualFold(t, "datum") {
			bare = append(bare, h)
		} else {
			specific = append(specific, h)
		}
	}
	for _, hits := range [][]loaHit{specific, bare} {
		if v := first(cellValues(doc, pr, hits, dateValue(lang), cellRead{above: true})); v.Found() {
			return dateOf(v, lang)
		}
	}
	for _, h := range append(specific, bare...) {
		if v := dateAcross(doc, h, lang); v.Found() {
			return dateOf(v, lang)
		}
	}
	for _, b := range blocks {
		if v := blockDate(doc, b, lang); v.Found() {
			return dateOf(v, lang)
		}
	}
	return Value{}, time.Time{}
}

// dateAcross is a date written across its caption, the caption's
// words falling among the date's in the text layer ("November Date 5,
// 2026"): the caption's cell without the caption reads as a date.
func dateAcross(doc *extract.Document, h loaHit, lang string) Value {
	l := doc.Pages[h.label.page-1].Lines[h.label.line]
	for _, run := range overlapRuns(l.Words) {
		if run[0].Box[0] > h.label.words[0].Box[0] || !slices.ContainsFunc(run, func(w extract.Word) bool { return w.Box == h.label.words[0].Box }) {
			continue
		}
		var rest []extract.Word
		for _, w := range run {
			if !slices.ContainsFunc(h.label.words, func(lw extract.Word) bool { return lw.Box == w.Box }) {
				rest = append(rest, w)
			}
		}
		lb := h.label.box()
		if !slices.ContainsFunc(rest, func(w extract.Word) bool { return w.Box[0] < lb[2] && w.Box[2] > lb[0] }) {
			return Value{} // nothing over the caption: the date right of it was tried
		}
		s := span{page: h.label.page, line: h.label.line, words: rest}
		if d, ok := dateValue(lang)(s); ok && len(d.words) == len(rest) {
			return d.value(h.label.text(), confBelow)
		}
	}
	return Value{}
}

// otherDate: the words of the label's cell around it name another date.
func otherDate(doc *extract.Document, h loaHit) bool {
	l := doc.Pages[h.label.page-1].Lines[h.label.line]
	var cell []string
	for _, run := range columnRuns(l.Words) {
		if run[0].Box[0] <= h.label.words[0].Box[0] && run[len(run)-1].Box[2] >= h.label.words[0].Box[2] {
			for _, w := range run {
				if countDigits(w.Text) == 0 {
					cell = append(cell, w.Text)
				}
			}
		}
	}
	label := h.label.text()
	rest := strings.Replace(strings.Join(cell, " "), label, " ", 1)
	return dateNotSigning.MatchString(rest) || dateNotSigning.MatchString(label)
}

// blockDate: a date printed alone on a line of a letter's sign-off.
func blockDate(doc *extract.Document, b closingBlock, lang string) Value {
	p := doc.Pages[b.page-1]
	from := b.name
	if from < 0 {
		from = b.closing
	}
	for i := from + 1; i < len(p.Lines) && i <= from+4; i++ {
		s := span{page: b.page, line: i, words: p.Lines[i].Words}
		if d, ok := dateValue(lang)(s); ok && len(d.words) == len(s.words) {
			return d.value("", confBelow)
		}
	}
	return Value{}
}
