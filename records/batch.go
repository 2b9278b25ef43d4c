package records

import (
	"context"
	"errors"
	"fmt"

	"github.com/portcheck/portcheck/report"
)

// Answered reports whether the order needs no check as of asOf: its
// latest report is of its current version and that date, or a check of
// them is queued or running (and not lost).
func (r Records) Answered(m Meta, asOf string) bool {
	if m.Status == Checked && m.HasReport() && m.ReportVersion == m.Version && m.ReportAsOf == asOf {
		return true
	}
	c := m.Check
	return c != nil && c.Version == m.Version && c.AsOf == asOf && (m.Status == Queued || m.Status == Checking) && r.now().Sub(c.Asked) < lostAfter
}

// FinishBatchCheck stores the report a batch made of the order, as
// read in prev at prevVersion (LoadVersion; "" when unknown), and marks the order checked by task in one write of its
// metadata: the batch asked for the check, ran it and saw it end (a
// batch checks only from cached fields, so no attempt can take its
// worker down with it). A report that differs from the order's latest
// in its as-of date alone is not written again: the metadata names the
// earlier object and the date it now stands for. It changes nothing but
// the report when the order changed meanwhile: another version was
// uploaded, or another check of it was asked for and is pending. done
// says whether the order took the report; m is the metadata written
// then. memo, when given, is recorded with the report (Meta.Memo).
func (r Records) FinishBatchCheck(ctx context.Context, tenant, id, task string, prev Meta, prevVersion string, rep *report.Report, memo *Memo) (m Meta, done bool, err error) {
	version := prev.Version
	data, sum, err := encodeReport(version, rep)
	if err != nil {
		return Meta{}, false, fmt.Errorf("finish batch check of %s: %w", id, err)
	}
	object := ""
	if reusable(prev, version, sum) {
		object = prev.reportObject()
	} else if err := r.putReport(ctx, tenant, id, version, rep.AsOf, data); err != nil {
		return Meta{}, false, err
	}
	seen := &seenMeta{m: prev, version: prevVersion}
	for {
		m, done, err = r.finishBatch(ctx, tenant, id, task, version, seen, rep, sum, object, memo)
		if !errors.Is(err, errReportMoved) {
			break
		}
		// The latest report changed since prev was read: this one is
		// stored under its own name after all.
		if err := r.putReport(ctx, tenant, id, version, rep.AsOf, data); err != nil {
			return Meta{}, false, err
		}
		object, seen = "", nil
	}
	if err != nil {
		return Meta{}, false, fmt.Errorf("finish batch check of %s: %w", id, err)
	}
	return m, done, nil
}

// errReportMoved: the earlier report a batch meant to name is no longer
// the order's latest.
var errReportMoved = errors.New("the latest report changed")

// reusable: m's latest report is rep's but for its date, and of version.
func reusable(m Meta, version int, sum string) bool {
	return m.HasReport() && m.ReportSum != "" && m.ReportSum == sum && m.ReportVersion == version
}

// finishBatch writes the metadata as an amendment where the store takes
// one (amend.go): on a night whose reports change, the metadata's whole
// write was one of the two files made per order.
func (r Records) finishBatch(ctx context.Context, tenant, id, task string, version int, seen *seenMeta, rep *report.Report, sum, object string, memo *Memo) (written Meta, done bool, err error) {
	written, err = r.updateMeta(ctx, tenant, id, seen, func(m *Meta) (bool, error) {
		done = false
		if m.Version != version {
			return false, nil
		}
		if !r.batchMayFinish(*m, task, rep.AsOf) {
			return false, nil
		}
		if object != "" && (!reusable(*m, version, sum) || m.reportObject() != object) {
			return false, errReportMoved
		}
		m.Check = &CheckState{Task: task, Version: version, AsOf: rep.AsOf, Attempts: 1, Ended: 1, Asked: r.now()}
		dated := (*Replacement)(nil)
		if object != "" {
			dated = m.ReportDated // the latest's object, read as the latest is
		}
		setReport(m, version, rep, sum, object, dated, memo)
		done = true
		return true, nil
	}, r.amendReport) // every field the edit sets is a report amendment's
	return written, done, err
}

// batchMayFinish: the batch's outcome may be the order's: no other check
// of it is pending (that check's outcome will be the order's), and this
// batch has not run already.
func (r Records) batchMayFinish(m Meta, task, asOf string) bool {
	if c := m.Check; c != nil && c.Task != task && (m.Status == Queued || m.Status == Checking) && r.now().Sub(c.Asked) < lostAfter {
		return false
	}
	return !(r.Answered(m, asOf) && m.Check != nil && m.Check.Task == task)
}
