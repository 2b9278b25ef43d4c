package fields

import (
	"regexp"
	"strings"
	"time"

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
}

// Signed reports whether the LOA shows a signature.
func (l *LOA) Signed() bool { return l.SignatureKind != "" }

var (
	signerLabel    = regexp.MustCompile(`(?i)\b(?:print(?:ed)? name|authori[sz]ed (?:signer|signatory|person|representative|contact)(?:'s)?(?: name)?|name of (?:authori[sz]ed )?(?:signer|person|representative)|signer(?:'s)? name|(?:customer|end user) name \(print\))\s*:?`)
	titleLabel     = regexp.MustCompile(`(?i)\b(?:title|position|job title)\s*:?`)
	signatureLabel = regexp.MustCompile(`(?i)\b(?:authori[sz]ed signature|customer signature|signature of (?:authori[sz]ed )?(?:customer|signer|person|representative)|signature|signed)\s*:?`)
	signedLabel    = regexp.MustCompile(`(?i)\b(?:date signed|signature date|signed on|dated|date)\s*:?`)
	carrierLabel   = regexp.MustCompile(`(?i)\b(?:current (?:carrier|provider|service provider|phone company)|losing (?:carrier|provider)|existing (?:carrier|provider)|old (?:carrier|provider)|service provider|carrier name)\s*:?`)
	loaNameLabel   = regexp.MustCompile(`(?i)\b(?:account name|customer name|business name|company name|end user name|name on (?:the )?account|account holder|subscriber name)\s*:?`)
	statement      = regexp.MustCompile(`(?i)\b(?:hereby )?authori[sz](?:e|es|ed|ing)\b[^.]*\b(?:port|transfer|switch|move|act (?:as|on)|change)\b`)
	esignStamp     = regexp.MustCompile(`(?i)\b(?:docusigned by|docusign envelope id|adobe (?:acrobat )?sign|dropbox sign|hellosign|electronically signed|e-?signed by|signed electronically)\b`)
	typedSignature = regexp.MustCompile(`(?:^|\s)/s/\s*\S`)
)

// ReadLOA reads a Letter of Authorization.
func ReadLOA(doc *extract.Document, region string) *LOA {
	l := &LOA{}
	l.AccountName = readLabelled(doc, loaNameLabel, nameValue)
	l.AccountNumber = readLabelled(doc, accountNumberLabel, accountNumberValue)
	l.ServiceAddress = readAddress(doc, serviceAddrLabel)
	l.Numbers = accountNumbers(doc, region)
	l.Statement = firstLine(doc, statement)
	l.Carrier, l.CarrierBrand = readLOACarrier(doc)
	if !l.Carrier.Found() && l.Statement.Found() {
		// The authorization statement names the carrier the numbers
		// leave ("... from Verizon").
		l.Carrier, l.CarrierBrand = statementCarrier(l.Statement)
	}
	l.SignerName = readLabelled(doc, signerLabel, personValue)
	l.SignerTitle = readLabelled(doc, titleLabel, nameValue)
	l.Signature, l.SignatureKind = readSignature(doc)
	l.SignedDate, l.Date = readDate(doc, signedLabel, documentLanguage(doc))
	return l
}

// personValue accepts a name: letters, no digits, not a "/s/" mark
// and not another label.
func personValue(s span) (span, bool) {
	t := s.text()
	if strings.HasPrefix(t, "/s/") {
		t = strings.TrimSpace(strings.TrimPrefix(t, "/s/"))
		s = narrow(s, t)
	}
	if countDigits(t) > 0 || signatureLabel.MatchString(t) || titleLabel.MatchString(t) || signedLabel.MatchString(t) {
		return s, false
	}
	return nameValue(s)
}

func readLOACarrier(doc *extract.Document) (Value, string) {
	v := readLabelled(doc, carrierLabel, func(s span) (span, bool) {
		return nameValue(s)
	})
	if v.Found() {
		return v, CarrierBrand(v.Text)
	}
	return Value{}, ""
}

func statementCarrier(v Value) (Value, string) {
	printed, brand := findCarrier(v.Text)
	if printed == "" {
		return Value{}, ""
	}
	v.Text, v.Confidence = printed, confSearch
	return v, brand
}

func firstLine(doc *extract.Document, re *regexp.Regexp) Value {
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if re.MatchString(l.Text) {
				return span{page: pi + 1, line: li, words: l.Words}.value("", confSearch)
			}
		}
	}
	return Value{}
}

// readSignature decides whether the LOA is signed (DOMAIN.md): an
// e-signature stamp, a "/s/ Name" mark, a name set in a script or italic
// font on or above the signature line, or drawn strokes or an image
// there. A blank line above "Signature" is not signed, even when the
// printed name and date beside it are filled in.
func readSignature(doc *extract.Document) (Value, string) {
	if v := firstLine(doc, esignStamp); v.Found() {
		return v, "esign"
	}
	if v := firstLine(doc, typedSignature); v.Found() {
		return v, "typed"
	}
	for _, h := range findLabels(doc, signatureLabel) {
		if v, kind := markNear(doc, h); kind != "" {
			return v, kind
		}
	}
	return Value{}, ""
}

// markNear looks at the signature area: the label's line and the two
// lines above it (a signature stands on the line over its caption), to
// the label's right and above it.
func markNear(doc *extract.Document, h labelHit) (Value, string) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	area := extract.Box{lb[0] - 20, lb[1] - 4*height(lb), p.Width, lb[3]}
	for li := max(0, h.label.line-3); li <= h.label.line; li++ {
		for _, w := range p.Lines[li].Words {
			if inside(w.Box, area) && isScriptFont(w.Font) && !signatureLabel.MatchString(w.Text) {
				return span{page: h.label.page, line: li, words: []extract.Word{w}}.value(h.label.text(), confBelow), "script"
			}
		}
	}
	if p.TextSource == extract.SourceOCR {
		if v, ok := inkAbove(p, h); ok {
			return v, "handwritten"
		}
	}
	for _, m := range p.Marks {
		if overlaps(m.Box, area) {
			kind := "drawn"
			if m.Kind == extract.MarkImage {
				kind = "image"
			}
			return Value{Text: "(" + kind + " signature)", Page: h.label.page, Box: m.Box, Label: h.label.text(), Confidence: confBelow}, kind
		}
	}
	return Value{}, ""
}

var scriptFont = regexp.MustCompile(`(?i)script|hand|brush|signature|zapfchancery|chancery|italic|oblique|cursive`)

func isScriptFont(name string) bool { return name != "" && scriptFont.MatchString(name) }

func inside(b, area extract.Box) bool {
	return b[0] >= area[0] && b[2] <= area[2] && b[1] >= area[1] && b[3] <= area[3]
}

func overlaps(a, b extract.Box) bool {
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

// inkAbove: on a scanned page there are no fonts to tell a signature by,
// but a handwritten or script signature leaves words (often garbled) on
// the signature line, over its caption and within its width; a blank
// line leaves none. The area stops short of the printed name and date
// that forms put to the right.
func inkAbove(p extract.Page, h labelHit) (Value, bool) {
	lb := h.label.box()
	area := extract.Box{lb[0] - 20, lb[1] - 4*height(lb), lb[2] + 150, lb[1]}
	for li := max(0, h.label.line-3); li < h.label.line+1; li++ {
		for _, w := range p.Lines[li].Words {
			if !overlaps(w.Box, area) || w.Box[3] > lb[1]+2 || !hasLetters(w.Text, 3) || anyLabel(w.Text) {
				continue
			}
			return span{page: h.label.page, line: li, words: []extract.Word{w}}.value(h.label.text(), confBelow), true
		}
	}
	return Value{}, false
}

// hasLetters: at least min letters; a speck read as "ee" is not ink.
func hasLetters(s string, min int) bool {
	n := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			n++
		}
	}
	return n >= min
}

func anyLabel(s string) bool {
	return signatureLabel.MatchString(s) || signerLabel.MatchString(s) || signedLabel.MatchString(s) || titleLabel.MatchString(s)
}
