package pipeline

import (
	"fmt"
	"slices"

	"github.com/portcheck/portcheck/match"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// Redate is the report a check of o as of cfg's date makes, made from
// prev, the report of a check of the same inputs as of another day, and
// that check's standing: prev's date rules' findings (match.DateCode)
// give way to those of the new date, made from standing.Dated, and
// every other finding stands, for no other rule reads the date. It
// reads no document and runs no other rule, so a night on which every
// bill ages costs what its dates cost.
//
// The caller vouches that the inputs are prev's: their MemoDigest now
// is standing.Digest (as for a memo that stands). prev is not changed.
// The standing returned is the new report's.
func Redate(o *order.Order, prev *report.Report, standing Standing, cfg Config) (*report.Report, Standing, error) {
	if err := cfg.Validate(); err != nil {
		return nil, Standing{}, err
	}
	p, err := ProfileFor(o, cfg.Profile)
	if err != nil {
		return nil, Standing{}, fmt.Errorf("redate order %s: %w", o.ID, err)
	}
	if prev.OrderID != o.ID || prev.Profile != p.Name {
		return nil, Standing{}, fmt.Errorf("redate order %s: the report is of order %q under profile %q", o.ID, prev.OrderID, prev.Profile)
	}
	asOf := cfg.asOfDate()
	dated := &report.Report{Findings: standing.Dated.Findings(o, p, asOf)}
	applySeverities(dated, p)
	redact(dated, o)
	rep := *prev
	rep.AsOf = asOf.Format("2006-01-02")
	rep.Findings = slices.DeleteFunc(slices.Clone(prev.Findings), func(f report.Finding) bool { return match.DateCode(f.Code) })
	rep.Findings = append(rep.Findings, dated.Findings...)
	rep.Finalize()
	standing.Until = standing.Dated.NextChange(o, p, asOf)
	return &rep, standing, nil
}
