package fields

import (
	"sort"
	"strings"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// A signature is decided from what stands where the signer signs
// (DOMAIN.md): over, under or beside a signature caption, or between a
// letter's closing and the printed name under it. Signed is a glyph run
// in a handwriting font, drawn strokes or an image there, a "/s/ Name"
// mark, or an e-signature stamp; a blank line is unsigned whatever is
// printed beside it.

var (
	// sigCaption is a signature line's caption, or a legal "By:" line.
	// "signed" alone is not one: it is the date's ("Date signed").
	sigCaption = lazyRegexp(`(?i)\b(?:authori[sz]ed signature|customer signature|signature of (?:the )?(?:authori[sz]ed )?(?:customer|signer|person|representative|account holder|end user)|signature|sign here|unterschrift|handtekening)\s*:?|\bby\s*:`)
	signOff    = lazyRegexp(`(?i)^(?:sincerely(?: yours)?|respectfully(?: yours| submitted)?|regards|best regards|kind regards|warm regards|yours (?:truly|sincerely|faithfully)|very truly yours|thank you|cordially)[,.]?$`)
)

// slotLines: how many caption heights a signature may reach from its
// caption (a handwriting font is set large).
const slotLines = 5

// readSignature decides whether the LOA is signed, and how.
func readSignature(doc *extract.Document, pr proseSet, blocks []closingBlock) (Value, string) {
	if v := proseFreeLine(doc, pr, esignStamp); v.Found() {
		return v, "esign"
	}
	if v := proseFreeLine(doc, pr, typedSignature); v.Found() {
		return v, "typed"
	}
	ink := newInkJudge(doc)
	for _, h := range loaLabels(doc, pr, sigCaption) {
		if heading(doc, pr, h) {
			continue
		}
		if v, kind := ink.nearCaption(doc, pr, h); kind != "" {
			return v, kind
		}
	}
	for _, b := range blocks {
		if v, kind := ink.inBlock(doc, b); kind != "" {
			return v, kind
		}
	}
	return Value{}, ""
}

// holderCaption: words under or beside a signature caption that say
// the account holder signs.
var holderCaption = lazyRegexp(`(?i)\b(?:vertragspartner\S*|kontoinhaber\S*|anschlussinhaber\S*|account holder|accountholder|titulaire(?: du compte| de la ligne)?|rekeninghouder|abonnee)\b`)

// holderSigns is the caption that says the account holder signs: on the
// signature caption's own line or on the two lines under it, within its
// column.
func holderSigns(doc *extract.Document, pr proseSet) Value {
	for _, h := range loaLabels(doc, pr, sigCaption) {
		p := doc.Pages[h.label.page-1]
		lb := h.label.box()
		for li := h.label.line; li < len(p.Lines) && li <= h.label.line+2; li++ {
			if pr[lineKey{h.label.page, li}] || p.Lines[li].Box[1]-lb[3] > 3*height(lb) {
				continue
			}
			for _, run := range columnRuns(p.Lines[li].Words) {
				if run[len(run)-1].Box[2] < lb[0] || run[0].Box[0] > lb[2]+300 {
					continue
				}
				if s := (span{page: h.label.page, line: li, words: run}); holderCaption.MatchString(s.text()) {
					return s.value(h.label.text(), confBelow)
				}
			}
		}
	}
	return Value{}
}

// proseFreeLine is the first line that matches re and is not prose ("a
// document may be electronically signed" is not a stamp).
func proseFreeLine(doc *extract.Document, pr proseSet, re *pattern) Value {
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if re.MatchString(l.Text) && !pr[lineKey{pi + 1, li}] {
				return span{page: pi + 1, line: li, words: l.Words}.value("", confSearch)
			}
		}
	}
	return Value{}
}

// heading: a caption that titles a section ("4. Signature", a bold
// "Signature" over the form's own captions) rather than captioning a
// line. The words above a heading are the previous section, not ink.
func heading(doc *extract.Document, pr proseSet, h loaHit) bool {
	p := doc.Pages[h.label.page-1]
	l := p.Lines[h.label.line]
	if len(l.Words) != len(h.label.words)+countBefore(l.Words, h.label.words[0]) || len(h.after) > 0 || len(columnRuns(l.Words)) > 1 {
		return false // the caption shares its line: a row of captions
	}
	if strings.HasSuffix(strings.TrimSpace(h.label.text()), ":") {
		return false // "Signature:" waits for its value; a heading does not
	}
	if countBefore(l.Words, h.label.words[0]) > 0 {
		return true // numbered
	}
	if bold(h.label.words[0].Font) {
		return true
	}
	for li := h.label.line + 1; li < len(p.Lines) && li <= h.label.line+3; li++ {
		if sigCaption.MatchString(p.Lines[li].Text) && !pr[lineKey{h.label.page, li}] {
			return true // another signature caption follows: this one heads the section
		}
	}
	return false
}

func countBefore(ws []extract.Word, first extract.Word) int {
	for i, w := range ws {
		if w.Box == first.Box {
			return i
		}
	}
	return 0
}

var boldFont = lazyRegexp(`(?i)bold|black|heavy|semibold|demi`)

func bold(font string) bool { return boldFont.MatchString(font) }

// inkJudge tells ink from print on each page: print is the page's body
// font at its usual size.
type inkJudge struct {
	medianH []float64
	body    []string
}

func newInkJudge(doc *extract.Document) inkJudge {
	var j inkJudge
	for _, p := range doc.Pages {
		var hs []float64
		fams := map[string]int{}
		for _, w := range p.Words {
			hs = append(hs, w.Box[3]-w.Box[1])
			fams[family(w.Font)]++
		}
		sort.Float64s(hs)
		m := 10.0
		if len(hs) > 0 {
			m = hs[len(hs)/2]
		}
		body, n := "", 0
		for f, c := range fams {
			if c > n || c == n && f < body {
				body, n = f, c
			}
		}
		j.medianH, j.body = append(j.medianH, m), append(j.body, body)
	}
	return j
}

// family is a font's family without its subset tag and style: "Lato"
// for "ABCDEF+Lato-Bold".
func family(font string) string {
	if i := strings.IndexByte(font, '+'); i == 6 {
		font = font[i+1:]
	}
	if i := strings.IndexAny(font, "-,"); i > 0 {
		font = font[:i]
	}
	return strings.ToLower(font)
}

// isInk: a word written by hand or in a handwriting face. On a text
// layer: the font says it is a script (Word.Script, from the font's own
// description), or its name does, or it stands out as handwriting does,
// set much larger than the page's print in another family than the
// body's. On a scan, a word of letters taller than the print beside it
// (ps): a blank line leaves none.
func (j inkJudge) isInk(p extract.Page, w extract.Word, ps printSize) bool {
	if p.TextSource == extract.SourceOCR && !isAnyLabel(w.Text) {
		// OCR reads a scrawl as a few letters in a tall box; a speck of
		// noise is neither. A scrawl's joined strokes are painted out
		// before OCR and judged as marks (extract.MarkInk), so a word of
		// print height is print: the typed value of the next row
		// ("Jane Q Doe" under "Authorizing signature:") read as ink
		// signed a blank form.
		return letters(w.Text) >= 1 && ps.tallerThanPrint(w)
	}
	if letters(w.Text) < 2 || isAnyLabel(w.Text) {
		return false
	}
	if w.Script || isScriptFont(w.Font) {
		return true
	}
	i := p.Number - 1
	if i < 0 || i >= len(j.medianH) {
		return false
	}
	return w.Box[3]-w.Box[1] >= 1.6*j.medianH[i] && family(w.Font) != j.body[i]
}

// printSize is the print a scan's word is measured against: the
// caption's height and the reach of its letters. OCR boxes a word from
// its highest to its lowest ink, so a word of print with a descender or
// an accent ("Änderungs-", a bold caption under a signature's box)
// stands taller than a caption without; it is no taller than print.
type printSize struct{ h, reach float64 }

func printOf(s span) printSize {
	return printSize{h: height(s.box()), reach: glyphReach(s.text())}
}

// tallerThanPrint: w stands well above print of the caption's size
// whose letters reach as w's do. The caption's own descenders never
// lower the bar (a scrawl's letters are guessed, its box is not).
func (ps printSize) tallerThanPrint(w extract.Word) bool {
	return w.Box[3]-w.Box[1] >= 1.3*ps.h*max(1, glyphReach(w.Text)/ps.reach)
}

// glyphReach is how far a word's letters reach, in capital heights: a
// capital, a digit or an ascender reaches 1, a word of small letters
// only their x-height, an accent over a capital a quarter more, and a
// descender or bracket goes a third under the line.
func glyphReach(s string) float64 {
	top, under := 0.0, 0.0
	for _, r := range s {
		if strings.ContainsRune("gjpqy,;()[]{}|", r) {
			under = 0.29
		}
		switch {
		case unicode.IsUpper(r) && r > unicode.MaxASCII:
			top = max(top, 1.25) // Ä, É: the accent over the capital
		case unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("bdfhijklt()[]{}|/", r) || r > unicode.MaxASCII && unicode.IsLetter(r):
			top = max(top, 1) // an ascender, a small letter's accent
		case unicode.IsLetter(r):
			top = max(top, 0.73)
		}
	}
	if top == 0 {
		top = 1
	}
	return top + under
}

// inkRun is the first run of ink words among ws: the whole signature
// as evidence, not its first name.
func (j inkJudge) inkRun(p extract.Page, ws []extract.Word, ps printSize) []extract.Word {
	var run []extract.Word
	for _, w := range ws {
		if j.isInk(p, w, ps) {
			run = append(run, w)
		} else if len(run) > 0 {
			break
		}
	}
	return run
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// nearCaption looks for ink in the caption's column: on its line to its
// right, then on the lines over it and under it up to the nearest line
// of print, within slotLines caption heights.
func (j inkJudge) nearCaption(doc *extract.Document, pr proseSet, h loaHit) (Value, string) {
	p := doc.Pages[h.label.page-1]
	lb := h.label.box()
	lh := height(lb)
	x0, x1 := min(h.cellX, lb[0])-3*lh, min(nextColumn(h.labelHit), lb[0]+300)
	x1 = max(x1, lb[2])
	label := h.label.text()
	for _, w := range h.after {
		if w.Box[0] >= x1 {
			break
		}
		if j.isInk(p, w, printOf(h.label)) {
			return span{page: h.label.page, line: h.label.line, words: []extract.Word{w}}.value(label, confBelow), kindOf(p, w)
		}
	}
	for _, dir := range []int{-1, +1} {
		reach := extract.Box{x0, lb[1] - slotLines*lh, x1, lb[1] + lh/2}
		if dir > 0 {
			reach = extract.Box{x0, lb[3] - lh/2, x1, lb[3] + slotLines*lh}
		}
		if v, kind := j.walk(doc, pr, h.label.page, h.label.line, dir, reach, label, printOf(h.label)); kind != "" {
			return v, kind
		}
		if v, kind := markIn(p, h.label.page, reach, label); kind != "" {
			return v, kind
		}
	}
	return Value{}, ""
}

// walk goes line by line from line li in direction dir, looking at the
// words inside reach: ink decides; a line of print there (a label, a
// heading, prose, the previous row's value) ends the slot.
func (j inkJudge) walk(doc *extract.Document, pr proseSet, page, li, dir int, reach extract.Box, label string, ps printSize) (Value, string) {
	p := doc.Pages[page-1]
	for i := li + dir; i >= 0 && i < len(p.Lines); i += dir {
		l := p.Lines[i]
		var in []extract.Word
		for _, w := range l.Words {
			// a date or a number written on the signature's line is
			// another field's value, not ink and not a row of print
			if overlaps(w.Box, reach) && w.Box[0] < reach[2] && countDigits(w.Text) <= letters(w.Text) {
				in = append(in, w)
			}
		}
		if len(in) == 0 {
			if dir < 0 && l.Box[3] < reach[1] || dir > 0 && l.Box[1] > reach[3] {
				return Value{}, ""
			}
			continue
		}
		if t := (span{words: in}).text(); pr[lineKey{page, i}] || captionRow(t) || sigCaption.MatchString(t) || labelFirst(t) {
			return Value{}, ""
		}
		if ink := j.inkRun(p, in, ps); len(ink) > 0 {
			return span{page: page, line: i, words: ink}.value(label, confBelow), kindOf(p, ink[0])
		}
		if p.TextSource != extract.SourceOCR {
			return Value{}, ""
		}
	}
	return Value{}, ""
}

// labelFirst: the words begin with a caption ("Authorizing name: Jane
// Q Doe"): a row of the form, its caption and typed value, which is
// print whatever OCR made of the value.
func labelFirst(text string) bool {
	for _, re := range loaLabelSet {
		if loc := re.FindStringIndex(text); loc != nil && loc[0] == 0 {
			return true
		}
	}
	return false
}

func kindOf(p extract.Page, w extract.Word) string {
	if p.TextSource == extract.SourceOCR {
		return "handwritten"
	}
	return "script"
}

// markIn is a drawn signature or a signature image inside reach: a
// mark the size of handwriting, not a bullet, a rule or a page-wide
// frame.
func markIn(p extract.Page, page int, reach extract.Box, label string) (Value, string) {
	for _, m := range p.Marks {
		w, h := m.Box[2]-m.Box[0], m.Box[3]-m.Box[1]
		cy := (m.Box[1] + m.Box[3]) / 2
		// A signature image placed over a form's signature field may span
		// the whole line; a frame round the page or a section is wider.
		maxW := 400.0
		if p.Width > 0 {
			maxW = max(maxW, 0.8*p.Width)
		}
		if !overlaps(m.Box, reach) || cy < reach[1] || cy > reach[3] || w < 20 || h < 4 || w > maxW || h > 150 {
			continue
		}
		if outlinedPrint(m) {
			continue
		}
		kind := "drawn"
		switch m.Kind {
		case extract.MarkImage:
			kind = "image"
		case extract.MarkInk:
			kind = "handwritten"
		case extract.MarkSignatureField:
			kind = "esign"
		}
		return Value{Text: "(" + kind + " signature)", Page: page, Box: m.Box, Label: label, Confidence: confBelow}, kind
	}
	return Value{}, ""
}

// maxPenShapes: a pen's strokes outlined as filled shapes make one
// shape a stroke, a few dozen for a signature; hundreds of closed filled
// shapes are print turned into outlines (a logo, a stamp's lettering).
const maxPenShapes = 100

func outlinedPrint(m extract.Mark) bool {
	return m.Kind == extract.MarkCurves && m.Filled && !m.Stroked && m.Closed > maxPenShapes
}

// closingBlock is a letter's sign-off: the closing line, the signature
// (if any) under it, then the printed name, title and date.
type closingBlock struct {
	page    int
	closing int   // the closing's line
	ink     []int // lines between the closing and the printed name
	name    int   // the printed name's line, -1 when none
}

// closingBlocks finds each closing ("Sincerely,") and what stands under
// it. The printed name is the first line under it that is a person's
// name in print: not ink (a handwriting face, a scan's tall scrawl).
func closingBlocks(doc *extract.Document, pr proseSet) []closingBlock {
	j := newInkJudge(doc)
	var out []closingBlock
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if !signOff.MatchString(strings.TrimSpace(l.Text)) {
				continue
			}
			b := closingBlock{page: pi + 1, closing: li, name: -1}
			ch := height(l.Box)
			for i := li + 1; i < len(p.Lines) && i <= li+6; i++ {
				n := p.Lines[i]
				if n.Box[1]-p.Lines[i-1].Box[3] > 6*ch {
					break
				}
				if printedName(p, n, l, j) {
					b.name = i
					break
				}
				b.ink = append(b.ink, i)
			}
			out = append(out, b)
		}
	}
	return out
}

func printedName(p extract.Page, l, closing extract.Line, j inkJudge) bool {
	if typedSignature.MatchString(l.Text) {
		return false // "/s/ Name" is the signature, the printed name is under it
	}
	if _, ok := personValue(span{words: l.Words}); !ok {
		return false
	}
	if p.TextSource == extract.SourceOCR {
		return height(l.Box) <= 1.4*height(closing.Box)
	}
	for _, w := range l.Words {
		if j.isInk(p, w, printOf(span{words: closing.Words})) {
			return false
		}
	}
	return true
}

// inBlock: ink between a closing and the printed name, or drawn there.
func (j inkJudge) inBlock(doc *extract.Document, b closingBlock) (Value, string) {
	p := doc.Pages[b.page-1]
	ps := printOf(span{words: p.Lines[b.closing].Words})
	for _, i := range b.ink {
		if ink := j.inkRun(p, p.Lines[i].Words, ps); len(ink) > 0 {
			return span{page: b.page, line: i, words: ink}.value("", confBelow), kindOf(p, ink[0])
		}
	}
	top := p.Lines[b.closing].Box
	bottom := top[3] + slotLines*height(top)
	if b.name >= 0 {
		bottom = p.Lines[b.name].Box[1]
	}
	reach := extract.Box{top[0] - 20, top[3], top[0] + 300, bottom}
	return markIn(p, b.page, reach, "")
}

var scriptFont = lazyRegexp(`(?i)script|hand|brush|signature|zapfchancery|chancery|italic|oblique|cursive`)

// isScriptFont is the fallback for fonts whose description says nothing
// (extract sets Word.Script from the font itself): a name that says so.
func isScriptFont(name string) bool { return name != "" && scriptFont.MatchString(name) }

func overlaps(a, b extract.Box) bool {
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
