package fields

import (
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// Many LOAs set the two providers side by side, each a block headed by
// its role and holding its "Name:" ("From (losing provider): / Name:
// KPN"). The current carrier is the name in the block whose heading
// says it is the one the numbers leave; a block that names no role
// ("To (Carrier)") says nothing by itself.

var (
	losingRole  = lazyRegexp(`(?i)\b(?:losing|sending|donor|donating|releasing|old|current|existing|verzendende|afgevende|huidige|c[ée]dante?|actuel(?:le)?|abgebende[rn]?|bisherige[rn]?|alte[rn]?)\b`)
	gainingRole = lazyRegexp(`(?i)\b(?:gaining|receiving|recipient|new|ontvangende|nieuwe|destinataire|nouveau|nouvel|aufnehmende[rn]?|neue[rn]?)\b`)
	// serviceWith: the carrier a cancellation or port names as the one
	// the line is with ("den ... Anschluss bei: Deutsche Telekom zum
	// nächst möglichen Termin", "mijn aansluiting bij KPN"): the
	// capitalised words after it.
	serviceWith = lazyRegexp(`(?i:\b(?:anschlu(?:ss|sses|ß)|anschlüsse|vertrag|aansluiting(?:en)?|abonnement|contrat|ligne|service|account|line)\s+(?:\S+\s+)?(?:bei|bij|chez|with)\s*:?)\s*((?:[A-ZÄÖÜ][\p{L}&.'-]*\s?){1,4})`)
	// addressee: a letter to the losing carrier ports the numbers "from
	// you"; its "To (Carrier)" block is then the current carrier's.
	fromAddressee = lazyRegexp(`(?i)\b(?:from you|away from you|von ihnen|van u|bij u weg|de chez vous|depuis chez vous)\b`)
	toHeading     = lazyRegexp(`(?i)^(?:to|aan|an|à|a)\s*\(`)
	// blockName may follow the remnant of a rule OCR reads as "_" or
	// "|" ("_Name: BT": the box's edge beside the caption).
	blockName = lazyRegexp(`(?i)^[_|]?(?:name|naam|nom|provider name|naam provider)\s*:?`)
)

// providerBlockCarrier is the name in a losing provider's block: a
// "Name:" run within a few lines under a heading that names the losing
// role, starting where the heading starts.
func providerBlockCarrier(doc *extract.Document, pr proseSet) Value {
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if pr[lineKey{pi + 1, li}] {
				continue
			}
			for _, run := range columnRuns(l.Words) {
				t := span{words: run}.text()
				if !losingRole.MatchString(t) || gainingRole.MatchString(t) || len(run) > 8 {
					continue
				}
				if v := nameUnder(p, pi+1, li, run[0].Box[0]); v.Found() {
					return v
				}
			}
		}
	}
	return addresseeCarrier(doc, pr)
}

// addresseeCarrier: when the letter's prose ports the numbers from its
// addressee, the name in the "To (...)" block.
func addresseeCarrier(doc *extract.Document, pr proseSet) Value {
	addressed := false
	for _, para := range paragraphs(doc, pr) {
		addressed = addressed || fromAddressee.MatchString(para.text)
	}
	if !addressed {
		return Value{}
	}
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if pr[lineKey{pi + 1, li}] {
				continue
			}
			runs := columnRuns(l.Words)
			for _, run := range runs {
				if !addresseeHeading(run, runs) || len(run) > 8 {
					continue
				}
				if v := nameUnder(p, pi+1, li, run[0].Box[0]); v.Found() {
					return v
				}
			}
		}
	}
	return Value{}
}

// addresseeHeading: run heads the addressee's block, "To (...)"; or,
// its two letters misread ("Hg (Carrier or Service Provider):"), it
// puts the same parenthesis after them as a "From (...)" heading
// beside it: the row pairs the sender's block with the addressee's.
func addresseeHeading(run []extract.Word, row [][]extract.Word) bool {
	t := span{words: run}.text()
	if toHeading.MatchString(t) {
		return true
	}
	m := pairedHeading.FindStringSubmatch(t)
	if m == nil || len([]rune(m[1])) != 2 || strings.EqualFold(m[1], "de") {
		return false
	}
	for _, other := range row {
		if o := pairedHeading.FindStringSubmatch(span{words: other}.text()); o != nil && fromHeading.MatchString(o[1]) && o[2] == m[2] {
			return true
		}
	}
	return false
}

var (
	pairedHeading = lazyRegexp(`^(\S+)\s*(\([^()]+\))\s*:?$`)
	fromHeading   = lazyRegexp(`(?i)^(?:from|van|von|de)$`)
)

// nameUnder is the value of the first "Name:" run starting at x within
// three lines under line li.
func nameUnder(p extract.Page, page, li int, x float64) Value {
	lh := height(p.Lines[li].Box)
	for i := li + 1; i < len(p.Lines) && i <= li+3; i++ {
		ws := p.Lines[i].Words
		for k, w := range ws {
			if abs(w.Box[0]-x) > lh {
				continue
			}
			run := ws[k:]
			for j := 1; j < len(run); j++ {
				if run[j].Box[0]-run[j-1].Box[2] > columnGap*height(run[j].Box) {
					run = run[:j]
					break
				}
			}
			t := span{words: run}.text()
			loc := blockName.FindStringIndex(t)
			if loc == nil {
				continue
			}
			rest := trimLeadingPunct(span{page: page, line: i, words: afterCaption(run, loc[1])})
			if s, ok := carrierValue(rest); ok && len(s.words) > 0 && !strings.HasSuffix(s.text(), ":") {
				return s.value(strings.TrimLeft(strings.TrimSpace(t[:loc[1]]), "_|"), confRight)
			}
		}
	}
	return Value{}
}

// afterCaption is what follows a caption that ends at byte end of the
// words' joined text. A word the caption ends inside at its colon is cut
// there: OCR glues the colon to the value ("Nom :Acme SPRL",
// "Nom:Acme"), and the rest of the word is the value's first word.
func afterCaption(ws []extract.Word, end int) []extract.Word {
	starts := startsOf(ws)
	for i, w := range ws {
		cut := end - starts[i]
		switch {
		case cut >= len(w.Text):
			continue
		case cut <= 0:
			return ws[i:]
		case !strings.HasSuffix(w.Text[:cut], ":"):
			return ws[i+1:] // "Nominee": no caption, no value in it
		}
		tail := w
		tail.Text = w.Text[cut:]
		tail.Box[0] += (w.Box[2] - w.Box[0]) * float64(len([]rune(w.Text[:cut]))) / float64(len([]rune(w.Text)))
		return append([]extract.Word{tail}, ws[i+1:]...)
	}
	return nil
}

// serviceWithCarrier is the carrier a paragraph names as the one the
// service is with.
func serviceWithCarrier(doc *extract.Document, pr proseSet) Value {
	for _, para := range append(paragraphs(doc, pr), filledSentences(doc, pr)...) {
		if m := serviceWith.FindStringSubmatch(para.text); m != nil {
			name := strings.TrimSpace(m[1])
			if len(strings.Fields(name)) > 0 && countDigits(name) == 0 {
				return Value{Text: name, Page: para.page, Box: para.box, Confidence: confSearch}
			}
		}
	}
	return Value{}
}

// filledSentences are the lines that are a sentence with its blank
// filled in: prose up to a caption's colon ("... gehörenden Anschluss
// bei:") and the value typed on the blank after it. The blank's width
// parts the two as a column gap does (wider on a scan, whose word boxes
// are tighter than a text layer's), so the line is not prose; its
// sentence still names the carrier.
func filledSentences(doc *extract.Document, pr proseSet) []paragraph {
	var out []paragraph
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if pr[lineKey{pi + 1, li}] {
				continue
			}
			runs := columnRuns(l.Words)
			if len(runs) != 2 || len(runs[1]) > 4 || !sentenceLike(runs[0]) || !strings.HasSuffix(runs[0][len(runs[0])-1].Text, ":") {
				continue
			}
			out = append(out, paragraph{page: pi + 1, lines: []int{li}, text: l.Text, box: l.Box})
		}
	}
	return out
}
