package match

import (
	"fmt"
	"slices"
	"time"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// Dated is all a check's date rules read of an order's documents: each
// document's date held to its age limit. With the order and the profile
// (the requested date's window reads the order) it makes the date
// rules' findings as of any day, so a report made on one day is made
// again for another by replacing its date findings (DateCode) with
// Dated.Findings, without the documents: every other rule reads no
// date. It holds a document's date as read and where it stood, nothing
// else of the document; JSON, for a memo to keep.
type Dated struct {
	Ages []Aged `json:"ages,omitempty"`
}

// Aged is one document's date under its profile limit: a bill's or
// CSR's statement date, or an LOA's signing date.
type Aged struct {
	Doc  int       `json:"doc"` // position in Order.Documents
	LOA  bool      `json:"loa,omitempty"`
	Date time.Time `json:"date"`
	// Text, Page and Box are the date as the document prints it, for
	// the finding's evidence.
	Text string      `json:"text"`
	Page int         `json:"page,omitempty"`
	Box  extract.Box `json:"box"`
	// Unsure: the document is an illegible scan, and its findings are
	// for a person to confirm.
	Unsure bool `json:"unsure,omitempty"`
}

// DateCodes are the codes only the date rules make: Dated.Findings
// makes every finding of these codes, and nothing else makes any.
func DateCodes() []report.Code { return slices.Clone(dateCodes) }

var dateCodes = []report.Code{report.RequestedDateInvalid, report.BillTooOld, report.BillAging, report.LOATooOld}

// DateCode reports whether code is one of DateCodes.
func DateCode(code report.Code) bool { return slices.Contains(dateCodes, code) }

// DatedOf is what the date rules read of reads.
func DatedOf(reads []Read) Dated {
	var d Dated
	for _, r := range reads {
		var v fields.Value
		var date time.Time
		switch {
		case r.Bill != nil && r.Text != nil && billDated(r.Bill):
			v, date = r.Bill.BillDate, r.Bill.Date
		case r.LOA != nil && loaDated(r.LOA):
			v, date = r.LOA.SignedDate, r.LOA.Date
		default:
			continue
		}
		d.Ages = append(d.Ages, Aged{Doc: r.Index, LOA: r.LOA != nil, Date: date, Text: v.Text, Page: v.Page, Box: v.Box,
			Unsure: r.Text != nil && !r.Text.Legible()})
	}
	return d
}

// Redacted is d with each text passed through redact: the texts are a
// report's evidence, and leave the pipeline only as a report does.
func (d Dated) Redacted(redact func(string) string) Dated {
	var out Dated
	for _, a := range d.Ages {
		a.Text = redact(a.Text)
		out.Ages = append(out.Ages, a)
	}
	return out
}

// Findings are the date rules' findings as of asOf: the requested
// date's window, then each document's age.
func (d Dated) Findings(o *order.Order, p *profile.Profile, asOf time.Time) []report.Finding {
	return append(requestedDateFindings(o, p, asOf), d.ageFindings(o, p, asOf)...)
}

func requestedDateFindings(o *order.Order, p *profile.Profile, asOf time.Time) []report.Finding {
	out := requestedDate(orderCheck{o: o, p: p, asOf: day(asOf)})
	for i := range out {
		out[i].Severity = p.Severity(out[i].Code, out[i].Severity)
	}
	return out
}

// ageFindings are the documents' age findings alone.
func (d Dated) ageFindings(o *order.Order, p *profile.Profile, asOf time.Time) []report.Finding {
	var out []report.Finding
	for _, a := range d.Ages {
		out = append(out, a.findings(o, p, asOf)...)
	}
	return out
}

// rules are the date rules, each as whether it finds anything as of a
// day: what NextChange asks of many days, so without the findings'
// words.
func (d Dated) rules(o *order.Order, p *profile.Profile) []func(time.Time) bool {
	var rules []func(time.Time) bool
	if req, ok := o.RequestedDay(); ok {
		rules = append(rules, func(t time.Time) bool { return windowOf(p, t).outside(req) })
	}
	for _, a := range d.Ages {
		if a.Doc >= 0 && a.Doc < len(o.Documents) {
			rule := a.rule(p)
			rules = append(rules, func(t time.Time) bool { return rule.code(a.Date, t) != "" })
		}
	}
	return rules
}

// ageRule is a document's age limit: too old rejects, within margin of
// the limit warns (carriers take days to read it).
type ageRule struct {
	tooOld, aging report.Code
	what          string
	max, margin   int
}

func (a Aged) rule(p *profile.Profile) ageRule {
	if a.LOA {
		return ageRule{tooOld: report.LOATooOld, what: "LOA", max: p.LOAMaxAgeDays}
	}
	return ageRule{tooOld: report.BillTooOld, aging: report.BillAging, what: "bill", max: p.BillMaxAgeDays, margin: p.AgingMargin()}
}

// billDated: the bill's (or CSR's) statement date is read with
// confidence; a date read but contradicted (two statement dates) is no
// more use for the bill's age than none.
func billDated(b *fields.Bill) bool {
	return b.BillDate.Found() && b.BillDate.Confidence >= fields.MinConfidence
}

// loaDated: the LOA shows its signing date.
func loaDated(l *fields.LOA) bool { return l.SignedDate.Found() }

// code is what the rule finds of a document dated date as of asOf:
// too old, aging, or "" (nothing).
func (rule ageRule) code(date, asOf time.Time) report.Code {
	age := int(asOf.Sub(date).Hours() / 24)
	switch {
	case rule.max == 0:
		return ""
	case age > rule.max:
		return rule.tooOld
	case rule.aging != "" && age > rule.max-rule.margin:
		return rule.aging
	}
	return ""
}

func (a Aged) findings(o *order.Order, p *profile.Profile, asOf time.Time) []report.Finding {
	if a.Doc < 0 || a.Doc >= len(o.Documents) {
		return nil
	}
	rule := a.rule(p)
	code := rule.code(a.Date, asOf)
	if code == "" {
		return nil
	}
	r := Read{Index: a.Doc, Doc: o.Documents[a.Doc]}
	age := int(asOf.Sub(a.Date).Hours() / 24)
	limit := a.Date.AddDate(0, 0, rule.max).Format(time.DateOnly)
	var f report.Finding
	switch code {
	case rule.tooOld:
		f = report.New(rule.tooOld, fmt.Sprintf("The %s is dated %s, %d days before %s; the profile accepts at most %d days.", rule.what, a.Date.Format(time.DateOnly), age, asOf.Format(time.DateOnly), rule.max))
		f.Fix = fmt.Sprintf("Upload a %s dated within the last %d days.", rule.what, rule.max)
	default:
		f = report.New(rule.aging, fmt.Sprintf("The %s is %d days old and passes the %d-day limit on %s; a carrier may read it after that.", rule.what, age, rule.max, limit))
		f.Fix = fmt.Sprintf("Submit before %s, or upload a newer %s now.", limit, rule.what)
	}
	f.Field, f.Document, f.Path = a.field(), string(r.Doc.Kind), r.Doc.Path
	f.Expected = fmt.Sprintf("at most %d days old", rule.max)
	f.Found = fmt.Sprintf("%s (%d days old)", a.Text, age)
	f.Evidence = evidence(fields.Value{Text: a.Text, Page: a.Page, Box: a.Box})
	if a.Unsure {
		ocrUnsure(&f, r, illegible)
	}
	return []report.Finding{f}
}

func (a Aged) field() string {
	if a.LOA {
		return "signed_date"
	}
	return "bill_date"
}
