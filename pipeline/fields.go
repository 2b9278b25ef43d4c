package pipeline

import (
	"context"
	"time"

	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/fields"
	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/profile"
	"github.com/portcheck/portcheck/report"
)

// readFields reads what a document says, by its kind. Documents without
// text, and kinds portcheck does not read (ID, other), have no fields.
// Cached fields stand for the readers, whose output they are.
func readFields(o *order.Order, i int, d order.Document, res readResult) match.Read {
	r := match.Read{Index: i, Doc: d, Text: res.text}
	if res.text == nil || res.text.TextSource == extract.SourceNone {
		r.Text = nil
		return r
	}
	if f := res.cached; f != nil {
		r.Bill, r.LOA, r.Places = f.Bill, f.LOA, f.Places
		return r
	}
	switch d.Kind {
	case order.KindBill, order.KindCSR:
		r.Bill = fields.ReadBill(res.text, o.Region())
	case order.KindLOA:
		r.LOA = fields.ReadLOA(res.text, o.Region())
	}
	return r
}

// reportFields is what the report shows of a read: only values read
// with enough confidence, never a guess and never the order's value.
func reportFields(r match.Read) *report.Fields {
	switch {
	case r.Bill != nil:
		b := r.Bill
		return &report.Fields{
			AccountName: text(b.AccountName), AccountNumber: text(b.AccountNumber),
			ServiceAddress: text(b.ServiceAddress), BTN: text(b.BTN), PhoneNumbers: texts(b.Numbers),
			BillDate: date(b.BillDate, b.Date), Carrier: text(b.Carrier),
		}
	case r.LOA != nil:
		l := r.LOA
		signed := l.Signed()
		return &report.Fields{
			AccountName: text(l.AccountName), AccountNumber: text(l.AccountNumber),
			ServiceAddress: text(l.ServiceAddress), PhoneNumbers: texts(l.Numbers), Carrier: text(l.Carrier),
			SignerName: text(l.SignerName), SignerTitle: text(l.SignerTitle), Signed: &signed,
			SignedDate: date(l.SignedDate, l.Date),
		}
	}
	return nil
}

func text(v fields.Value) string {
	if v.Confidence < fields.MinConfidence {
		return ""
	}
	return v.Text
}

func texts(vs []fields.Value) []string {
	var out []string
	for _, v := range vs {
		if t := text(v); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func date(v fields.Value, t time.Time) string {
	if text(v) == "" {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Reading is one document as ReadOne read it.
type Reading struct {
	Summary  report.Document   // its line of the report, with the fields read
	Findings []report.Finding  // findings about the file itself
	Text     *extract.Document // the text read; nil when the file had none
}

// ReadOne admits, extracts and reads one document exactly as Check
// does, under profile p. The corpus scoreboards use it, so they measure
// the pipeline, not a copy of it.
func ReadOne(ctx context.Context, d order.Document, docs Documents, region string, p *profile.Profile, cfg Config) (Reading, error) {
	res, fs, err := readDocument(ctx, 0, d, docs, region, p, cfg)
	if err != nil {
		return Reading{}, err
	}
	o := &order.Order{ServiceAddress: order.Address{Country: region}}
	res.summary.Fields = reportFields(readFields(o, 0, d, res))
	return Reading{Summary: res.summary, Findings: fs, Text: res.text}, nil
}
