package records

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/storage"
)

// Statuses of an order (SPEC section 6).
const (
	Draft    = "draft"
	Queued   = "queued"
	Checking = "checking"
	Checked  = "checked"
	Failed   = "failed"
)

// Statuses lists every status, for validating filters.
var Statuses = []string{Draft, Queued, Checking, Checked, Failed}

var (
	// ErrNotFound: no such order for this tenant.
	ErrNotFound = errors.New("order not found")
	// ErrExists: the order id is taken.
	ErrExists = errors.New("order exists")
	// ErrInvalidID: ids are letters, digits, '-', '_' and '.'.
	ErrInvalidID = errors.New("invalid id")
)

// idRE is compiled on first use: its {0,127} makes a program of 1,700
// allocations (120 KB, GODEBUG=inittrace=1), which every process paid
// in init, also a check that stores no order.
var idRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`) })

// DocRef is one uploaded document of an order.
type DocRef struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	SHA256    string `json:"sha256"`
	Bytes     int64  `json:"bytes"`
	MediaType string `json:"media_type"`
}

// Meta is what the service knows of an order besides the order itself.
type Meta struct {
	ID        string    `json:"id"`
	Tenant    string    `json:"location_id"`
	Status    string    `json:"status"`
	Verdict   string    `json:"verdict,omitempty"`
	Codes     []string  `json:"codes,omitempty"`
	Documents []DocRef  `json:"documents"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	// Version changes with every upload: a check is of one version.
	Version int `json:"version"`
	// Reason says why the last check failed (status failed).
	Reason string `json:"reason,omitempty"`
	// ReportVersion and ReportAsOf are what the latest report was made
	// from: the order's version and the as-of date. A report of an older
	// version than Version is stale.
	ReportVersion int    `json:"report_version,omitempty"`
	ReportAsOf    string `json:"report_as_of,omitempty"`
	// ReportObject names the stored report when it was made as of an
	// earlier day than ReportAsOf and is the latest report in all but
	// its as-of date ("" is reportName(ReportVersion, ReportAsOf)), and
	// ReportSum is the latest report's sum without its as-of date
	// (reportSum): a re-validation whose report differs in nothing else
	// writes no report (see the package doc).
	ReportObject string `json:"report_object,omitempty"`
	ReportSum    string `json:"report_sum,omitempty"`
	// ReportDated, when set, is what the latest report changed of the
	// object it is read from: a report made again for another day whose
	// findings of the date rules alone differ (redate.go).
	ReportDated *Replacement `json:"report_dated,omitempty"`
	// Check is the check last asked for; the service's own bookkeeping.
	Check *CheckState `json:"check,omitempty"`
	// OrderObject names the stored order a PATCH wrote last ("" is
	// order.json, as created): each edit writes a new object and this
	// one conditional write of the metadata makes it the order's.
	OrderObject string `json:"order_object,omitempty"`
	// Decisions are the findings reviewers accepted (decisions.go); the
	// verdict counts none of them.
	Decisions []Decision `json:"decisions,omitempty"`
	// AgesOut is the first date a document of the latest report passes
	// its profile's age limit (agesout.go).
	AgesOut string `json:"ages_out,omitempty"`
	// Memo says for which later re-validations the latest report stands
	// (memo.go); nil, as in metadata written before memos, stands for
	// none.
	Memo *Memo `json:"memo,omitempty"`
}

// CheckState is one check request: its task, what it checks, and how
// many times a worker started it and saw it end. An attempt that started
// and never ended killed its worker (out of memory, a crash).
type CheckState struct {
	Task     string `json:"task"`
	Version  int    `json:"version"`
	AsOf     string `json:"as_of"`
	Attempts int    `json:"attempts,omitempty"`
	Ended    int    `json:"ended,omitempty"`
	// Asked is when the check was asked for: a check still pending long
	// after is taken for lost (Redis lost its queue) and asked anew.
	Asked time.Time `json:"asked"`
}

// HasReport reports whether a check has finished for the order.
func (m Meta) HasReport() bool { return m.ReportAsOf != "" }

// reportObject is the name of the stored object the latest report is
// read from.
func (m Meta) reportObject() string {
	if m.ReportObject != "" {
		return m.ReportObject
	}
	return reportName(m.ReportVersion, m.ReportAsOf)
}

// Stale reports whether the latest report was made from an older
// version of the order than the current one.
func (m Meta) Stale() bool { return m.HasReport() && m.ReportVersion != m.Version }

// Records keeps orders in a Store.
type Records struct {
	Store storage.Store
	Now   func() time.Time // default time.Now
}

func (r Records) now() time.Time {
	if r.Now != nil {
		return r.Now().UTC()
	}
	return time.Now().UTC()
}

func key(tenant, id, name string) (string, error) {
	if !idRE().MatchString(tenant) || !idRE().MatchString(id) {
		return "", fmt.Errorf("order %q: %w", id, ErrInvalidID)
	}
	return "orders/" + tenant + "/" + id + "/" + name, nil
}

func (r Records) getJSON(ctx context.Context, k string, v any) error {
	rc, err := r.Store.Get(ctx, k)
	if err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return ErrNotFound
		}
		return err
	}
	defer rc.Close()
	return json.NewDecoder(rc).Decode(v)
}

// Create stores a new order as a draft. The order must not list
// documents: they are uploaded one by one.
func (r Records) Create(ctx context.Context, tenant string, o *order.Order) (Meta, error) {
	mk, err := key(tenant, o.ID, "meta.json")
	if err != nil {
		return Meta{}, err
	}
	if _, err := r.Store.Stat(ctx, mk); err == nil {
		return Meta{}, fmt.Errorf("create order %s: %w", o.ID, ErrExists)
	} else if !errors.Is(err, storage.ErrNotFound) {
		return Meta{}, fmt.Errorf("create order %s: %w", o.ID, err)
	}
	if err := r.saveOrder(ctx, tenant, o); err != nil {
		return Meta{}, err
	}
	if err := r.indexNumbers(ctx, tenant, o); err != nil {
		return Meta{}, err
	}
	now := r.now()
	m := Meta{ID: o.ID, Tenant: tenant, Status: Draft, Documents: []DocRef{}, Created: now, Updated: now}
	// meta.json last: an order without it does not exist, so a failure
	// half way leaves nothing a client can see. Written only if absent:
	// of two creates of one id at once, one is told it exists.
	if err := r.putMeta(ctx, mk, m, ""); errors.Is(err, storage.ErrConflict) {
		return Meta{}, fmt.Errorf("create order %s: %w", o.ID, ErrExists)
	} else if err != nil {
		return Meta{}, fmt.Errorf("create order %s: %w", o.ID, err)
	}
	_ = r.indexStatus(ctx, m) // a guide: a re-validation puts a lost entry right
	return m, nil
}

func (r Records) saveOrder(ctx context.Context, tenant string, o *order.Order) error {
	k, err := key(tenant, o.ID, "order.json")
	if err != nil {
		return err
	}
	data, err := order.EncodeStored(o)
	if err != nil {
		return err
	}
	v, ok := r.Store.(storage.Versioned)
	if !ok {
		if err := r.Store.Put(ctx, k, bytes.NewReader(data)); err != nil {
			return fmt.Errorf("save order %s: %w", o.ID, err)
		}
		return nil
	}
	// Only if absent: of two creates of one id at once, the one whose
	// metadata wins must be the one whose order is stored.
	err = v.PutIf(ctx, k, data, "")
	if errors.Is(err, storage.ErrConflict) {
		err = r.replaceAbandoned(ctx, v, k, data)
	}
	if err != nil {
		return fmt.Errorf("save order %s: %w", o.ID, err)
	}
	return nil
}

// abandonedAfter is how old an order.json without its meta.json must be
// to be a create that died half way rather than one still running.
const abandonedAfter = time.Minute

// replaceAbandoned overwrites the order.json a create left behind when
// it died before writing meta.json; a younger one is a create in
// flight, and this create loses (ErrExists).
func (r Records) replaceAbandoned(ctx context.Context, v storage.Versioned, k string, data []byte) error {
	info, err := r.Store.Stat(ctx, k)
	if err != nil {
		return err
	}
	if time.Since(info.ModTime) < abandonedAfter {
		return ErrExists
	}
	_, version, err := v.GetVersion(ctx, k)
	if err != nil {
		return err
	}
	if err := v.PutIf(ctx, k, data, version); errors.Is(err, storage.ErrConflict) {
		return ErrExists
	} else if err != nil {
		return err
	}
	return nil
}

// Meta returns an order's metadata.
func (r Records) Meta(ctx context.Context, tenant, id string) (Meta, error) {
	k, err := key(tenant, id, "meta.json")
	if err != nil {
		return Meta{}, err
	}
	m, err := r.readMeta(ctx, k)
	if err != nil {
		return Meta{}, fmt.Errorf("order %s: %w", id, err)
	}
	return m, nil
}

// Load returns an order, with its documents as the store's keys, and its
// metadata.
func (r Records) Load(ctx context.Context, tenant, id string) (*order.Order, Meta, error) {
	o, m, err := r.loadOrder(ctx, tenant, id)
	if err != nil {
		return nil, Meta{}, err
	}
	withDocuments(o, m)
	return o, m, nil
}

// LoadVersion is Load that also returns the version the metadata was
// read at, for FinishBatchCheck.
func (r Records) LoadVersion(ctx context.Context, tenant, id string) (*order.Order, Meta, string, error) {
	m, version, err := r.MetaVersion(ctx, tenant, id)
	if err != nil {
		return nil, Meta{}, "", err
	}
	return r.OrderOf(ctx, tenant, id, m, version)
}

// MetaVersion is an order's metadata with the version it was read at.
func (r Records) MetaVersion(ctx context.Context, tenant, id string) (Meta, string, error) {
	mk, err := key(tenant, id, "meta.json")
	if err != nil {
		return Meta{}, "", err
	}
	m, version, err := r.metaVersion(ctx, mk)
	if err != nil {
		return Meta{}, "", fmt.Errorf("order %s: %w", id, err)
	}
	return m, version, nil
}

// OrderOf completes LoadVersion of metadata m read at version
// (MetaVersion): the order it names, with its documents.
func (r Records) OrderOf(ctx context.Context, tenant, id string, m Meta, version string) (*order.Order, Meta, string, error) {
	o, err := r.readOrder(ctx, tenant, id, orderObject(m))
	if errors.Is(err, storage.ErrNotFound) { // a PATCH moved the order meanwhile
		o, m, err = r.Load(ctx, tenant, id)
		return o, m, "", err
	}
	if err != nil {
		return nil, Meta{}, "", fmt.Errorf("load order %s: %w", id, err)
	}
	withDocuments(o, m)
	return o, m, version, nil
}

func withDocuments(o *order.Order, m Meta) {
	o.Documents = OrderDocuments(m)
}

// OrderDocuments are the order's documents as a loaded order lists
// them: by their upload names.
func OrderDocuments(m Meta) []order.Document {
	var out []order.Document
	for _, d := range m.Documents {
		out = append(out, order.Document{Kind: order.Kind(d.Kind), Path: d.Name})
	}
	return out
}

// Documents reads an order's documents by their upload names, so a
// report names "bill.pdf" as `portcheck check` does, not a content key.
func (r Records) Documents(m Meta) NamedDocuments {
	keys := map[string]string{}
	for _, d := range m.Documents {
		keys[d.Name] = storage.DocumentKey(d.SHA256)
	}
	return NamedDocuments{store: r.Store, keys: keys}
}

// NamedDocuments resolves upload names to stored documents.
type NamedDocuments struct {
	store storage.Store
	keys  map[string]string
}

func (n NamedDocuments) key(name string) (string, error) {
	k, ok := n.keys[name]
	if !ok {
		return "", fmt.Errorf("document %q: %w", name, storage.ErrNotFound)
	}
	return k, nil
}

// Get opens the document uploaded as name.
func (n NamedDocuments) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	k, err := n.key(name)
	if err != nil {
		return nil, err
	}
	return n.store.Get(ctx, k)
}

// Digest is the SHA-256 of the document uploaded as name: documents
// are stored by it, so the pipeline finds cached fields without
// reading the file.
func (n NamedDocuments) Digest(name string) (string, bool) {
	k, ok := n.keys[name]
	return strings.TrimPrefix(k, storage.DocumentKey("")), ok
}

// Stat describes the document uploaded as name.
func (n NamedDocuments) Stat(ctx context.Context, name string) (storage.Info, error) {
	k, err := n.key(name)
	if err != nil {
		return storage.Info{}, err
	}
	return n.store.Stat(ctx, k)
}

// Update changes an order's metadata with edit and stores it. The write
// is conditional on the metadata being as edit saw it; when another
// writer came first, Update reads again and edit runs again, so
// concurrent uploads and checks never lose one another's change.
func (r Records) Update(ctx context.Context, tenant, id string, edit func(*Meta)) (Meta, error) {
	return r.update(ctx, tenant, id, func(m *Meta) (bool, error) { edit(m); return true, nil })
}

// maxConflicts bounds the retries of one update: 20 writers at once
// settle well within it.
const maxConflicts = 200

// update is Update with an edit that may decline to write (false) or
// fail.
func (r Records) update(ctx context.Context, tenant, id string, edit func(*Meta) (bool, error)) (Meta, error) {
	return r.updateFrom(ctx, tenant, id, nil, edit)
}

// updateFrom is updateMeta writing the metadata whole.
func (r Records) updateFrom(ctx context.Context, tenant, id string, seen *seenMeta, edit func(*Meta) (bool, error)) (Meta, error) {
	return r.updateMeta(ctx, tenant, id, seen, edit, r.putMeta)
}

// seenMeta is metadata as a caller read it, with the version it was
// read at.
type seenMeta struct {
	m       Meta
	version string
}

// updateMeta is update whose first attempt edits seen, when given,
// without reading the metadata again: a batch read it moments before,
// and over S3 each read is a round trip. The conditional write (put)
// still refuses it if anyone wrote since.
func (r Records) updateMeta(ctx context.Context, tenant, id string, seen *seenMeta, edit func(*Meta) (bool, error), put func(ctx context.Context, k string, m Meta, version string) error) (Meta, error) {
	k, err := key(tenant, id, "meta.json")
	if err != nil {
		return Meta{}, err
	}
	if _, ok := r.Store.(storage.Versioned); !ok || (seen != nil && seen.version == "") {
		seen = nil // without versions a write of what was read may undo a later one
	}
	for attempt := 0; ; attempt++ {
		var m Meta
		var version string
		if seen != nil && attempt == 0 {
			m, version = seen.m, seen.version
		} else if m, version, err = r.metaVersion(ctx, k); err != nil {
			return Meta{}, fmt.Errorf("update order %s: %w", id, err)
		}
		before := m.Status
		write, err := edit(&m)
		if err != nil || !write {
			return m, err
		}
		m.Updated = r.now()
		err = put(ctx, k, m, version)
		if err == nil {
			if m.Status != before {
				_ = r.indexStatus(ctx, m) // a guide: a re-validation puts a lost entry right
			}
			return m, nil
		}
		if !errors.Is(err, storage.ErrConflict) || attempt >= maxConflicts {
			return Meta{}, fmt.Errorf("update order %s: %w", id, err)
		}
		if err := backoff(ctx, attempt); err != nil {
			return Meta{}, fmt.Errorf("update order %s: %w", id, err)
		}
	}
}

// backoff waits a little longer after each conflict, with jitter, so
// writers that collided do not collide again in step.
func backoff(ctx context.Context, attempt int) error {
	d := time.Duration(1+rand.IntN(1+min(attempt, 20))) * time.Millisecond
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// metaVersion reads the metadata with the version a conditional write
// compares against.
func (r Records) metaVersion(ctx context.Context, k string) (Meta, string, error) {
	if l, ok := r.Store.(storage.Lined); ok {
		return metaLines(ctx, l, k)
	}
	v, ok := r.Store.(storage.Versioned)
	if !ok {
		m, err := r.readMeta(ctx, k)
		return m, "", err
	}
	data, version, err := v.GetVersion(ctx, k)
	if errors.Is(err, storage.ErrNotFound) {
		return Meta{}, "", ErrNotFound
	}
	if err != nil {
		return Meta{}, "", err
	}
	m, err := decodeMeta(data)
	if err != nil {
		return Meta{}, "", fmt.Errorf("read %s: %w", k, err)
	}
	return m, version, nil
}

// metaLines is metaVersion of a store that gives the metadata's lines
// apart.
func metaLines(ctx context.Context, l storage.Lined, k string) (Meta, string, error) {
	base, lines, version, release, err := l.GetLines(ctx, k)
	if errors.Is(err, storage.ErrNotFound) {
		return Meta{}, "", ErrNotFound
	}
	if err != nil {
		return Meta{}, "", err
	}
	defer release() // decoding copies what it keeps
	m, err := decodeMetaLines(base, lines)
	if err != nil {
		return Meta{}, "", fmt.Errorf("read %s: %w", k, err)
	}
	return m, version, nil
}

// putMeta writes the metadata if it is still at version ("" for a new
// order). A store without versions is written plainly: there the last
// writer wins (tests' stand-ins only; both real stores are Versioned).
func (r Records) putMeta(ctx context.Context, k string, m Meta, version string) error {
	data, err := encodeMeta(m) // not indented: a fifth fewer bytes to read and hash each night
	if err != nil {
		return err
	}
	if v, ok := r.Store.(storage.Versioned); ok {
		return v.PutIf(ctx, k, data, version)
	}
	return r.Store.Put(ctx, k, bytes.NewReader(data))
}

// AddDocument records an uploaded document (already stored by content)
// under a name; uploading a name again replaces it.
func (r Records) AddDocument(ctx context.Context, tenant, id string, d DocRef) (Meta, error) {
	if err := r.addRef(ctx, tenant, id, d); err != nil {
		return Meta{}, err
	}
	var replaced *DocRef
	m, err := r.Update(ctx, tenant, id, func(m *Meta) {
		replaced = nil
		if i := slices.IndexFunc(m.Documents, func(x DocRef) bool { return x.Name == d.Name }); i >= 0 {
			old := m.Documents[i]
			replaced = &old
			m.Documents = slices.Delete(m.Documents, i, i+1)
		}
		m.Documents = append(m.Documents, d)
		m.Version++
	})
	if err == nil && replaced != nil && replaced.SHA256 != d.SHA256 {
		err = r.release(ctx, tenant, id, *replaced)
	}
	return m, err
}

// storedReport is a report as the service keeps it: with the order
// version it was made from.
type storedReport struct {
	*report.Report
	OrderVersion int `json:"order_version"`
}

func reportName(version int, asOf string) string {
	return fmt.Sprintf("reports/v%d-%s.json", version, asOf)
}

// writeReport stores a report under the version and as-of it was made
// from; a report of one check never overwrites another's, so the
// metadata's switch to a new report is a single conditional write. It
// returns the report's sum (reportSum).
func (r Records) writeReport(ctx context.Context, tenant, id string, version int, rep *report.Report) (string, error) {
	data, sum, err := encodeReport(version, rep)
	if err != nil {
		return "", err
	}
	return sum, r.putReport(ctx, tenant, id, version, rep.AsOf, data)
}

// putReport stores data, a report as encodeReport makes it.
func (r Records) putReport(ctx context.Context, tenant, id string, version int, asOf string, data []byte) error {
	k, err := key(tenant, id, reportName(version, asOf))
	if err != nil {
		return err
	}
	if err := r.Store.Put(ctx, k, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("save report %s: %w", id, err)
	}
	return nil
}

// encodeReport is the report as stored and its sum (reportSum), from
// one encoding: encoding the report was a tenth of a batch's check per
// order, done once for the sum and twice more to store it. The bytes of
// the undated report are the stored ones with the as_of value empty:
// in indented JSON a newline and two spaces start a top-level key and
// nothing else (a string's newlines are escaped), so the as_of found
// there is the report's own.
func encodeReport(version int, rep *report.Report) (data []byte, sum string, err error) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, storedReport{rep, version}); err != nil {
		return nil, "", err
	}
	data = b.Bytes()
	value, err := jsonString(rep.AsOf)
	if err != nil {
		return nil, "", err
	}
	field := []byte("\n  \"as_of\": ")
	i := bytes.Index(data, field)
	if i < 0 || !bytes.HasPrefix(data[i+len(field):], value) {
		sum, err = reportSum(version, rep) // not the shape WriteJSON makes
		return data, sum, err
	}
	h := sha256.New()
	h.Write(data[:i+len(field)])
	h.Write([]byte(`""`))
	h.Write(data[i+len(field)+len(value):])
	return data, hex.EncodeToString(h.Sum(nil)), nil
}

// jsonString is s as report.WriteJSON encodes a string.
func jsonString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// reportSum is the SHA-256 of the report as stored, with its as-of date
// left out: two reports of one sum are the same bytes but for as_of.
func reportSum(version int, rep *report.Report) (string, error) {
	undated := *rep
	undated.AsOf = ""
	h := sha256.New()
	if err := report.WriteJSON(h, storedReport{&undated, version}); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// setReport makes rep, stored as sum, the order's latest report; object
// is where it is stored when that is an earlier day's report ("" when
// it was written as of its own date). memo, when given, says for which
// later re-validations it stands; nil stands for none.
func setReport(m *Meta, version int, rep *report.Report, sum, object string, dated *Replacement, memo *Memo) {
	codes, counts := codesOf(rep.Findings)
	m.Memo = nil
	if memo != nil {
		cp := *memo
		cp.Marks = marksOf(rep)
		cp.Counts = nil
		if slices.ContainsFunc(counts, func(n int) bool { return n > 1 }) {
			cp.Counts = counts
		}
		m.Memo = &cp
	}
	m.Status, m.Verdict, m.Codes, m.Reason = Checked, string(verdictWith(rep, m.Decisions)), codes, ""
	m.AgesOut = agesOut(rep)
	m.ReportVersion, m.ReportAsOf = version, rep.AsOf
	m.ReportSum, m.ReportObject, m.ReportDated = sum, object, dated
}

// codesOf are the codes of findings, each once in the order they come,
// and how many findings hold each.
func codesOf(findings []report.Finding) (codes []string, counts []int) {
	for _, f := range findings {
		if i := slices.Index(codes, string(f.Code)); i >= 0 {
			counts[i]++
			continue
		}
		codes, counts = append(codes, string(f.Code)), append(counts, 1)
	}
	return codes, counts
}

// SaveReport stores a report of the order's current version and marks
// the order checked, whatever check was asked for (tests, tools).
func (r Records) SaveReport(ctx context.Context, tenant, id string, rep *report.Report) error {
	m, err := r.Meta(ctx, tenant, id)
	if err != nil {
		return err
	}
	sum, err := r.writeReport(ctx, tenant, id, m.Version, rep)
	if err != nil {
		return err
	}
	_, err = r.Update(ctx, tenant, id, func(m2 *Meta) { setReport(m2, m.Version, rep, sum, "", nil, nil) })
	return err
}

// Report returns the latest report's JSON, or ErrNotFound before one.
func (r Records) Report(ctx context.Context, tenant, id string) ([]byte, error) {
	m, err := r.Meta(ctx, tenant, id)
	if err != nil {
		return nil, err
	}
	name := "report.json" // stored before reports were kept by version
	if m.HasReport() {
		name = m.reportObject()
	}
	k, err := key(tenant, id, name)
	if err != nil {
		return nil, err
	}
	rc, err := r.Store.Get(ctx, k)
	if err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	if m.ReportObject != "" || m.ReportDated != nil {
		return redated(data, m.ReportAsOf, m.ReportDated, m.Decisions)
	}
	return decided(data, m.Decisions)
}

// List returns a tenant's orders, newest first.
func (r Records) List(ctx context.Context, tenant string) ([]Meta, error) {
	if !idRE().MatchString(tenant) {
		return nil, ErrInvalidID
	}
	infos, err := r.Store.List(ctx, "orders/"+tenant+"/")
	if err != nil {
		return nil, err
	}
	var out []Meta
	for _, i := range infos {
		if !strings.HasSuffix(i.Key, "/meta.json") {
			continue
		}
		m, err := r.readMeta(ctx, i.Key)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Meta) int { return b.Created.Compare(a.Created) })
	return out, nil
}

// Tenants lists every tenant with orders (batch re-validation).
func (r Records) Tenants(ctx context.Context) ([]string, error) {
	infos, err := r.Store.List(ctx, "orders/")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, i := range infos {
		parts := strings.SplitN(i.Key, "/", 3)
		if len(parts) == 3 && !slices.Contains(out, parts[1]) {
			out = append(out, parts[1])
		}
	}
	return out, nil
}

// indexNumbers writes numbers/<tenant>/<E.164>/<id> for each number, so
// a check finds other orders porting the same number without reading
// every order.
func (r Records) indexNumbers(ctx context.Context, tenant string, o *order.Order) error {
	for _, l := range o.Lines() {
		if l.E164 == "" {
			continue
		}
		if err := r.Store.Put(ctx, "numbers/"+tenant+"/"+l.E164+"/"+o.ID, bytes.NewReader(nil)); err != nil {
			return fmt.Errorf("index numbers of %s: %w", o.ID, err)
		}
	}
	return nil
}

// Pending answers pipeline.PendingOrders for one tenant: the orders of
// the tenant, other than failed ones, that port each number.
func (r Records) Pending(tenant string) PendingIndex { return PendingIndex{r: r, tenant: tenant} }

// PendingIndex reads the number index of one tenant.
type PendingIndex struct {
	r      Records
	tenant string
}

// PortingOrders maps each number of o to the ids of the tenant's orders
// that port it and have not failed.
func (p PendingIndex) PortingOrders(ctx context.Context, o *order.Order) (map[string][]string, error) {
	var numbers []string
	for _, l := range o.Lines() {
		if l.E164 != "" {
			numbers = append(numbers, l.E164)
		}
	}
	return p.PortingNumbers(ctx, o.ID, numbers)
}

// keyLister lists the keys directly in a folder ("a/b/"), in key order,
// without what List says of each (storage.FS).
type keyLister interface {
	Keys(ctx context.Context, prefix string) ([]string, error)
}

var _ keyLister = (*storage.FS)(nil)

// keys are the keys of the objects in the folder prefix, which holds no
// folders: through keyLister where the store is one.
func (r Records) keys(ctx context.Context, prefix string) ([]string, error) {
	if kl, ok := r.Store.(keyLister); ok {
		return kl.Keys(ctx, prefix)
	}
	infos, err := r.Store.List(ctx, prefix)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(infos))
	for i, in := range infos {
		out[i] = in.Key
	}
	return out, nil
}

// PortingNumbers is PortingOrders of the order id porting numbers
// (E.164, in its lines' order): a re-validation whose memo names them
// asks without reading the order.
func (p PendingIndex) PortingNumbers(ctx context.Context, id string, numbers []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, e164 := range numbers {
		keys, err := p.r.keys(ctx, "numbers/"+p.tenant+"/"+e164+"/")
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			other := k[strings.LastIndexByte(k, '/')+1:]
			if other == id {
				continue
			}
			m, err := p.r.Meta(ctx, p.tenant, other)
			if err != nil || m.Status == Failed {
				continue
			}
			out[e164] = append(out[e164], other)
		}
	}
	return out, nil
}
