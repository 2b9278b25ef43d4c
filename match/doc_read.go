package match

import (
	"fmt"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// Read is one document of an order as the earlier stages left it: its
// text (nil when it could not be read) and the fields read from it.
type Read struct {
	Index int // position in Order.Documents
	Doc   order.Document
	Text  *extract.Document
	Bill  *fields.Bill // bills and CSRs
	LOA   *fields.LOA  // LOAs
	// Places, when set, holds fields.Places of Text for each role, kept
	// with the cached fields: where a field stands depends on the
	// document alone, so a re-check need not find the labels again.
	Places map[fields.Role][]fields.Place
}

// places is where the role's value stands on the document.
func (r Read) places(role fields.Role) []fields.Place {
	if ps, ok := r.Places[role]; ok {
		return ps
	}
	return fields.Places(r.Text, role)
}

// field is the order's JSON path of a document, for findings about it.
func (r Read) field() string { return fmt.Sprintf("documents[%d]", r.Index) }

// kind is how messages name the document.
func (r Read) kind() string { return r.Doc.Kind.Name() }

// evidence points a finding at a value read from the document.
func evidence(v fields.Value) *report.Evidence {
	if !v.Found() {
		return nil
	}
	e := &report.Evidence{Page: v.Page, Text: v.Text}
	if v.Box != (extract.Box{}) {
		b := [4]float64{round(v.Box[0]), round(v.Box[1]), round(v.Box[2]), round(v.Box[3])}
		e.Box = &b
	}
	return e
}

// round keeps boxes to a tenth of a point: finer is noise, and golden
// reports must not churn on it.
func round(f float64) float64 {
	return float64(int64(f*10+0.5)) / 10
}
