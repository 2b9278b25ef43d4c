package records

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/portcheck/portcheck/storage"
)

// amendment is what StandBatchCheck changes of an order's metadata: a
// store that can (storage.Appender, the folder) takes it as a line
// added to meta.json instead of the whole metadata written again, which
// on a folder is a file made and renamed per order, most of a night on
// which every memo stands. The metadata reads as meta.json with each
// amendment since its last whole write applied in turn (decodeMeta).
// Every field is written, zero or not, so applying one sets exactly what
// the edit set.
type amendment struct {
	Status       string      `json:"status"`
	Reason       string      `json:"reason"`
	ReportAsOf   string      `json:"report_as_of"`
	ReportObject string      `json:"report_object"`
	Check        *CheckState `json:"check"`
	Updated      time.Time   `json:"updated"`
}

func amendmentOf(m Meta) amendment {
	return amendment{Status: m.Status, Reason: m.Reason, ReportAsOf: m.ReportAsOf, ReportObject: m.ReportObject, Check: m.Check, Updated: m.Updated}
}

func (a amendment) apply(m *Meta) {
	m.Status, m.Reason, m.ReportAsOf, m.ReportObject, m.Check, m.Updated = a.Status, a.Reason, a.ReportAsOf, a.ReportObject, a.Check, a.Updated
}

// decodeMeta reads metadata as stored: the JSON of a Meta, then those
// of the amendments added since.
func decodeMeta(data []byte) (Meta, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var m Meta
	if err := dec.Decode(&m); err != nil {
		return Meta{}, err
	}
	for {
		var a amendment
		err := dec.Decode(&a)
		if errors.Is(err, io.EOF) {
			return m, nil
		}
		if err != nil {
			return Meta{}, fmt.Errorf("amendment: %w", err)
		}
		a.apply(&m)
	}
}

// readMeta reads the metadata at k without its version.
func (r Records) readMeta(ctx context.Context, k string) (Meta, error) {
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
	a, ok := r.Store.(storage.Appender)
	if !ok || version == "" {
		return r.putMeta(ctx, k, m, version)
	}
	line, err := json.Marshal(amendmentOf(m))
	if err != nil {
		return err
	}
	err = a.AppendIf(ctx, k, line, version)
	if errors.Is(err, storage.ErrNoRoom) {
		return r.putMeta(ctx, k, m, version)
	}
	return err
}
