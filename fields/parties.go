package fields

import (
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// Many bills and invoices print no label over the customer: the name
// and address stand in a block where a window envelope shows them, and
// the issuer's own block (letterhead) sits above or beside it. A block
// is a column of two to six lines starting at one x, the last lines a
// postal code with a city, or a country.

// postalLine is a line that ends an address in the European, Argentine,
// Indian and US forms: "69100 Villeurbanne", "75371 Paris Cedex 08", "(2300) -
// RAFAELA - Santa Fe", "1025 RX Amsterdam", "Wien 1060", "Lucknow 226010",
// "D-63571 Gelnhausen", and US city-state-ZIP. A US street line ("4557 De
// Silva St") has the same shape as a postal line and is told apart by
// its street suffix.
var (
	postalForms = []*pattern{
		lazyRegexp(`^(?:[A-Z]-)?\(?\d{4,5}\)?\s*[-–]?\s*\p{L}[\p{L} '.,-]*(?:\s\d{1,2})?$`),
		lazyRegexp(`^\d{4}\s?[A-Z]{2}\s+\p{L}[\p{L} '.-]*$`),
		lazyRegexp(`^\p{L}[\p{L} .'-]*\s\d{4,6}$`),
		lazyRegexp(`\(\d{4}\)\s*[-–]?\s*\p{L}[\p{L} .'-]*$`),
		lazyRegexp(`^\p{L}[\p{L} .'-]*\s\d{6}\s+\p{L}[\p{L} ]*$`), // Indian PIN and state
	}
	streetSuffix = lazyRegexp(`(?i)\b(?:st|street|ave|avenue|road|rd|blvd|boulevard|drive|dr|lane|ln|way|court|ct|place|pl|hwy|highway|pkwy|parkway|suite|ste|floor|cir|circle|ter|terr|terrace|trl|trail|loop|sq|square|plz|plaza|row|aly|alley|path|pike|expy|fwy|freeway|ctr|center|xing|crossing|cv|cove|hts|heights|mall|walk|pass)\.?(?:\s+(?:[NSEW]|NE|NW|SE|SW)\.?)?$`)
	// unitLine is the second line of a street address: a suite, unit,
	// floor or building, or a post-office box. Its number is no postal
	// code.
	unitLine = lazyRegexp(`(?i)^(?:suite|ste|unit|rm|room|floor|fl|bldg|building|apt|apartment|dept|department|#|(?:p\.?\s?o\.?\s?)?box|post office box)\.?\s*#?\s*[\w-]+$`)
	// usStreetStart is a US street line's start: a house number and a
	// direction ("1200 N Main"), never a postal code and a city.
	// streetAndUnit is a street line that goes on with its unit
	// ("9278 Kingsley Pl, Bldg C").
	streetAndUnit = lazyRegexp(`(?i)\b(?:st|street|ave|avenue|road|rd|blvd|boulevard|drive|dr|lane|ln|way|court|ct|place|pl|hwy|highway|pkwy|parkway|cir|circle|ter|terrace|trl|trail|sq|square|plaza)\.?,?\s+(?:suite|ste|unit|rm|room|floor|fl|bldg|building|apt|#)\b`)
	usStreetStart = lazyRegexp(`^\d{1,6}\s+(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?\s`)
)

func postalLine(text string) bool {
	text = strings.TrimSpace(text)
	if !hasDigitRun(text, 4) {
		return false // every postal form and cityStateZIP holds a code of four digits or more
	}
	if streetSuffix.MatchString(text) || unitLine.MatchString(text) || usStreetStart.MatchString(text) || streetAndUnit.MatchString(text) {
		return cityStateZIP.MatchString(text) && !unitLine.MatchString(text)
	}
	for _, re := range postalForms {
		if re.MatchString(text) {
			return true
		}
	}
	return cityStateZIP.MatchString(text)
}

// hasDigitRun reports whether s holds n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if run++; run >= n {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// countryLine is a line that names only a country.
var countryLine = lazyRegexp(`(?i)^(?:france|nederland|the netherlands|netherlands|deutschland|germany|österreich|osterreich|austria|españa|spain|argentina|belgique|belgië|belgium|schweiz|suisse|switzerland|united states(?: of america)?|usa|u\.s\.a\.|united kingdom|uk|india|hong kong|hk|italia|italy|luxembourg)$`)

// emailOnly is a line that holds only an e-mail address.
var emailOnly = lazyRegexp(`^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$`)

// notName is a first line that is not a party's name: a heading, a
// label or a document title.
var notName = lazyRegexp(`(?i)^(?:invoice|facture|factura|rechnung|factuur|bill|statement|page|date|total|tel|phone|fax|e-?mail|www\.|http|iban|bic|vat|tva|btw|cuit|siret|kvk)\b|:\s*$|@|^\(` +
	// a document's title is no party's name
	`|\b(?:service record|letter of (?:authori[sz]ation|agency)|account summary|billing statement)\b`)

// block is an address block: its lines, top to bottom.
type block struct {
	page  int
	lines []span
	role  string // roleRecipient or roleSender when a label over it says so
}

const (
	roleRecipient = "recipient"
	roleSender    = "sender"
)

func (b block) top() float64 { return b.lines[0].box()[1] }

// name is the block's first line, the party's name.
func (b block) name() span { return b.lines[0] }

// addressBlocks finds the address blocks on the first page of doc, in
// reading order (top to bottom, then left to right).
func addressBlocks(doc *extract.Document) []block {
	if len(doc.Pages) == 0 {
		return nil
	}
	p := doc.Pages[0]
	type col struct {
		lines []span
		open  bool
	}
	var cols []*col
	for li, l := range p.Lines {
		for _, run := range columnRuns(l.Words) {
			s := span{page: 1, line: li, words: run}
			placed := false
			for _, c := range cols {
				last := c.lines[len(c.lines)-1]
				if c.open && continues(last, s) {
					c.lines = append(c.lines, s)
					placed = true
					break
				}
			}
			if !placed {
				cols = append(cols, &col{lines: []span{s}, open: true})
			}
		}
		// a column whose last line is far above this one is closed
		for _, c := range cols {
			last := c.lines[len(c.lines)-1]
			if l.Box[1]-last.box()[3] > 2*height(last.box()) {
				c.open = false
			}
		}
	}
	var out []block
	for _, c := range cols {
		if b, ok := trimBlock(c.lines); ok {
			out = append(out, b)
		}
	}
	return out
}

// continues says whether s continues the block whose last line is
// last: it starts where the block's lines start (within about half a
// character), close under it. A heading over the block ("Your monthly
// statement" a few points off its left edge) and the next column's
// words are not part of it.
func continues(last, s span) bool {
	lb, sb := last.box(), s.box()
	lh := height(lb)
	small := min(lh, height(sb))
	return abs(sb[0]-lb[0]) < max(2, 0.6*small) && sb[1]-lb[3] < 1.2*lh && sb[1] > lb[1]
}

// trimBlock keeps the address part of a column: up to the postal line
// (and a country line after it), and at most four lines above it.
func trimBlock(lines []span) (block, bool) {
	end := -1
	for i, s := range lines {
		if postalLine(s.text()) {
			end = i
			break
		}
	}
	if end < 0 {
		// a block of three or more lines may end with its country alone
		// ("Yuen Long, N.T." / "Hong Kong")
		for i, s := range lines {
			if i >= 2 && countryLine.MatchString(strings.TrimSpace(s.text())) {
				end = i - 1
				break
			}
		}
	}
	if end < 0 {
		// a letterhead or a contact block: a name over an e-mail address
		for i, s := range lines {
			if i >= 1 && i <= 3 && emailOnly.MatchString(strings.TrimSpace(s.text())) {
				end = i
				break
			}
		}
	}
	if end < 1 {
		return block{}, false
	}
	if end+1 < len(lines) && countryLine.MatchString(strings.TrimSpace(lines[end+1].text())) {
		end++
	}
	start := max(0, end-4)
	if countryLine.MatchString(strings.TrimSpace(lines[end].text())) {
		start = max(0, end-5)
	}
	ls := lines[start : end+1]
	// the name line is the last line above the street that is not a
	// heading
	role := ""
	for len(ls) > 2 && (notName.MatchString(ls[0].text()) || labelRole(ls[0].text()) != "" || isLabel(ls[0].text()) || countDigits(ls[0].text()) > 0 && !startsWithNumber.MatchString(ls[1].text())) {
		if r := labelRole(ls[0].text()); r != "" {
			role = r
		}
		ls = ls[1:]
	}
	if start > 0 && role == "" {
		role = labelRole(lines[start-1].text())
	}
	name := ls[0].text()
	if len(ls) == 2 && streetSuffix.MatchString(strings.TrimSpace(name)) {
		return block{}, false // "GRAND BLVD" over its city: a street whose number was lost, not a name
	}
	if _, ok := nameValue(ls[0]); !ok {
		return block{}, false // "$154.33 7136 Old Hickory Rd": another column's amount starts the block
	}
	if notName.MatchString(name) || isLabel(name) || unitLine.MatchString(strings.TrimSpace(name)) || countDigits(name) > len(name)/3 || startsWithNumber.MatchString(name) || streetLike(name) || len(ls) < 2 {
		return block{}, false
	}
	return block{page: ls[0].page, lines: ls, role: role}, true
}

// labelRole says whose block a heading line labels: the recipient's
// (bill to, service address), the sender's (from, seller), or "" when
// the line is no heading.
func labelRole(text string) string {
	text = strings.TrimSpace(text)
	if first, rest, ok := strings.Cut(text, " "); ok && possessive.MatchString(first) {
		text = rest // "Your service address" is the service address's label
	}
	starts := func(re *pattern) bool {
		loc := re.FindStringIndex(text)
		return loc != nil && loc[0] <= 1
	}
	for _, re := range []*pattern{serviceAddrLabel, mailingAddrLabel, customerBlockLabel, accountNameLabel} {
		if starts(re) {
			return roleRecipient
		}
	}
	if starts(sellerLabel) || starts(fromLabel) {
		return roleSender
	}
	return ""
}

// columnRuns splits a line's words at column gaps.
func columnRuns(ws []extract.Word) [][]extract.Word {
	var out [][]extract.Word
	for i, w := range ws {
		if i == 0 || w.Box[0]-ws[i-1].Box[2] > columnGap*height(w.Box) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], w)
	}
	return out
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// parties tells the recipient's and the issuer's address blocks of the
// first page apart: by the label over a block, by a name already read
// (the issuer's, the customer's), or, with two unlabelled blocks, the
// one printed higher is the letterhead. A block in the lower half
// (remittance stubs, footers) is neither.
func parties(doc *extract.Document, blocks []block, issuer, customer string) (recipient, sender *block) {
	var cands []block
	for _, b := range blocks {
		if doc.Pages[0].Height > 0 && b.top() > doc.Pages[0].Height*0.5 {
			continue
		}
		switch {
		case issuer != "" && sameName(b.name().text(), issuer):
			b.role = roleSender
		case customer != "" && sameName(b.name().text(), customer):
			b.role = roleRecipient
		}
		cands = append(cands, b)
	}
	pick := func(role string) *block {
		for i := range cands {
			if cands[i].role == role {
				return &cands[i]
			}
		}
		return nil
	}
	recipient, sender = pick(roleRecipient), pick(roleSender)
	var open []*block
	for i := range cands {
		if cands[i].role == "" {
			open = append(open, &cands[i])
		}
	}
	switch {
	case len(open) == 0:
	case recipient == nil && sender == nil && len(open) >= 2:
		sender, recipient = open[0], open[1]
		if recipient.top() < sender.top() {
			sender, recipient = recipient, sender
		}
	case recipient == nil && (sender != nil || issuer != "") && len(open) == 1:
		recipient = open[0]
	case sender == nil && (recipient != nil || customer != "") && len(open) == 1:
		sender = open[0]
	}
	return recipient, sender
}

// sameName compares two printed names by their letters and digits.
func sameName(a, b string) bool {
	return squash(a) != "" && squash(a) == squash(b)
}

func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
