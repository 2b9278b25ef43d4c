package records

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/portcheck/portcheck/report"
)

// Replacement is what an order's latest report changed of the report
// object it is read from: the object's findings of Codes give way to
// Findings (report.Report.Replace), a report made again for another day
// whose findings of the date rules alone differ (pipeline.RedateFindings).
// The metadata keeps it (Meta.ReportDated), so a night on which a bill
// ages day by day reads and writes no report file: creating one was
// most of such a night.
//
// Findings are kept as their JSON, decoded only when the report is
// read: the metadata is read far more often, by every re-validation.
type Replacement struct {
	Base     string          `json:"base"` // the object's report sum
	Codes    []string        `json:"codes"`
	Findings json.RawMessage `json:"findings"`
}

func (x *Replacement) apply(rep *report.Report) error {
	if x == nil {
		return nil
	}
	var fs []report.Finding
	if err := json.Unmarshal(x.Findings, &fs); err != nil {
		return fmt.Errorf("findings of the latest report: %w", err)
	}
	codes := make([]report.Code, len(x.Codes))
	for i, c := range x.Codes {
		codes[i] = report.Code(c)
	}
	rep.Replace(codes, fs)
	return nil
}

// sum is the report's sum (Meta.ReportSum) when it is read as the
// object of sum Base with x applied: not the sum of its encoding, so
// the same report written whole has another, and is written again
// rather than taken for this one; two reports made again from the same
// object have the same sum exactly when they read the same.
func (x *Replacement) sum() (string, error) {
	data, err := encodeLine(x) // its findings are encodeJSON's
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte("portcheck replaced report 1\n"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Mark is what one finding of a report counts for in the metadata: its
// severity, and its key (what a reviewer's decision names). A memo
// keeps the marks of its report's findings (Memo.Marks), so the
// verdict and codes of the report made again for another day are
// known without reading the report.
type Mark struct {
	Severity report.Severity `json:"severity"`
	Key      FindingKey      `json:"key"`
}

func marksOf(rep *report.Report) []Mark {
	marks := make([]Mark, 0, len(rep.Findings))
	for _, f := range rep.Findings {
		marks = append(marks, Mark{Severity: f.Severity, Key: KeyOf(rep, f)})
	}
	return marks
}

// FinishRedatedCheck marks the order checked as of asOf by task with
// its latest report made again for that day: the latest report, as read
// in prev at prevVersion, with its findings of codes replaced by
// findings. The metadata keeps them (Meta.ReportDated) beside the
// latest report's object and counts them, with the memo's marks of the
// other findings, for the verdict and the codes: no report is read or
// written. memo is the new report's (its marks are made here).
// ErrMemoMoved when the latest report or its memo changed since prev,
// or holds no marks (then check the order); done is false, with no
// error, when the order's outcome is another check's or this batch's
// already.
func (r Records) FinishRedatedCheck(ctx context.Context, tenant, id, task string, prev Meta, prevVersion, asOf string, codes []string, findings []report.Finding, memo *Memo) (m Meta, done bool, err error) {
	if memo == nil {
		return Meta{}, false, fmt.Errorf("finish redated check of %s: no memo: %w", id, ErrMemoMoved)
	}
	seen := &seenMeta{m: prev, version: prevVersion}
	m, err = r.updateMeta(ctx, tenant, id, seen, func(m *Meta) (bool, error) {
		done = false
		if !m.Redatable() || m.Version != prev.Version || m.ReportSum != prev.ReportSum || m.reportObject() != prev.reportObject() ||
			m.Memo.Digest != prev.Memo.Digest || (m.ReportDated != nil && !slices.Equal(m.ReportDated.Codes, codes)) {
			return false, ErrMemoMoved
		}
		if !r.batchMayFinish(*m, task, asOf) {
			return false, nil
		}
		if err := redateMeta(m, asOf, codes, findings, *memo); err != nil {
			return false, err
		}
		m.Check = &CheckState{Task: task, Version: m.Version, AsOf: asOf, Attempts: 1, Ended: 1, Asked: r.now()}
		done = true
		return true, nil
	}, r.amendReport) // every field the edit sets is a report amendment's
	if err != nil {
		return Meta{}, false, fmt.Errorf("finish redated check of %s: %w", id, err)
	}
	return m, done, nil
}

// redateMeta makes m's latest report its latest with findings in place
// of its findings of codes, as of asOf, as setReport would of that
// report read whole.
func redateMeta(m *Meta, asOf string, codes []string, findings []report.Finding, memo Memo) error {
	if findings == nil {
		findings = []report.Finding{}
	}
	raw, err := encodeJSON(findings)
	if err != nil {
		return err
	}
	x := &Replacement{Base: m.ReportSum, Codes: slices.Clone(codes), Findings: raw}
	if m.ReportDated != nil {
		x.Base = m.ReportDated.Base
	}
	sum, err := x.sum()
	if err != nil {
		return err
	}
	dated := &report.Report{Findings: findings, Documents: documentsOf(*m)}
	marks := slices.DeleteFunc(slices.Clone(m.Memo.Marks), func(mk Mark) bool { return slices.Contains(codes, mk.Key.Code) })
	marks = append(marks, marksOf(dated)...)
	verdict, counted := markedReport(marks, m.Decisions)
	codesOut, counts := codesOf(counted)
	object := m.reportObject()
	if object == reportName(m.ReportVersion, asOf) {
		object = ""
	}
	memo.Marks, memo.Counts = marks, nil
	if slices.ContainsFunc(counts, func(n int) bool { return n > 1 }) {
		memo.Counts = counts
	}
	m.Status, m.Reason, m.Verdict, m.Codes = Checked, "", string(verdict), codesOut
	m.ReportAsOf, m.ReportObject, m.ReportSum, m.ReportDated = asOf, object, sum, x
	m.Memo = &memo
	return nil
}

// documentsOf are the order's documents as a report names them (its
// upload names), for the keys of findings about them.
func documentsOf(m Meta) []report.Document {
	out := make([]report.Document, 0, len(m.Documents))
	for _, d := range m.Documents {
		out = append(out, report.Document{Kind: d.Kind, Path: d.Name, SHA256: d.SHA256})
	}
	return out
}

// markedReport is the verdict of a report whose findings have marks,
// with ds applied, and those findings as Finalize orders them (code
// and severity alone).
func markedReport(marks []Mark, ds []Decision) (report.Severity, []report.Finding) {
	rep := report.Report{Findings: make([]report.Finding, 0, len(marks))}
	for _, mk := range marks {
		f := report.Finding{Code: report.Code(mk.Key.Code), Severity: mk.Severity, Field: mk.Key.Field}
		if i := slices.IndexFunc(ds, func(d Decision) bool { return d.FindingKey == mk.Key }); i >= 0 {
			a := ds[i].Acceptance
			f.Accepted = &a
		}
		rep.Findings = append(rep.Findings, f)
	}
	rep.Finalize()
	return rep.Verdict, rep.Findings
}
