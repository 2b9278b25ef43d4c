package fields

import (
	"strings"
	"unicode"

	"github.com/portcheck/portcheck/extract"
)

// An LOA's authorization paragraph, its clauses and its instructions are
// running text: the words "an authorized representative of the customer
// named above" hold labels' words, but no label and no value stands in a
// sentence (DOMAIN.md). A proseSet marks those lines so the readers skip them,
// and paragraphs joins them so the statement is read across its wrapped
// lines.

type lineKey struct{ page, line int } // page from 1, line an index into Lines

type proseSet map[lineKey]bool

func (p proseSet) has(s span) bool { return p[lineKey{s.page, s.line}] }

// minProseWords: a label row or a value is shorter; a sentence that
// wraps leaves lines longer than this.
const minProseWords = 6

// proseLines marks every line that reads as running text, and the short
// last lines of a paragraph that continue one.
func proseLines(doc *extract.Document) proseSet {
	out := proseSet{}
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			k := lineKey{pi + 1, li}
			switch {
			case sentenceLike(l.Words):
				out[k] = true
			case li > 0 && out[lineKey{pi + 1, li - 1}] && continuesPara(p.Lines[li-1], l, p.Width):
				out[k] = true
			}
		}
		for li := len(p.Lines) - 2; li >= 0; li-- {
			if !out[lineKey{pi + 1, li}] && out[lineKey{pi + 1, li + 1}] && opensPara(p.Lines[li], p.Lines[li+1], p.Width) {
				out[lineKey{pi + 1, li}] = true
			}
		}
	}
	return out
}

// opensPara: l is the first line of the paragraph next continues, though
// its filled-in names ("I, Jane Doe, Owner of Acme Widgets LLC,
// authorize") make it read as anything but lower-case running text: one
// long run that wraps in mid-sentence into a line of prose, and with
// words of prose in it.
func opensPara(l, next extract.Line, pageWidth float64) bool {
	if len(l.Words) < minProseWords || len(columnRuns(l.Words)) > 1 || formRow(l.Words) {
		return false
	}
	return lowerWords(l.Words) >= 2 && pageWidth > 0 && l.Box[2]-l.Box[0] >= 0.55*pageWidth && continuesPara(l, next, pageWidth) && !captionRow(l.Text)
}

// sentenceLike: one run of words (no column gap), long, and written in
// lower case for the most part, as sentences are and label rows are not.
func sentenceLike(ws []extract.Word) bool {
	if len(ws) < minProseWords || len(columnRuns(ws)) > 1 || formRow(ws) || captionedValue(ws) {
		return false
	}
	if lowerWords(ws)*10 < len(ws)*4 {
		return false
	}
	// "Business name (exactly as on your phone bill)" is a caption
	r := []rune(ws[0].Text)
	return !unicode.IsUpper(r[0]) || !captionRow(span{words: ws}.text())
}

// lowerWords counts the words that start in lower case.
func lowerWords(ws []extract.Word) int {
	n := 0
	for _, w := range ws {
		if r := []rune(w.Text); len(r) > 0 && unicode.IsLower(r[0]) {
			n++
		}
	}
	return n
}

// captionedValue: a caption of a few words with its colon, then a short
// value that is not lower-case words ("Account number with present
// carrier: 0412-889-3301"): a labelled row, however many of the
// caption's words are lower case.
func captionedValue(ws []extract.Word) bool {
	for i, w := range ws {
		if !strings.HasSuffix(w.Text, ":") {
			continue
		}
		rest := ws[i+1:]
		if i >= minProseWords || len(rest) == 0 || len(rest) > 4 {
			return false
		}
		for _, v := range rest {
			if r := []rune(v.Text); unicode.IsLower(r[0]) {
				return false
			}
		}
		return true
	}
	return false
}

// formRow: a caption with its colon and then its fill-in line ("Numéro
// de compte : ______ Fournisseur de service actuel : ______") is a row
// of captions however long and lower-case its words.
func formRow(ws []extract.Word) bool {
	ws = splitBlanks(ws)
	for i := 1; i < len(ws); i++ {
		if isBlank(ws[i].Text) && strings.HasSuffix(ws[i-1].Text, ":") {
			return true
		}
	}
	return false
}

// continuesPara: cur is the next line of the paragraph prev belongs to: just
// under it, aligned with it, one run, and either cur starts in lower case
// or prev is a full line that wrapped in mid-sentence.
func continuesPara(prev, cur extract.Line, pageWidth float64) bool {
	h := height(prev.Box)
	if len(cur.Words) == 0 || cur.Box[1]-prev.Box[3] > 0.9*h || abs(cur.Box[0]-prev.Box[0]) > 2*h || len(columnRuns(cur.Words)) > 1 {
		return false
	}
	first := []rune(cur.Words[0].Text)
	wrapped := pageWidth <= 0 || prev.Box[2]-prev.Box[0] >= 0.55*pageWidth
	return unicode.IsLower(first[0]) || wrapped && !endsSentence(prev.Text)
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.ContainsAny(s[len(s)-1:], ".:!?")
}

// paragraph is prose lines read together.
type paragraph struct {
	page  int
	lines []int
	text  string
	box   extract.Box
}

// paragraphs groups consecutive prose lines of a page, joining a word
// hyphenated across a line break.
func paragraphs(doc *extract.Document, pr proseSet) []paragraph {
	var out []paragraph
	for pi, p := range doc.Pages {
		var cur *paragraph
		for li, l := range p.Lines {
			if !pr[lineKey{pi + 1, li}] {
				cur = nil
				continue
			}
			if cur == nil || !near(p.Lines[li-1], l) {
				out = append(out, paragraph{page: pi + 1, box: l.Box})
				cur = &out[len(out)-1]
			}
			cur.lines = append(cur.lines, li)
			cur.box = union(cur.box, l.Box)
			switch {
			case cur.text == "":
				cur.text = l.Text
			case strings.HasSuffix(cur.text, "-") && unicode.IsLower([]rune(l.Text)[0]):
				cur.text = strings.TrimSuffix(cur.text, "-") + l.Text // a word hyphenated at the break
			case strings.HasSuffix(cur.text, "-"):
				cur.text += l.Text // a hyphenated name broken at its hyphen ("T-" / "Mobile")
			default:
				cur.text += " " + l.Text
			}
		}
	}
	return out
}

// near: cur is close enough under prev to be the same paragraph.
func near(prev, cur extract.Line) bool {
	return cur.Box[1]-prev.Box[3] <= 0.9*height(prev.Box) && abs(cur.Box[0]-prev.Box[0]) <= 2*height(prev.Box)
}

// abbreviation is a word whose period does not end a sentence: a legal
// form ("Inc.", "Corp."), a title, an initial, or a dotted abbreviation
// ("P.C.", "U.S.").
var abbreviation = lazyRegexp(`(?i)^(?:inc|corp|co|ltd|llc|llp|lp|plc|pllc|pc|pa|bros|assn|dept|no|nos|st|ave|blvd|rd|ste|mr|mrs|ms|dr|jr|sr|vs|etc|approx|e\.g|i\.e|[a-z]|(?:[a-z]\.)+[a-z])\.$`)

// sentences splits running text at the periods, question and
// exclamation marks that end a sentence, not at those of an
// abbreviation, and not before a word in lower case.
func sentences(text string) []string {
	words := strings.Fields(text)
	var out []string
	start := 0
	for i, w := range words {
		last := w[len(w)-1]
		if last != '.' && last != '!' && last != '?' {
			continue
		}
		if last == '.' && abbreviation.MatchString(strings.TrimLeft(w, "(\"'")) {
			continue
		}
		if i+1 < len(words) && unicode.IsLower([]rune(words[i+1])[0]) {
			continue
		}
		out = append(out, strings.Join(words[start:i+1], " "))
		start = i + 1
	}
	if start < len(words) {
		out = append(out, strings.Join(words[start:], " "))
	}
	return out
}

// authorization is a sentence by which the customer authorizes a
// provider to port or transfer the numbers, or to act for it in doing
// so. "An authorized representative of the customer" is not one: the
// verb must authorize (or designate, appoint, or be "authorization to").
var authorization = lazyRegexp(`(?i)\b(?:authori[sz](?:e|es|ing)|authori[sz]ation (?:to|for)|designates?|appoints?)\b.*\b(?:port(?:s|ing|ed)?|transfer\w*|switch\w*|move|act (?:as|on|for)|change\w*)\b` +
	// fr, nl, de: "j'autorise ... au transfert des numéros", "autoriseert u
	// ons om het overdrachtsproces", "beauftrage ich die Portierung"
	`|\b(?:autoris(?:e|ons|ez)|autoriseer\S*|autoriseert|machtig\S*|beauftrage\S*|bevollm[äa]chtige\S*)\s.*\b(?:transf[eéè]r\S*|portabilit\S*|portage|overdr\S*|overzet\S*|portering\S*|portierung\S*|mitnahme|rufnummernmitnahme)`)

// minStatementWords: a subject line ("Re: Letter of Authorization to
// port numbers") is shorter than a statement, which names who may port
// what.
const minStatementWords = 9

// readStatement finds the authorization statement: the sentence of a
// paragraph that authorizes the port, read across wrapped lines; or,
// when no paragraph holds one, a single line that does. It also returns
// every paragraph that authorizes (a letter may authorize in two), where
// the carrier the numbers leave is named.
func readStatement(doc *extract.Document, pr proseSet) (Value, []paragraph) {
	var v Value
	var paras []paragraph
	for _, para := range paragraphs(doc, pr) {
		for _, s := range sentences(para.text) {
			if len(strings.Fields(s)) >= minStatementWords && authorization.MatchString(s) {
				if !v.Found() {
					v = Value{Text: s, Page: para.page, Box: para.box, Confidence: confSearch}
				}
				paras = append(paras, para)
				break
			}
		}
	}
	if v.Found() {
		return v, paras
	}
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			if len(l.Words) >= minStatementWords && authorization.MatchString(l.Text) {
				para := paragraph{page: pi + 1, lines: []int{li}, text: l.Text, box: l.Box}
				return span{page: pi + 1, line: li, words: l.Words}.value("", confSearch), []paragraph{para}
			}
		}
	}
	return Value{}, nil
}
