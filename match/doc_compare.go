package match

import (
	"fmt"
	"strings"

	"github.com/portcheck/portcheck/compare"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// valueCheck compares one value of the order with a document.
type valueCheck struct {
	code     report.Code
	field    string // the order's field
	what     string // how messages name it: "account name"
	expected string
	read     fields.Value // what the reader found beside the field's label
	classify func(expected, found string) compare.Class
	// lenient is the class that alone lowers the code's severity to warn
	// (SPEC section 3: case for names, abbreviation for addresses).
	lenient compare.Class
}

// run compares the labelled value when there is one; without one it
// searches the document for the order's value, exactly and then
// tolerantly, so a near miss is classified rather than reported missing.
func (c valueCheck) run(r Read, p *profile.Profile) []report.Finding {
	if strings.TrimSpace(c.expected) == "" || r.Text == nil {
		return nil
	}
	found := c.read
	if !found.Found() || found.Confidence < fields.MinConfidence {
		found = c.search(r.Text)
	}
	if !found.Found() {
		return []report.Finding{c.notFound(r)}
	}
	class := c.classify(c.expected, found.Text)
	if class == compare.Exact {
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

func (c valueCheck) notFound(r Read) report.Finding {
	f := report.New(report.FieldNotFound, fmt.Sprintf("The %s could not be found on the %s, so it was not compared with the order.", c.what, r.kind()))
	f.Field, f.Document, f.Path = c.field, string(r.Doc.Kind), r.Doc.Path
	f.Expected = c.expected
	f.Difference = report.DiffMissing
	f.Fix = fmt.Sprintf("Check by hand that the %s shows the %s exactly as %q, or upload a page that shows it.", r.kind(), c.what, c.expected)
	return f
}

// search looks for the order's value on every line: first exactly, then
// the closest run of words that differs only by a known class.
func (c valueCheck) search(doc *extract.Document) fields.Value {
	want := len(strings.Fields(c.expected))
	best, bestRank := fields.Value{}, compare.Rank(compare.Different)
	for pi, p := range doc.Pages {
		for _, l := range p.Lines {
			for i := range l.Words {
				for j := i + 1; j <= len(l.Words) && j <= i+want+3; j++ {
					text := joinText(l.Words[i:j])
					rank := compare.Rank(c.classify(c.expected, text))
					if rank < bestRank {
						best, bestRank = wordsValue(pi+1, l.Words[i:j], text), rank
					}
					if rank == 0 {
						return best
					}
				}
			}
		}
	}
	return best
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
