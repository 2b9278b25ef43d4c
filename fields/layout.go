package fields

import (
	"math"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// Value is one field as a document prints it, with where it stands.
type Value struct {
	Text       string      `json:"text"`
	Page       int         `json:"page"`
	Box        extract.Box `json:"box"`
	Label      string      `json:"label,omitempty"` // the label it was read beside; empty when found otherwise
	Confidence float64     `json:"confidence"`
}

// Found reports whether the value was read at all.
func (v Value) Found() bool { return v.Text != "" }

// span is a run of words on one line.
type span struct {
	page  int
	line  int // index into the page's Lines
	words []extract.Word
}

func (s span) text() string {
	parts := make([]string, len(s.words))
	for i, w := range s.words {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

func (s span) box() extract.Box {
	if len(s.words) == 0 {
		return extract.Box{}
	}
	b := s.words[0].Box
	for _, w := range s.words[1:] {
		b = union(b, w.Box)
	}
	return b
}

func union(a, b extract.Box) extract.Box {
	return extract.Box{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}

func (s span) value(label string, conf float64) Value {
	return Value{Text: s.text(), Page: s.page, Box: s.box(), Label: label, Confidence: conf}
}

// labelHit is a label found on a line: the words it covers and the
// words after it on the same line.
type labelHit struct {
	label span
	after []extract.Word // the rest of the line, left to right
	cell  float64        // where the label's column run starts ("CUSTOMER / BUSINESS NAME": at CUSTOMER)
}

// findLabels returns every place re matches a line where the match
// stands as a label (standsAsLabel), matched on the line's words joined
// by single spaces so a match maps back to words.
func findLabels(doc *extract.Document, re *pattern) []labelHit {
	var hits []labelHit
	for pi, p := range doc.Pages {
		pat := re
		if p.TextSource == extract.SourceOCR {
			pat = scannedLabel(re)
		}
		need := needOf(pat)
		for li, l := range p.Lines {
			joined, starts := extract.JoinWords(l.Words)
			joined = undotLeaders(joined)
			folded := foldText(joined)
			if !need.mayMatch(folded) {
				continue
			}
			for _, m := range pat.FindAllStringIndex(joined, -1) {
				for m[0] < m[1] && joined[m[0]] == ' ' {
					m[0]++ // a pattern that starts at a space starts at the next word
				}
				from, to := wordRange(starts, m[0], m[1])
				if from >= to {
					continue
				}
				if longerLabel(joined, folded, m) {
					continue // "Account" of "Account Name" is the name's label
				}
				h := splitGlued(pi+1, li, l.Words, from, to, m[1]-starts[to-1])
				if !standsAsLabel(l.Words[:from], h, strings.HasSuffix(strings.TrimSpace(joined[m[0]:m[1]]), ":")) {
					continue // the same words inside a sentence are no label
				}
				h.cell = h.label.box()[0]
				if lead := captionLead(runTail(l.Words[:from], h.label.words[0])); len(lead) > 0 {
					h.cell = lead[0].Box[0]
				}
				hits = append(hits, h)
			}
		}
	}
	return hits
}

var scannedOf sync.Map // *pattern to its form for scanned pages

// scannedLabel is re as a scanned page's label matches it: each space
// between a label's words optional, as OCR reads a narrow gap as none
// ("StatementDate:"), and each letter OCR confuses with a digit or a
// stroke (i and l with 1 and |, o with 0: "lnvoice Date", "Acct N0.")
// matching those too. A scanned label is still its label.
func scannedLabel(re *pattern) *pattern {
	if v, ok := scannedOf.Load(re); ok {
		return v.(*pattern)
	}
	loose := re
	if t, err := syntax.Parse(strings.ReplaceAll(re.String(), " ", `\s?`), syntax.Perl); err == nil {
		if c, err := regexp.Compile(foldConfusions(t).String()); err == nil {
			loose = compiled(c)
		}
	}
	scannedOf.Store(re, loose)
	return loose
}

// ocrConfused are the characters OCR reads for a letter of a label.
var ocrConfused = map[rune]string{'i': "iIlL1|!", 'l': "iIlL1|!", 'o': "oO0"}

// foldConfusions turns each confusable letter of re's literals into the
// class of what OCR may read for it.
func foldConfusions(re *syntax.Regexp) *syntax.Regexp {
	for i, sub := range re.Sub {
		re.Sub[i] = foldConfusions(sub)
	}
	if re.Op != syntax.OpLiteral {
		return re
	}
	var parts []*syntax.Regexp
	for _, r := range re.Rune {
		set, ok := ocrConfused[unicode.ToLower(r)]
		if !ok {
			parts = append(parts, &syntax.Regexp{Op: syntax.OpLiteral, Rune: []rune{r}, Flags: re.Flags})
			continue
		}
		cc := &syntax.Regexp{Op: syntax.OpCharClass}
		for _, c := range set {
			cc.Rune = append(cc.Rune, c, c)
		}
		parts = append(parts, cc)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Sub: parts}
}

// splitGlued makes the hit of a label that ends inside a word, as in
// "Social:LA SEGUNDA": the word's tail is the first word after the label.
func splitGlued(page, line int, ws []extract.Word, from, to, cut int) labelHit {
	label := append([]extract.Word(nil), ws[from:to]...)
	after := ws[to:]
	last := label[len(label)-1]
	runes := []rune(last.Text)
	head := len([]rune(last.Text[:min(cut, len(last.Text))]))
	if cut > 0 && head < len(runes) && strings.TrimSpace(string(runes[head:])) != "" {
		w := last.Box[2] - last.Box[0]
		x := last.Box[0] + w*float64(head)/float64(len(runes))
		headWord, tailWord := last, last
		headWord.Text, headWord.Box[2] = string(runes[:head]), x
		tailWord.Text, tailWord.Box[0] = string(runes[head:]), x
		label[len(label)-1] = headWord
		after = append([]extract.Word{tailWord}, after...)
	} else if n := trailingQualifier(last, after); n > 0 {
		label, after = append(label, after[:n]...), after[n:]
	}
	return labelHit{label: span{page: page, line: line, words: label}, after: after}
}

// maxQualifierWords bounds the words that may qualify a label before
// its colon.
const maxQualifierWords = 4

// trailingQualifier is how many words after a label go on qualifying it
// up to its colon ("Account number with present carrier:", "Name as
// shown on bill:"): lower-case words of letters, set close, the last
// with the colon. A capitalised word or a digit would be a value.
func trailingQualifier(last extract.Word, after []extract.Word) int {
	if strings.HasSuffix(last.Text, ":") {
		return 0
	}
	prev := last
	for i, w := range after {
		if i == maxQualifierWords || w.Box[0]-prev.Box[2] > columnGap*height(w.Box) {
			return 0
		}
		word := strings.TrimSuffix(w.Text, ":")
		r := []rune(word)
		if len(r) == 0 || i == 0 && !unicode.IsLower(r[0]) || letterCount(word) != len(r) {
			return 0
		}
		if word != w.Text {
			return i + 1
		}
		prev = w
	}
	return 0
}

// wordRange maps a byte range of the joined line to the words it touches;
// a match that ends inside a word takes that word whole (a label glued to
// its value, "Acct#482", is split later by the value reader).
func wordRange(starts []int, from, to int) (int, int) {
	first, last := -1, -1
	for i, s := range starts {
		if s <= from {
			first = i
		}
		if s < to {
			last = i
		}
	}
	return max(first, 0), last + 1
}

// columnGap: a gap between words wider than this many line heights
// (about two characters) separates columns, not words of one value.
const columnGap = 2.5

// height is a typical line height, used to scale gaps.
func height(b extract.Box) float64 {
	h := b[3] - b[1]
	if h <= 0 {
		return 10
	}
	return h
}

// rightOf returns the words after a label up to the first column gap: a
// gap wider than about two characters ends the value, which keeps a
// two-column header ("Account Number 482-99117-03   Service Address ...")
// from reading the next column as part of the value. A qualifier in
// parentheses right after the label is skipped.
func rightOf(h labelHit) span {
	s, _ := rightOfGap(h)
	return s
}

// rightOfGap is rightOf, and whether a column gap stands between the
// label and its value (a key/value table row, or another column).
func rightOfGap(h labelHit) (span, bool) {
	s := span{page: h.label.page, line: h.label.line}
	prev := h.label.box()
	after := h.after
	if rest := skipQualifier(after); len(rest) < len(after) {
		prev = after[len(after)-len(rest)-1].Box
		after = rest
	}
	gapMax := columnGap * height(prev)
	across := false
	for i, w := range after {
		if i == 0 && w.Box[0]-prev[2] > 12*height(prev) && (len(columnRuns(after)) > 1 || w.Box[0]-prev[2] > 20*height(prev) && !colonEnds(h.label)) {
			break // the "value" is across the page: not this label's, unless it ends a right-aligned row
		}
		if i == 0 && w.Box[0]-prev[2] > gapMax {
			across = true
		}
		if i > 0 && w.Box[0]-prev[2] > gapMax {
			break
		}
		s.words = append(s.words, w)
		prev = w.Box
	}
	return s, across
}

// below returns the run of words on the first line under the label that
// starts within the label's horizontal extent: tables and boxed headers
// put the value under its label.
func below(doc *extract.Document, h labelHit, maxLines int) []span {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	var out []span
	for li := h.label.line + 1; li < len(p.Lines) && len(out) < maxLines; li++ {
		l := p.Lines[li]
		if l.Box[1]-lb[3] > float64(len(out)+2)*1.8*height(lb) {
			break
		}
		run := clipAt(runStartAt(l.Words, min(lb[0], h.cell)-2*height(lb), lb[2]), nextColumn(h))
		if note(run) {
			continue // "(Not to be used for payment remittance)" qualifies the label
		}
		if len(run) == 0 {
			if len(out) > 0 {
				break
			}
			continue
		}
		out = append(out, span{page: h.label.page, line: li, words: run})
	}
	return out
}

// nextColumn is where the next column of a label's row begins: in a
// table header ("Klant  Order  Factuur datum"), the value under one
// label ends where the next label's column starts.
func nextColumn(h labelHit) float64 {
	prev := h.label.box()[2]
	for _, w := range h.after {
		if w.Box[0]-prev > columnGap*height(w.Box) {
			return w.Box[0]
		}
		prev = w.Box[2]
	}
	return math.Inf(1)
}

// clipAt drops the words of run that start at or right of x.
func clipAt(run []extract.Word, x float64) []extract.Word {
	for i, w := range run {
		if i > 0 && w.Box[0] >= x-1 {
			return run[:i]
		}
	}
	return run
}

// note: a run in parentheses, a remark on the label above it.
func note(run []extract.Word) bool {
	if len(run) == 0 {
		return false
	}
	t := span{words: run}.text()
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")")
}

// runAt returns the column run of words whose first word starts between
// x0 and x1, ending at the first column gap.
func runAt(ws []extract.Word, x0, x1 float64) []extract.Word {
	for i, w := range ws {
		if w.Box[0] < x0 || w.Box[0] > x1 {
			continue
		}
		run := []extract.Word{w}
		for _, n := range ws[i+1:] {
			if n.Box[0]-run[len(run)-1].Box[2] > columnGap*height(w.Box) {
				break
			}
			run = append(run, n)
		}
		return run
	}
	return nil
}

// trimLeadingPunct drops separators between a label and its value
// (":", "#", "-") that the text layer kept as words of their own.
func trimLeadingPunct(s span) span {
	for len(s.words) > 0 && strings.Trim(s.words[0].Text, ":#-–.") == "" {
		s.words = s.words[1:]
	}
	if len(s.words) > 0 {
		w := s.words[0]
		w.Text = strings.TrimLeft(w.Text, ":#")
		s.words = append([]extract.Word{w}, s.words[1:]...)
	}
	return s
}

// enumerator is a list marker a form prints before a label ("1.",
// "(a)", "•").
var enumerator = lazyRegexp(`^(?:\d{1,2}[.)]|[A-Za-z][.)]|\(\w{1,2}\)|[•·▪■□☐*–-])$`)

// proseWord is a word that joins a sentence, not a label to its value.
var proseWord = lazyRegexp(`^(?i:the|of|to|and|or|your|our|my|is|are|was|be|will|may|by|for|in|on|that|this|with|we|you|it|as|an|a|if|not|please|named|above|below|which|who|have|has|am|i|me|us|its|their|any|all|can|must|shall|de|la|le|les|des|du|el|los|las|y|que|der|die|das|und|het|een|van)$`)

// standsAsLabel says whether a match stands where a label stands: at
// the start of its line or of a column run (after a list marker at
// most), and then ending in a colon or followed, in its run, by a short
// value rather than the rest of a sentence. "Your account number:" is
// a label too: a colon makes a short lead-in part of it. The words of
// a label inside running prose ("an authorized representative of the
// customer named above") are not one.
func standsAsLabel(before []extract.Word, h labelHit, colon bool) bool {
	lead := runTail(before, h.label.words[0])
	for len(lead) > 0 && enumerator.MatchString(lead[0].Text) {
		lead = lead[1:]
	}
	rest := runHead(h.after, h.label.words[len(h.label.words)-1])
	if !colon && len(rest) > 0 && strings.HasPrefix(rest[0].Text, ":") {
		colon = true
	}
	lead = afterSeparator(lead)
	switch {
	case len(lead) > 0 && !colon:
		// a header row of labels set without column gaps ("Numéro de
		// ligne Id.client Adresse"): no sentence around it
		run := append(append(append([]extract.Word(nil), lead...), h.label.words...), rest...)
		return len(lead) <= 4 && countDigits(span{words: lead}.text()) == 0 && !prose(run) && !sentenceEnd(run)
	case len(lead) > 0:
		return len(lead) <= 2 && !sentenceEnd(lead)
	case colon:
		return true
	}
	return !prose(skipQualifier(rest))
}

// leaders are the dots a fixed-width record sets between a caption and
// its colon ("BILL NAME.:", "SVC ADDR..:", "BTN.......:").
var leaders = lazyRegexp(`\.+:`)

// undotLeaders turns leader dots into spaces, keeping every offset, so
// "BILL NAME.:" reads as the caption "BILL NAME :".
func undotLeaders(s string) string {
	if !strings.Contains(s, ".:") {
		return s
	}
	return leaders.Regexp().ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)-1) + ":" })
}

// captionLead is the part of a label's lead-in that belongs to its
// caption, so the caption's cell starts there: another name of the same
// label ("CUSTOMER / BUSINESS NAME") or a possessive ("Your service
// address", "Votre numéro de client"). Anything else before a label (a
// section number, another label of a header row) leaves the cell at the
// label.
func captionLead(lead []extract.Word) []extract.Word {
	switch {
	case len(lead) > 0 && strings.HasSuffix(lead[len(lead)-1].Text, "/"):
		return lead
	case len(lead) == 1 && possessive.MatchString(lead[0].Text):
		return lead
	}
	return nil
}

// possessive is a word that may open a caption: "Your account number".
var possessive = lazyRegexp(`(?i)^(?:your|our|my|votre|notre|mon|ma|ihre?|unsere?|uw|onze|su|tu|nuestra?)$`)

// afterSeparator is the part of a lead-in after its last separator
// ("BRED BANQUE POPULAIRE – Titulaire du compte :"): a dash, bar or
// bullet starts a new label/value pair.
func afterSeparator(lead []extract.Word) []extract.Word {
	for i := len(lead) - 1; i >= 0; i-- {
		t := lead[i].Text
		if t == "–" || t == "-" || t == "—" || t == "|" || t == "·" || t == "•" || strings.HasSuffix(t, ";") {
			return lead[i+1:]
		}
	}
	return lead
}

// sentenceEnd: the lead-in closes a sentence ("... above. Name:").
func sentenceEnd(ws []extract.Word) bool {
	for _, w := range ws {
		if strings.HasSuffix(w.Text, ".") && len([]rune(w.Text)) > 3 {
			return true
		}
	}
	return false
}

// prose: the words after a label read as a sentence, not a value.
func prose(ws []extract.Word) bool {
	n := 0
	for _, w := range ws {
		if proseWord.MatchString(strings.Trim(w.Text, ",.;:")) {
			n++
		}
	}
	return n >= 3 || n >= 2 && len(ws) > 6 || len(ws) > 12
}

// runTail is the words of ws in the same column run as next (no column
// gap between them), the words just before a label.
func runTail(ws []extract.Word, next extract.Word) []extract.Word {
	i := len(ws)
	prev := next
	for i > 0 && prev.Box[0]-ws[i-1].Box[2] <= columnGap*height(prev.Box) {
		i--
		prev = ws[i]
	}
	return ws[i:]
}

// runHead is the words of ws up to the first column gap after prev.
func runHead(ws []extract.Word, prev extract.Word) []extract.Word {
	for i, w := range ws {
		if w.Box[0]-prev.Box[2] > columnGap*height(w.Box) {
			return ws[:i]
		}
		prev = w
	}
	return ws
}

// skipQualifier drops a parenthetical that qualifies a label ("(AS
// SHOWN ON BILL)", "(E911 ADDRESS)"): it says what the value is, it is
// not the value.
func skipQualifier(ws []extract.Word) []extract.Word {
	if len(ws) == 0 || !strings.HasPrefix(ws[0].Text, "(") {
		return ws
	}
	for i, w := range ws {
		if strings.HasSuffix(strings.TrimRight(w.Text, ":"), ")") {
			if t := (span{words: ws[:i+1]}).text(); letterCount(t) < 2 || phoneLike.MatchString(t) {
				return ws // "(217) 555-0100" is a value
			}
			return ws[i+1:]
		}
	}
	return ws
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// colonEnds: the label ends in a colon, which says its value follows on
// the row however far right it is printed.
func colonEnds(s span) bool {
	return len(s.words) > 0 && strings.HasSuffix(s.words[len(s.words)-1].Text, ":")
}

// longerLabel: another known label covers the match and more of the
// line, so the match is only part of that label ("Account" of "Account
// Name", "TO:" of "MAIL TO:").
func longerLabel(joined, folded string, m []int) bool {
	n := len(strings.TrimRight(joined[m[0]:m[1]], " :#"))
	for _, re := range knownLabels {
		if !needOf(re).mayMatch(folded) {
			continue
		}
		for _, o := range re.FindAllStringIndex(joined, -1) {
			for o[0] < o[1] && joined[o[0]] == ' ' {
				o[0]++
			}
			if o[0] <= m[0] && o[1] >= m[0]+n && len(strings.TrimRight(joined[o[0]:o[1]], " :#")) > n+1 {
				return true
			}
		}
	}
	return false
}
