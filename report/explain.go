package report

import (
	"fmt"
	"html/template"
)

// Explained is a finding worded for a reviewer, as the HTML report and
// the served reviewer UI both show it: plain text without internal
// error detail, a fix that never quotes an empty value, headings that
// say what each side of a comparison is, and the two values as written
// with the differing characters marked.
type Explained struct {
	Finding
	Place                string // "page 1 of the bill bill.pdf"
	Message, Fix         string
	Left, Right          string // what each side of the comparison is
	Table                bool   // two sides to show; else only what the document or order shows
	Caption              string
	LeftValue, RightHTML template.HTML
	Differs              string // the class of difference in words
	Standard             string // the order's value as compared, when it is not as written
}

// Explain words f for a reviewer. written, if set, gives the order's
// value of a field as the user wrote it, where the report quotes it
// normalised (order.Order's Written). The finding's evidence is a copy:
// a view may add to its text, the report stays as it is.
func Explain(f Finding, written func(field string) (string, bool)) Explained {
	e := Explained{Finding: f, Message: plain(f, f.Message), Fix: plain(f, fixText(f))}
	e.Found = plain(f, f.Found)
	e.Left, e.Right = headings(f)
	e.values(written)
	if f.Document != "" {
		e.Place = "the " + documentName(f.Document)
		if f.Path != "" {
			e.Place += " " + f.Path
		}
	}
	if f.Evidence != nil {
		ev := *f.Evidence
		e.Evidence = &ev
		if ev.Page >= 1 {
			e.Place = fmt.Sprintf("page %d of %s", ev.Page, e.Place)
		}
	}
	return e
}

// Boxed reports whether the finding says where on its page its value
// stands.
func (e Explained) Boxed() bool {
	if e.Evidence == nil || e.Evidence.Page < 1 {
		return false
	}
	b := e.Evidence.Box
	return b != nil && b[2] > b[0] && b[3] > b[1]
}

// values fills the two sides: the order's value as written where the
// report quotes it normalised, the document's as printed.
func (e *Explained) values(written func(string) (string, bool)) {
	left := e.Expected
	if comparisons[e.Code] && written != nil {
		if v, ok := written(e.Field); ok && v != "" {
			left = v
			if v != e.Expected {
				e.Standard = e.Expected
			}
		}
	}
	e.Expected = left
	e.Table = comparisons[e.Code] || left != ""
	e.Caption = capitalise(e.Left) + " beside " + e.Right
	switch {
	case e.Table:
	case e.Code == FileUnreadable:
		e.Caption = "Why"
	default:
		e.Caption = capitalise(e.Right) + " shows"
	}
	e.Differs = differenceWords(e.Difference)
	if e.Difference == "" || e.Difference == DiffMissing || e.Found == "" || left == "" {
		e.LeftValue = template.HTML(template.HTMLEscapeString(left))
		e.RightHTML = template.HTML(template.HTMLEscapeString(e.Found))
		return
	}
	// Where the class is a different value or an abbreviation, a case
	// difference is noise beside the digit that matters; where it is
	// case, spacing or punctuation, every differing character is the
	// difference.
	ignoreCase := e.Difference == DiffDifferent || e.Difference == DiffAbbreviation
	e.LeftValue, e.RightHTML = markDiff(left, e.Found, ignoreCase)
}
