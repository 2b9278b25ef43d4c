package records

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
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

var (
	// ErrNotFound: no such order for this tenant.
	ErrNotFound = errors.New("order not found")
	// ErrExists: the order id is taken.
	ErrExists = errors.New("order exists")
	// ErrInvalidID: ids are letters, digits, '-', '_' and '.'.
	ErrInvalidID = errors.New("invalid id")
)

var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

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
	// Version changes with every upload and check request; a check task
	// is named by it, so a retried request does not check twice.
	Version int `json:"version"`
}

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
	if !idRE.MatchString(tenant) || !idRE.MatchString(id) {
		return "", fmt.Errorf("order %q: %w", id, ErrInvalidID)
	}
	return "orders/" + tenant + "/" + id + "/" + name, nil
}

func (r Records) putJSON(ctx context.Context, k string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return r.Store.Put(ctx, k, bytes.NewReader(data))
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
	// half way leaves nothing a client can see.
	if err := r.putJSON(ctx, mk, m); err != nil {
		return Meta{}, fmt.Errorf("create order %s: %w", o.ID, err)
	}
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
	if err := r.Store.Put(ctx, k, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("save order %s: %w", o.ID, err)
	}
	return nil
}

// Meta returns an order's metadata.
func (r Records) Meta(ctx context.Context, tenant, id string) (Meta, error) {
	k, err := key(tenant, id, "meta.json")
	if err != nil {
		return Meta{}, err
	}
	var m Meta
	if err := r.getJSON(ctx, k, &m); err != nil {
		return Meta{}, fmt.Errorf("order %s: %w", id, err)
	}
	return m, nil
}

// Load returns an order, with its documents as the store's keys, and its
// metadata.
func (r Records) Load(ctx context.Context, tenant, id string) (*order.Order, Meta, error) {
	m, err := r.Meta(ctx, tenant, id)
	if err != nil {
		return nil, Meta{}, err
	}
	k, _ := key(tenant, id, "order.json")
	rc, err := r.Store.Get(ctx, k)
	if err != nil {
		return nil, Meta{}, fmt.Errorf("load order %s: %w", id, err)
	}
	defer rc.Close()
	o, err := order.Decode(rc)
	if err != nil {
		return nil, Meta{}, fmt.Errorf("load order %s: %w", id, err)
	}
	o.Documents = nil
	for _, d := range m.Documents {
		o.Documents = append(o.Documents, order.Document{Kind: order.Kind(d.Kind), Path: d.Name})
	}
	return o, m, nil
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

// Stat describes the document uploaded as name.
func (n NamedDocuments) Stat(ctx context.Context, name string) (storage.Info, error) {
	k, err := n.key(name)
	if err != nil {
		return storage.Info{}, err
	}
	return n.store.Stat(ctx, k)
}

// Update changes an order's metadata with edit and stores it.
func (r Records) Update(ctx context.Context, tenant, id string, edit func(*Meta)) (Meta, error) {
	m, err := r.Meta(ctx, tenant, id)
	if err != nil {
		return Meta{}, err
	}
	edit(&m)
	m.Updated = r.now()
	k, _ := key(tenant, id, "meta.json")
	if err := r.putJSON(ctx, k, m); err != nil {
		return Meta{}, fmt.Errorf("update order %s: %w", id, err)
	}
	return m, nil
}

// AddDocument records an uploaded document (already stored by content)
// under a name; uploading a name again replaces it.
func (r Records) AddDocument(ctx context.Context, tenant, id string, d DocRef) (Meta, error) {
	return r.Update(ctx, tenant, id, func(m *Meta) {
		m.Documents = slices.DeleteFunc(m.Documents, func(x DocRef) bool { return x.Name == d.Name })
		m.Documents = append(m.Documents, d)
		m.Version++
	})
}

// SaveReport stores the latest report and marks the order checked.
func (r Records) SaveReport(ctx context.Context, tenant, id string, rep *report.Report) error {
	k, err := key(tenant, id, "report.json")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep); err != nil {
		return err
	}
	if err := r.Store.Put(ctx, k, &b); err != nil {
		return fmt.Errorf("save report %s: %w", id, err)
	}
	var codes []string
	for _, f := range rep.Findings {
		if !slices.Contains(codes, string(f.Code)) {
			codes = append(codes, string(f.Code))
		}
	}
	_, err = r.Update(ctx, tenant, id, func(m *Meta) { m.Status, m.Verdict, m.Codes = Checked, string(rep.Verdict), codes })
	return err
}

// Report returns the latest report's JSON, or ErrNotFound before one.
func (r Records) Report(ctx context.Context, tenant, id string) ([]byte, error) {
	k, err := key(tenant, id, "report.json")
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
	return io.ReadAll(rc)
}

// List returns a tenant's orders, newest first.
func (r Records) List(ctx context.Context, tenant string) ([]Meta, error) {
	if !idRE.MatchString(tenant) {
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
		var m Meta
		if err := r.getJSON(ctx, i.Key, &m); err != nil {
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
	out := map[string][]string{}
	for _, l := range o.Lines() {
		if l.E164 == "" {
			continue
		}
		infos, err := p.r.Store.List(ctx, "numbers/"+p.tenant+"/"+l.E164+"/")
		if err != nil {
			return nil, err
		}
		for _, i := range infos {
			id := i.Key[strings.LastIndexByte(i.Key, '/')+1:]
			if id == o.ID {
				continue
			}
			m, err := p.r.Meta(ctx, p.tenant, id)
			if err != nil || m.Status == Failed {
				continue
			}
			out[l.E164] = append(out[l.E164], id)
		}
	}
	return out, nil
}
