package records

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/portcheck/portcheck/report"
)

// Replacement is what a report made again for another day changed of
// the report it was made from (pipeline.Redate): the findings of Codes
// give way to Findings. The metadata keeps it (Meta.ReportDated) beside
// the object of the report it changes, so a night on which only the
// date rules' findings change (a bill aging day by day) writes no
// report file: creating one was most of such a night's cost.
type Replacement struct {
	Codes    []string         `json:"codes"`
	Findings []report.Finding `json:"findings"`
}

func (x *Replacement) apply(rep *report.Report) {
	if x == nil {
		return
	}
	rep.Findings = slices.DeleteFunc(rep.Findings, func(f report.Finding) bool { return slices.Contains(x.Codes, string(f.Code)) })
	rep.Findings = append(rep.Findings, x.Findings...)
	rep.Finalize()
}

// Stored is an order's latest report as stored: Report as it reads
// (without the reviewers' decisions, which the metadata keeps apart),
// made of the object's report and what the metadata changed of it.
type Stored struct {
	Report *report.Report
	object string
	base   *report.Report
}

// LatestStored is the latest report m names, as stored.
func (r Records) LatestStored(ctx context.Context, tenant, id string, m Meta) (Stored, error) {
	base, err := r.objectOf(ctx, tenant, id, m)
	if err != nil {
		return Stored{}, err
	}
	rep := *base
	rep.Findings = slices.Clone(base.Findings)
	rep.AsOf = m.ReportAsOf // an earlier day's report stands for this day's
	m.ReportDated.apply(&rep)
	return Stored{Report: &rep, object: m.reportObject(), base: base}, nil
}

// FinishRedatedCheck is FinishBatchCheck for rep, made from latest (the
// order's latest report, LatestStored of prev) by replacing its
// findings of codes: when latest's object with rep's findings of codes
// in place of its own is rep, the metadata keeps those findings
// (Meta.ReportDated) and names that object, and no report is written;
// otherwise rep is stored as FinishBatchCheck stores it.
func (r Records) FinishRedatedCheck(ctx context.Context, tenant, id, task string, prev Meta, prevVersion string, latest Stored, rep *report.Report, codes []string, memo *Memo) (m Meta, done bool, err error) {
	data, sum, err := encodeReport(prev.Version, rep)
	if err != nil {
		return Meta{}, false, fmt.Errorf("finish batch check of %s: %w", id, err)
	}
	var keep *kept
	switch {
	case reusable(prev, prev.Version, sum):
		keep = &kept{object: prev.reportObject(), latestSum: sum, reuse: true}
	case latest.base != nil && latest.object == prev.reportObject() && prev.ReportSum != "":
		x := replacementOf(rep, codes)
		if composes(latest.base, x, rep) {
			keep = &kept{object: latest.object, latestSum: prev.ReportSum, dated: x}
		}
	}
	return r.finishBatchCheck(ctx, tenant, id, task, prev, prevVersion, rep, data, sum, keep, memo)
}

// replacementOf is rep's findings of codes, as a Replacement of them.
func replacementOf(rep *report.Report, codes []string) *Replacement {
	x := &Replacement{Codes: slices.Clone(codes), Findings: []report.Finding{}}
	for _, f := range rep.Findings {
		if slices.Contains(codes, string(f.Code)) {
			x.Findings = append(x.Findings, f)
		}
	}
	return x
}

// composes: base with x applied, as of rep's date, is rep.
func composes(base *report.Report, x *Replacement, rep *report.Report) bool {
	c := *base
	c.Findings = slices.Clone(base.Findings)
	c.AsOf = rep.AsOf
	x.apply(&c)
	return reflect.DeepEqual(&c, rep)
}
