package records

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Memo says for which later re-validations an order's latest report
// stands, as a build tool's up-to-date check does: one whose inputs
// have the same Digest (everything the report depends on but the date:
// pipeline.InputsDigest), as of a day from From up to, not including,
// Until (the first day a date rule could say otherwise), makes the same
// report but for its as_of, and need not run.
type Memo struct {
	Digest string `json:"digest"`
	From   string `json:"from"`
	Until  string `json:"until"`
	// Profile is the order's profile field and Numbers the E.164
	// numbers the porting lookup was asked of (pipeline.Standing), so a
	// re-validation resolves and asks them again without the order.
	Profile string   `json:"profile,omitempty"`
	Numbers []string `json:"numbers,omitempty"`
	// Counts are how many findings of each of Meta.Codes the report
	// holds, when a code holds more than one (metrics count findings).
	Counts []int `json:"counts,omitempty"`
	// Dated is what the report's date rules read of the documents
	// (pipeline.Standing's Dated, as JSON; its texts redacted): on a day
	// past Until, with the digest unchanged, the report is made again
	// from it and the latest report (pipeline.RedateFindings,
	// FinishRedatedCheck) instead of a check. Absent from memos written
	// before it, which then need one.
	Dated json.RawMessage `json:"dated,omitempty"`
	// Marks are the report's findings as its verdict and codes count
	// them (setReport makes them), for a report made again from it.
	Marks []Mark `json:"marks"`
}

// Covers reports whether the memo's dates take in asOf (YYYY-MM-DD).
func (m *Memo) Covers(asOf string) bool {
	return m != nil && m.Digest != "" && m.From <= asOf && asOf < m.Until
}

// Standing reports whether m's latest report may stand as of asOf by
// its memo, inputs aside: it is of the current version, the order is
// checked, and the memo's dates cover asOf.
func (m Meta) Standing(asOf string) bool {
	return m.Status == Checked && m.HasReport() && m.ReportVersion == m.Version && m.Memo.Covers(asOf)
}

// Redatable reports whether m's latest report may be made again for
// another day from its memo, inputs aside: it is of the current
// version, the order is checked, and the memo keeps the date rules'
// inputs and the marks of its findings.
func (m Meta) Redatable() bool {
	return m.Status == Checked && m.HasReport() && m.ReportVersion == m.Version && m.Memo != nil && m.Memo.Digest != "" && len(m.Memo.Dated) > 0 && m.Memo.Marks != nil
}

// Identity names the order's bytes as stored: its version and the
// object it is read from, which every edit and upload changes.
func (m Meta) Identity() string {
	return fmt.Sprintf("v%d %s", m.Version, orderObject(m))
}

// FindingCounts is how many findings of each code the latest report
// holds, as its memo recorded them (one of each without a memo).
func (m Meta) FindingCounts() map[string]int {
	out := map[string]int{}
	for i, c := range m.Codes {
		out[c] = 1
		if m.Memo != nil && i < len(m.Memo.Counts) {
			out[c] = m.Memo.Counts[i]
		}
	}
	return out
}

// ErrMemoMoved: the order's memo is no longer the one a re-validation
// found standing; it must check the order after all.
var ErrMemoMoved = errors.New("the latest report's memo changed")

// StandBatchCheck marks the order checked as of asOf by task with the
// report it has, in one conditional write of its metadata (an amendment
// where the store takes one, amend.go), when its memo, as read in
// prev at prevVersion, still stands for inputs of digest: the metadata
// names the earlier report object and the date it now stands for, as
// FinishBatchCheck does for a report that differs only in its date.
// ErrMemoMoved when the order's report or memo changed since prev; done
// is false, with no error, when the order's outcome is another check's
// or this batch's already.
func (r Records) StandBatchCheck(ctx context.Context, tenant, id, task string, prev Meta, prevVersion, asOf, digest string) (m Meta, done bool, err error) {
	seen := &seenMeta{m: prev, version: prevVersion}
	m, err = r.updateMeta(ctx, tenant, id, seen, func(m *Meta) (bool, error) {
		done = false
		if !m.Standing(asOf) || m.Memo.Digest != digest || m.Version != prev.Version || m.ReportSum != prev.ReportSum {
			return false, ErrMemoMoved
		}
		if !r.batchMayFinish(*m, task, asOf) {
			return false, nil
		}
		object := m.reportObject()
		if object == reportName(m.ReportVersion, asOf) {
			object = ""
		}
		m.Check = &CheckState{Task: task, Version: m.Version, AsOf: asOf, Attempts: 1, Ended: 1, Asked: r.now()}
		m.Status, m.Reason = Checked, ""
		m.ReportAsOf, m.ReportObject = asOf, object
		done = true
		return true, nil
	}, r.amendMeta) // every field the edit sets is an amendment's
	if err != nil {
		return Meta{}, false, fmt.Errorf("stand batch check of %s: %w", id, err)
	}
	return m, done, nil
}
