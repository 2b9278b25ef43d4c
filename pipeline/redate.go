package pipeline

import (
	"fmt"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
)

// RedateFindings are the date rules' findings of a check of o as of
// cfg's date, made from standing (that of a check of the same inputs as
// of another day) as the check makes them: the profile's severities
// applied and redacted. That report with its findings of
// match.DateCodes replaced by these (report.Report.Replace) is the
// report the check as of cfg's date makes, for no other rule reads the
// date; so a night on which every bill ages reads no document and runs
// no other rule. The standing returned is that report's.
//
// The caller vouches that the inputs are the earlier check's: their
// MemoDigest now is standing.Digest (as for a memo that stands).
func RedateFindings(o *order.Order, standing Standing, cfg Config) ([]report.Finding, Standing, error) {
	if err := cfg.Validate(); err != nil {
		return nil, Standing{}, err
	}
	p, err := ProfileFor(o, cfg.Profile)
	if err != nil {
		return nil, Standing{}, fmt.Errorf("redate order %s: %w", o.ID, err)
	}
	asOf := cfg.asOfDate()
	dated := &report.Report{Findings: standing.Dated.Findings(o, p, asOf)}
	applySeverities(dated, p)
	redact(dated, o)
	standing.Until = standing.Dated.NextChange(o, p, asOf)
	return dated.Findings, standing, nil
}
