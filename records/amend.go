package records

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/portcheck/portcheck/storage"
)

// amendment is what StandBatchCheck and FinishBatchCheck change of an
// order's metadata: a store that can (storage.Appender, the folder)
// takes it as a line added to meta.json instead of the whole metadata
// written again, which on a folder is a file made and renamed per
// order, most of a night's writes. The metadata reads as meta.json with
// each amendment since its last whole write applied in turn
// (decodeMeta). Every field is written, zero or not, so applying one
// sets exactly what the edit set; Report, absent from a line that
// stands a memo (and from lines written before it existed), changes
// none of its fields.
type amendment struct {
	Status       string           `json:"status"`
	Reason       string           `json:"reason"`
	ReportAsOf   string           `json:"report_as_of"`
	ReportObject string           `json:"report_object"`
	Check        *CheckState      `json:"check"`
	Updated      time.Time        `json:"updated"`
	Report       *reportAmendment `json:"report,omitempty"`
}

// reportAmendment is what a new report changes of the metadata besides
// amendment's fields (setReport).
type reportAmendment struct {
	Verdict       string       `json:"verdict"`
	Codes         []string     `json:"codes"`
	AgesOut       string       `json:"ages_out"`
	ReportVersion int          `json:"report_version"`
	ReportSum     string       `json:"report_sum"`
	ReportDated   *Replacement `json:"report_dated,omitempty"`
	Memo          *Memo        `json:"memo"`
}

func amendmentOf(m Meta) amendment {
	return amendment{Status: m.Status, Reason: m.Reason, ReportAsOf: m.ReportAsOf, ReportObject: m.ReportObject, Check: m.Check, Updated: m.Updated}
}

// reportAmendmentOf is m's amendment with the report's fields.
func reportAmendmentOf(m Meta) amendment {
	a := amendmentOf(m)
	a.Report = &reportAmendment{Verdict: m.Verdict, Codes: m.Codes, AgesOut: m.AgesOut, ReportVersion: m.ReportVersion, ReportSum: m.ReportSum, ReportDated: m.ReportDated, Memo: m.Memo}
	return a
}

func (a amendment) apply(m *Meta) {
	m.Status, m.Reason, m.ReportAsOf, m.ReportObject, m.Check, m.Updated = a.Status, a.Reason, a.ReportAsOf, a.ReportObject, a.Check, a.Updated
	if r := a.Report; r != nil {
		m.Verdict, m.Codes, m.AgesOut, m.ReportVersion, m.ReportSum, m.ReportDated, m.Memo = r.Verdict, r.Codes, r.AgesOut, r.ReportVersion, r.ReportSum, r.ReportDated, r.Memo
		if len(m.Codes) == 0 {
			m.Codes = nil // as a whole write reads back
		}
	}
}

// decodeMeta reads metadata as stored: the JSON of a Meta, then those
// of the amendments added since, a line each.
func decodeMeta(data []byte) (Meta, error) {
	var m Meta
	rest, err := parseJSON(data, &m)
	if err != nil {
		return Meta{}, err
	}
	if rest = bytes.TrimSpace(rest); len(rest) == 0 {
		return m, nil
	}
	return amended(m, bytes.Split(rest, []byte("\n")))
}

// decodeMetaLines reads metadata as a store with lines gives it apart
// (storage.Lined): base, the JSON of a Meta, and lines, its amendments.
func decodeMetaLines(base []byte, lines [][]byte) (Meta, error) {
	var m Meta
	rest, err := parseJSON(base, &m)
	if err != nil {
		return Meta{}, err
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return Meta{}, fmt.Errorf("metadata: %d bytes after its JSON", len(rest))
	}
	return amended(m, lines)
}

// amended is m with the amendments lines applied. Every amendment sets
// all of its fields, so only the last one counts, and the last report
// amendment's: the lines before them are not decoded, which was most
// of reading the metadata of an order re-validated night after night.
func amended(m Meta, lines [][]byte) (Meta, error) {
	if len(lines) == 0 {
		return m, nil
	}
	last, err := decodeAmendment(lines[len(lines)-1])
	if err != nil {
		return Meta{}, err
	}
	for i := len(lines) - 2; i >= 0 && last.Report == nil; i-- {
		// json.Marshal writes a report as this, and a string's quotes
		// are escaped: a line without it has no report.
		if !bytes.Contains(lines[i], []byte(`"report":{`)) {
			continue
		}
		a, err := decodeAmendment(lines[i])
		if err != nil {
			return Meta{}, err
		}
		if a.Report != nil {
			a.apply(&m)
			break
		}
	}
	last.apply(&m)
	return m, nil
}

func decodeAmendment(line []byte) (amendment, error) {
	var a amendment
	if err := decodeJSON(line, &a); err != nil {
		return amendment{}, fmt.Errorf("amendment: %w", err)
	}
	return a, nil
}

// readMeta reads the metadata at k without its version.
func (r Records) readMeta(ctx context.Context, k string) (Meta, error) {
	if _, ok := r.Store.(storage.Lined); ok {
		m, _, err := r.metaVersion(ctx, k)
		return m, err
	}
	rc, err := r.Store.Get(ctx, k)
	if errors.Is(err, storage.ErrNotFound) {
		return Meta{}, ErrNotFound
	}
	if err != nil {
		return Meta{}, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return Meta{}, err
	}
	m, err := decodeMeta(data)
	if err != nil {
		return Meta{}, fmt.Errorf("read %s: %w", k, err)
	}
	return m, nil
}

// amendMeta writes m, at version, as the amendment it is of the
// metadata read, where the store takes one; else, or when the metadata
// holds as many as the store keeps, whole (putMeta), which starts it
// afresh.
func (r Records) amendMeta(ctx context.Context, k string, m Meta, version string) error {
	return r.amend(ctx, k, m, version, amendmentOf(m))
}

// amendReport is amendMeta for an edit that also made a new report
// the latest (setReport).
func (r Records) amendReport(ctx context.Context, k string, m Meta, version string) error {
	return r.amend(ctx, k, m, version, reportAmendmentOf(m))
}

func (r Records) amend(ctx context.Context, k string, m Meta, version string, am amendment) error {
	a, ok := r.Store.(storage.Appender)
	if !ok || version == "" {
		return r.putMeta(ctx, k, m, version)
	}
	line, err := encodeLine(am)
	if err != nil {
		return err
	}
	err = a.AppendIf(ctx, k, line, version)
	if errors.Is(err, storage.ErrNoRoom) {
		return r.putMeta(ctx, k, m, version)
	}
	return err
}
