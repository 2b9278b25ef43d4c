package review_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/portcheck/portcheck/api"
	"github.com/portcheck/portcheck/extract"
	"github.com/portcheck/portcheck/extract/ocr/engine"
	"github.com/portcheck/portcheck/order"
	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/storage"
	"github.com/portcheck/portcheck/workers"
)

// TestMain lets this test binary serve as its own OCR child process.
func TestMain(m *testing.M) {
	engine.ServeIfChild()
	os.Exit(m.Run())
}

const (
	acmeKey  = "acme-key-0123456789abcdef"
	otherKey = "other-key-0123456789abcdef"
	asOf     = "2026-11-23"
)

// service is the API with the reviewer UI mounted, over a folder store,
// as `portcheck serve` runs it.
type service struct {
	recs records.Records
	srv  *httptest.Server
}

func newService(t *testing.T) *service {
	t.Helper()
	store, err := storage.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	keys, err := api.ParseKeys(strings.NewReader(acmeKey + " acme\n" + otherKey + " other\n"))
	if err != nil {
		t.Fatal(err)
	}
	recs := records.Records{Store: store}
	h, err := api.Handler(api.Config{Records: recs, Keys: keys, Log: slog.New(slog.DiscardHandler), Metrics: workers.NewMetrics()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &service{recs: recs, srv: srv}
}

// sample reads a sample order of testdata/orders, with change applied,
// and the absolute paths of its documents by upload name.
func sample(t *testing.T, name, id string, change func(*order.Order)) (*order.Order, map[string]string) {
	t.Helper()
	dir := filepath.Join("../testdata/orders", name)
	f, err := os.Open(filepath.Join(dir, "order.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o, err := order.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, d := range o.Documents {
		files[string(d.Kind)+"-"+filepath.Base(d.Path)] = filepath.Join(dir, d.Path)
	}
	o.ID, o.Documents, o.LocationID = id, nil, ""
	if change != nil {
		change(o)
	}
	return o, files
}

// add stores an order with its documents for tenant, and checks it as
// the worker does (extractions cached in the store) when check is set.
func (s *service) add(t *testing.T, tenant string, o *order.Order, files map[string]string, check bool, rec extract.Recognizer) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.recs.Create(ctx, tenant, o); err != nil {
		t.Fatal(err)
	}
	for name, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		_, sum, err := storage.PutDocument(ctx, s.recs.Store, data)
		if err != nil {
			t.Fatal(err)
		}
		kind, _, _ := strings.Cut(name, "-")
		ref := records.DocRef{Name: name, Kind: kind, SHA256: sum, Bytes: int64(len(data)), MediaType: extract.Sniff(data)}
		if _, err := s.recs.AddDocument(ctx, tenant, o.ID, ref); err != nil {
			t.Fatal(err)
		}
	}
	if !check {
		return
	}
	stored, m, err := s.recs.Load(ctx, tenant, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	day, _ := time.Parse(time.DateOnly, asOf)
	cfg := pipeline.Config{AsOf: day, OCR: rec, Cache: pipeline.StoreCache{Store: s.recs.Store}}
	rep, err := pipeline.Check(ctx, stored, s.recs.Documents(m), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.recs.SaveReport(ctx, tenant, o.ID, rep); err != nil {
		t.Fatal(err)
	}
}

// client is a browser stand-in: a cookie jar, no redirects followed, so
// each answer can be looked at.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (s *service) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: s.srv.URL, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// get returns the status and body of a page.
func (c *client) get(path string) (int, string) {
	c.t.Helper()
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

// post sends a form as a page of the same origin does.
func (c *client) post(path string, form url.Values) *http.Response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func (c *client) signIn(key, name string) *http.Response {
	c.t.Helper()
	return c.post("/review/signin", url.Values{"key": {key}, "name": {name}, "next": {"/review/orders"}})
}
