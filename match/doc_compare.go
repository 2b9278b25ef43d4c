package match

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/portcheck/portcheck/compare"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// valueCheck compares one value of the order with a document.
type valueCheck struct {
	code     report.Code
	role     fields.Role
	field    string // the order's field
	what     string // how messages name it: "account name"
	expected string
	read     fields.Value // what the reader found beside the field's label
	classify func(expected, found string) compare.Class
	// lenient is the class that alone lowers the code's severity to warn
	// (SPEC section 3: case for names, abbreviation for addresses).
	lenient compare.Class
}

// run verifies before it accuses: the order's own value printed where
// the field stands confirms it; otherwise the difference is classified
// from the closest value found there, or from a confident competing
// value of the field's kind; with neither, the field was not found.
func (c valueCheck) run(r Read, p *profile.Profile) []report.Finding {
	if strings.TrimSpace(c.expected) == "" || r.Text == nil {
		return nil
	}
	places := r.places(c.role)
	if _, ok := c.find(r, places, exactOnly); ok {
		return nil
	}
	rival, hasRival := c.rival(places)
	if hasRival && c.partOfExpected(rival.Text) && c.anywhere(r.Text) {
		return nil // the reader cut short a value the document prints whole
	}
	if near, ok := c.find(r, places, tolerant); ok {
		if !hasRival || compare.Rank(c.classOn(r.Text, near.Page, near.Text)) <= compare.Rank(c.classOn(r.Text, rival.Page, rival.Text)) {
			return c.differs(r, p, near, c.classOn(r.Text, near.Page, near.Text))
		}
	}
	if hasRival {
		class := c.classOn(r.Text, rival.Page, rival.Text)
		if class == compare.Exact {
			return nil
		}
		return c.differs(r, p, rival, class)
	}
	if c.anywhere(r.Text) {
		return nil
	}
	return []report.Finding{c.notFound(r, places)}
}

// rival is a confident competing value: the reader's, when it is of the
// field's kind, else the first such value standing beside one of the
// field's labels.
func (c valueCheck) rival(places []fields.Place) (fields.Value, bool) {
	if v := c.read; v.Found() && v.Confidence >= fields.MinConfidence && fields.Plausible(c.role, v.Text) {
		return v, true
	}
	for _, pl := range places {
		if !pl.Labelled {
			continue
		}
		for _, l := range pl.Lines {
			if fields.Plausible(c.role, l.Text) {
				return l, true
			}
			if !fields.Caption(l.Text) {
				break // the label's value is no value of its kind
			}
		}
	}
	return fields.Value{}, false
}

// partOfExpected: found is the expected value with words missing at
// either end, as a reader that stopped at a line break or a column
// leaves it.
func (c valueCheck) partOfExpected(found string) bool {
	e, f := compare.Words(c.expected), compare.Words(found)
	if len(f) == 0 || len(f) >= len(e) {
		return false
	}
	for i := 0; i+len(f) <= len(e); i++ {
		if slices.Equal(e[i:i+len(f)], f) {
			return true
		}
	}
	return false
}

// anywhere: the order's value stands exactly somewhere on the document,
// in any reading of a scan read again.
func (c valueCheck) anywhere(doc *extract.Document) bool {
	_, ok := c.findIn(doc, []fields.Place{wholeDocument(doc)}, exactOnly)
	return ok || doc.Second != nil && c.anywhere(doc.Second) || doc.Regions != nil && c.anywhere(doc.Regions)
}

func wholeDocument(doc *extract.Document) fields.Place {
	var ls []fields.Value
	for pi, p := range doc.Pages {
		for _, l := range p.Lines {
			if len(l.Words) > 0 {
				ls = append(ls, wordsValue(pi+1, l.Words, joinText(l.Words)))
			}
		}
	}
	return fields.Place{Where: "the whole document", Lines: ls}
}

// How far a search tolerates a difference.
type tolerance int

const (
	exactOnly tolerance = iota
	tolerant            // case, whitespace, punctuation, abbreviation; on scans OCR confusions too
)

func (c valueCheck) find(r Read, places []fields.Place, t tolerance) (fields.Value, bool) {
	return c.findIn(r.Text, places, t)
}

// findIn looks for the order's value in the places' lines, as a run of
// words: exactly, or within the tolerance, keeping the closest.
func (c valueCheck) findIn(doc *extract.Document, places []fields.Place, t tolerance) (fields.Value, bool) {
	want := len(strings.Fields(c.expected))
	best, bestRank := fields.Value{}, compare.Rank(compare.Different)+1
	for _, pl := range places {
		in := doc
		if pl.In != nil {
			in = pl.In
		}
		for _, line := range pl.Lines {
			ws := lineWords(in, line)
			cuts := c.legalFormCuts(ws)
			for i := range ws {
				for j := i + 1; j <= len(ws) && j <= i+want+3; j++ {
					if cuts[j] {
						continue
					}
					text := norm.NFKC.String(joinText(ws[i:j]))
					class := c.classOn(doc, line.Page, text)
					rank := compare.Rank(class)
					if class == compare.Different && (t == exactOnly || !ocrNear(doc, line.Page, c.expected, text)) {
						continue
					}
					if t == exactOnly && class != compare.Exact {
						continue
					}
					if rank < bestRank {
						best, bestRank = wordsValue(line.Page, ws[i:j], text), rank
						best.Label = line.Label
					}
					if rank == 0 {
						return best, true
					}
				}
			}
		}
	}
	return best, best.Found()
}

// legalFormCuts marks each j where a run ending before ws[j] leaves out
// the legal form the name goes on with ("Northgate Veterinary Clinic" of
// "... Clinic PLLC"), which an order without it does not have: the whole
// name printed is not the order's. It has one more entry than ws.
func (c valueCheck) legalFormCuts(ws []extract.Word) []bool {
	cuts := make([]bool, len(ws)+1)
	if c.role != fields.RoleAccountName {
		return cuts
	}
	if words := strings.Fields(c.expected); len(words) > 0 && compare.LegalForm(words[len(words)-1]) {
		return cuts
	}
	for j, w := range ws {
		cuts[j] = compare.LegalForm(w.Text)
	}
	return cuts
}

// classOn classifies text found on a page of doc against the order's
// value: on a scanned page, the order's value read with only the case
// of shape-alike letters changed is the order's own value.
func (c valueCheck) classOn(doc *extract.Document, page int, text string) compare.Class {
	class := c.classify(c.expected, text)
	if class == compare.Case && ocrPage(doc, page) && sameShapeCase(c.expected, text) {
		return compare.Exact
	}
	return class
}

// shapeAlike are the letters whose capital is the small letter drawn
// larger: OCR tells them apart only by their size beside the letters
// around them, and reads "Acme" as "ACme" where a scan blurs it.
const shapeAlike = "cosvwxz"

// sameShapeCase: found is expected with the case of some letters changed,
// each of them one whose two cases have the same shape. A difference of
// case in any other letter ("ACME" for "Acme") is one OCR does not make.
func sameShapeCase(expected, found string) bool {
	e, f := []rune(expected), []rune(found)
	if len(e) != len(f) {
		return false
	}
	for i := range e {
		if e[i] != f[i] && (unicode.ToLower(e[i]) != unicode.ToLower(f[i]) || !strings.ContainsRune(shapeAlike, unicode.ToLower(e[i]))) {
			return false
		}
	}
	return true
}

func ocrPage(doc *extract.Document, page int) bool {
	return page >= 1 && page <= len(doc.Pages) && doc.Pages[page-1].TextSource == extract.SourceOCR
}

// ocrNear: on a scanned page, two texts that differ only as OCR
// misreads them.
func ocrNear(doc *extract.Document, page int, expected, found string) bool {
	if !ocrPage(doc, page) {
		return false
	}
	return compare.OCRConfusable(expected, found) || compare.OCRSpecks(expected, found)
}

// lineWords are the words of a place's line on the page, found by its
// box (a place's value keeps its words' union, not the words).
func lineWords(doc *extract.Document, v fields.Value) []extract.Word {
	if v.Page < 1 || v.Page > len(doc.Pages) {
		return nil
	}
	var out []extract.Word
	for _, l := range doc.Pages[v.Page-1].Lines {
		if l.Box[3] < v.Box[1] || l.Box[1] > v.Box[3] {
			continue
		}
		for _, w := range l.Words {
			if w.Box[0] >= v.Box[0]-0.5 && w.Box[2] <= v.Box[2]+0.5 && w.Box[1] >= v.Box[1]-0.5 && w.Box[3] <= v.Box[3]+0.5 {
				out = append(out, w)
			}
		}
	}
	return out
}

// differs is the finding for a value that differs from the order's in
// class, or none when the value was read from a scan and differs only in
// spacing: OCR joins and splits words by the gaps it sees, so a scan
// cannot tell "775 0" from "7750", and the characters agree.
func (c valueCheck) differs(r Read, p *profile.Profile, found fields.Value, class compare.Class) []report.Finding {
	if class == compare.Whitespace && scanned(r, found) {
		return nil
	}
	return []report.Finding{c.mismatch(r, p, found, class)}
}

func (c valueCheck) mismatch(r Read, p *profile.Profile, found fields.Value, class compare.Class) report.Finding {
	f := report.New(c.code, fmt.Sprintf("The %s on the %s differs from the order%s.", c.what, r.kind(), inClass(class)))
	f.Field, f.Document, f.Path = c.field, string(r.Doc.Kind), r.Doc.Path
	f.Expected, f.Found, f.Difference = c.expected, found.Text, report.Difference(class)
	f.Evidence = evidence(found)
	if class == c.lenient {
		f.Severity = report.Warn
	}
	f.Severity = p.MatchSeverity(f.Difference, f.Severity)
	f.Fix = fmt.Sprintf("Enter the %s exactly as printed on the %s: %s", c.what, r.kind(), found.Text)
	if scanned(r, found) && (compare.OCRConfusable(c.expected, found.Text) || compare.OCRSpecks(c.expected, found.Text)) {
		ocrUnsure(&f, r, misreading)
	}
	return f
}

// scanned reports whether a value was read by OCR.
func scanned(r Read, v fields.Value) bool {
	return r.Text != nil && v.Page >= 1 && v.Page <= len(r.Text.Pages) && r.Text.Pages[v.Page-1].TextSource == extract.SourceOCR
}

// Why a finding on a scan cannot be claimed outright.
const (
	misreading = "The difference could be an OCR misreading of the scan (O/0, l/1/I, rn/m, S/5, specks read as marks): a person must look."
	illegible  = "The scan is too coarse or unsure to trust this reading (see DOCUMENT_ILLEGIBLE): a person must look."
)

// ocrUnsure turns a finding whose only difference could be an OCR
// misreading into a request for a person to look: neither a match nor a
// mismatch can be claimed from the scan.
func ocrUnsure(f *report.Finding, r Read, why string) {
	if strings.Contains(f.Message, "a person must look") {
		return
	}
	f.Severity = report.Warn
	f.Message += " " + why
	f.Fix = fmt.Sprintf("Compare the order's value %q with the scanned %s by eye; if the scan shows exactly that, no change is needed.", f.Expected, r.kind())
}

func inClass(c compare.Class) string {
	if c == compare.Different {
		return ""
	}
	return " in " + string(c)
}

func (c valueCheck) notFound(r Read, places []fields.Place) report.Finding {
	f := report.New(report.FieldNotFound, fmt.Sprintf("The %s could not be found on the %s (looked %s), so it was not compared with the order.", c.what, r.kind(), lookedAt(places)))
	f.Field, f.Document, f.Path = c.field, string(r.Doc.Kind), r.Doc.Path
	f.Expected = c.expected
	f.Difference = report.DiffMissing
	f.Fix = fmt.Sprintf("Check by hand that the %s shows the %s exactly as %q, or upload a page that shows it.", r.kind(), c.what, c.expected)
	return f
}

// lookedAt names the places a search looked, for a person to look
// again.
func lookedAt(places []fields.Place) string {
	var ws []string
	for _, pl := range places {
		if !slices.Contains(ws, pl.Where) {
			ws = append(ws, pl.Where)
		}
	}
	switch {
	case len(ws) == 0:
		return "for its label, which the document does not print, and through its text"
	case len(ws) > 4:
		ws = append(ws[:4], fmt.Sprintf("%d more places", len(ws)-4))
	}
	return strings.Join(ws, ", ") + ", and through its text"
}

func joinText(ws []extract.Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

func wordsValue(page int, ws []extract.Word, text string) fields.Value {
	b := ws[0].Box
	for _, w := range ws[1:] {
		b = extract.Box{min(b[0], w.Box[0]), min(b[1], w.Box[1]), max(b[2], w.Box[2]), max(b[3], w.Box[3])}
	}
	return fields.Value{Text: text, Page: page, Box: b, Confidence: 0.6}
}
