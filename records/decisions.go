package records

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/portcheck/portcheck/report"
)

// Decision is a reviewer's acceptance of one finding of an order: a
// person looked and the carrier will take it. It is kept in the order's
// metadata, so it is written with the same compare-and-swap as every
// other change of the order, and the verdict changes in the same write.
type Decision struct {
	FindingKey
	report.Acceptance
}

// FindingKey names a finding across checks. A finding read from a
// document is named by the document's SHA-256, its code and its field:
// a decision holds through every re-check and re-validation of the same
// bytes, and lapses when the document is replaced. A finding about the
// order itself (no document) is named by a digest of the values it
// compares instead, so changing the order's value lapses it too.
type FindingKey struct {
	Document string `json:"document_sha256,omitempty"`
	Code     string `json:"code"`
	Field    string `json:"field,omitempty"`
	Subject  string `json:"subject,omitempty"`
}

var (
	// ErrNoFinding: the order's latest report has no finding of that key.
	ErrNoFinding = errors.New("no such finding in the latest report")
	// ErrBadDecision: the decision is empty or too long.
	ErrBadDecision = errors.New("invalid decision")
)

// Bounds of a decision, so an order's metadata stays a few KiB.
const (
	MaxComment   = 2000 // characters
	MaxName      = 100
	maxDecisions = 500
)

// KeyOf names finding f of rep.
func KeyOf(rep *report.Report, f report.Finding) FindingKey {
	k := FindingKey{Code: string(f.Code), Field: f.Field}
	if f.Path != "" {
		if i := slices.IndexFunc(rep.Documents, func(d report.Document) bool { return d.Path == f.Path }); i >= 0 {
			k.Document = rep.Documents[i].SHA256
		}
	}
	if k.Document == "" {
		h := sha256.Sum256([]byte(f.Path + "\x00" + f.Expected + "\x00" + f.Found))
		k.Subject = hex.EncodeToString(h[:8])
	}
	return k
}

// String is the key as a form field carries it.
func (k FindingKey) String() string {
	return strings.Join([]string{k.Code, k.Field, k.Document, k.Subject}, "|")
}

// ParseFindingKey reads a key written by String.
func ParseFindingKey(s string) (FindingKey, error) {
	p := strings.Split(s, "|")
	if len(p) != 4 || p[0] == "" {
		return FindingKey{}, fmt.Errorf("finding key %q: %w", s, ErrNoFinding)
	}
	return FindingKey{Code: p[0], Field: p[1], Document: p[2], Subject: p[3]}, nil
}

// ApplyDecisions marks the findings of rep that a decision accepts and
// sets the verdict again; it reports whether any finding was accepted.
func ApplyDecisions(rep *report.Report, ds []Decision) bool {
	accepted := false
	for i := range rep.Findings {
		f := &rep.Findings[i]
		k := KeyOf(rep, *f)
		f.Accepted = nil
		if j := slices.IndexFunc(ds, func(d Decision) bool { return d.FindingKey == k }); j >= 0 {
			a := ds[j].Acceptance
			f.Accepted, accepted = &a, true
		}
	}
	rep.Finalize()
	return accepted
}

// verdictWith is rep's verdict once ds are applied, leaving rep as it is.
func verdictWith(rep *report.Report, ds []Decision) report.Severity {
	c := *rep
	c.Findings = slices.Clone(rep.Findings)
	ApplyDecisions(&c, ds)
	return c.Verdict
}

// decided is a stored report's JSON with ds applied; the bytes as
// stored when no decision applies.
func decided(data []byte, ds []Decision) ([]byte, error) {
	if len(ds) == 0 {
		return data, nil
	}
	var sr storedReport
	if err := json.Unmarshal(data, &sr); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if sr.Report == nil || !ApplyDecisions(sr.Report, ds) {
		return data, nil
	}
	return encodeStored(sr)
}

// redated is a stored report of an earlier day as the report as of
// asOf it stands for (Meta.ReportObject), with what the latest report
// changed of it (Meta.ReportDated) and the decisions applied.
func redated(data []byte, asOf string, dated *Replacement, ds []Decision) ([]byte, error) {
	var sr storedReport
	if err := json.Unmarshal(data, &sr); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	if sr.Report == nil {
		return nil, fmt.Errorf("read report: empty: %w", ErrNotFound)
	}
	sr.AsOf = asOf
	if err := dated.apply(sr.Report); err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	ApplyDecisions(sr.Report, ds)
	return encodeStored(sr)
}

func encodeStored(sr storedReport) ([]byte, error) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, sr); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// LatestReport returns the order's latest report with its decisions
// applied, and the metadata it was read with; ErrNotFound before a
// check has finished.
func (r Records) LatestReport(ctx context.Context, tenant, id string) (*report.Report, Meta, error) {
	m, err := r.Meta(ctx, tenant, id)
	if err != nil {
		return nil, Meta{}, err
	}
	rep, err := r.reportOf(ctx, tenant, id, m)
	if err != nil {
		return nil, Meta{}, err
	}
	ApplyDecisions(rep, m.Decisions)
	return rep, m, nil
}

// reportOf reads the report m names, as stored.
func (r Records) reportOf(ctx context.Context, tenant, id string, m Meta) (*report.Report, error) {
	rep, err := r.objectOf(ctx, tenant, id, m)
	if err != nil {
		return nil, err
	}
	rep.AsOf = m.ReportAsOf // an earlier day's report stands for this day's
	if err := m.ReportDated.apply(rep); err != nil {
		return nil, fmt.Errorf("report of %s: %w", id, err)
	}
	return rep, nil
}

// objectOf reads the report object m's latest report is read from.
func (r Records) objectOf(ctx context.Context, tenant, id string, m Meta) (*report.Report, error) {
	if !m.HasReport() {
		return nil, fmt.Errorf("report of %s: %w", id, ErrNotFound)
	}
	k, err := key(tenant, id, m.reportObject())
	if err != nil {
		return nil, err
	}
	var sr storedReport
	if err := r.getJSON(ctx, k, &sr); err != nil {
		return nil, fmt.Errorf("report of %s: %w", id, err)
	}
	if sr.Report == nil {
		return nil, fmt.Errorf("report of %s: empty: %w", id, ErrNotFound)
	}
	return sr.Report, nil
}

// Accept records that a reviewer accepted the finding of the order's
// latest report named by k, replacing an earlier decision on it, and
// sets the order's verdict to reflect it.
func (r Records) Accept(ctx context.Context, tenant, id string, k FindingKey, a report.Acceptance) (Meta, error) {
	a.Comment, a.By = strings.TrimSpace(a.Comment), strings.TrimSpace(a.By)
	if a.Comment == "" || a.By == "" || utf8.RuneCountInString(a.Comment) > MaxComment || utf8.RuneCountInString(a.By) > MaxName {
		return Meta{}, fmt.Errorf("accept finding of %s: a comment of at most %d characters and a name of at most %d: %w", id, MaxComment, MaxName, ErrBadDecision)
	}
	a.Tenant, a.At = tenant, r.now().Format("2006-01-02T15:04:05Z")
	return r.decide(ctx, tenant, id, k, func(ds []Decision) ([]Decision, error) {
		ds = slices.DeleteFunc(ds, func(d Decision) bool { return d.FindingKey == k })
		if len(ds) >= maxDecisions {
			return nil, fmt.Errorf("accept finding of %s: at most %d decisions per order: %w", id, maxDecisions, ErrBadDecision)
		}
		return append(ds, Decision{FindingKey: k, Acceptance: a}), nil
	})
}

// Withdraw removes the decision on the finding named by k.
func (r Records) Withdraw(ctx context.Context, tenant, id string, k FindingKey) (Meta, error) {
	return r.decide(ctx, tenant, id, k, func(ds []Decision) ([]Decision, error) {
		return slices.DeleteFunc(ds, func(d Decision) bool { return d.FindingKey == k }), nil
	})
}

// decide changes the order's decisions with change, on a finding of its
// latest report, and sets the verdict from that report in the same
// conditional write.
func (r Records) decide(ctx context.Context, tenant, id string, k FindingKey, change func([]Decision) ([]Decision, error)) (Meta, error) {
	reports := map[string]*report.Report{} // a report of one name never changes: read once across retries
	return r.update(ctx, tenant, id, func(m *Meta) (bool, error) {
		name := m.reportObject() + "@" + m.ReportAsOf + "#" + m.ReportSum
		rep, ok := reports[name]
		if !ok {
			var err error
			if rep, err = r.reportOf(ctx, tenant, id, *m); err != nil {
				return false, err
			}
			reports[name] = rep
		}
		if !slices.ContainsFunc(rep.Findings, func(f report.Finding) bool { return KeyOf(rep, f) == k }) {
			return false, fmt.Errorf("decide on %s of %s: %w", k.Code, id, ErrNoFinding)
		}
		ds, err := change(slices.Clone(m.Decisions))
		if err != nil {
			return false, err
		}
		m.Decisions = ds
		m.Verdict = string(verdictWith(rep, ds))
		return true, nil
	})
}
